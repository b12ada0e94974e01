// What adversarial testing broke in the CRM plugin (issue 10), each as a
// regression test through `callplan-crm` against a real sidecar and, for
// CalDAV, a real Radicale:
//  - finding 2: reps "a/b" and "a_b" each keep their own calendar file;
//  - finding 6: a Latin-1 byte in the bundle is named, never an empty
//    "planning failed: ";
//  - finding 7: a hexadecimal latitude is refused; a bundle the sidecar
//    refuses as too large is bad input (exit 2);
//  - finding 9: a password written into the CalDAV URL is never echoed;
//  - finding 10: every visit's reason names the potential the plan counted.
#include <cmath>
#include <functional>
#include <regex>
#include <set>

#include <google/protobuf/util/json_util.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/ics_calendar.h"
#include "plugins/ics_folder.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/process.h"
#include "tests/fixtures/radicale_process.h"
#include "tests/fixtures/sidecar_process.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::callplan::testing::CommandResult;
using ::callplan::testing::MakeTempDir;
using ::callplan::testing::RunCommand;
using ::callplan::testing::SidecarProcess;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::Crm;
using testing::ReadText;
using testing::SampleBundleDir;
using testing::WriteText;

constexpr char kDate[] = "2026-03-12";

// A copy of the sample bundle, with `edit` applied to each file's text.
std::string CopySample(
    const std::function<void(const std::string& file, std::string& text)>& edit =
        {}) {
  const std::string dir = MakeTempDir("callplan-crm-hardening");
  for (const char* file : {"reps.csv", "physicians.csv", "potentials.csv",
                           "territory.csv", "teams.csv", "visit_history.csv",
                           "physician_hours.csv", "tiers.csv", "reps_days_off.csv",
                           "call_targets.csv"}) {
    std::string text = ReadText(SampleBundleDir() + "/" + file);
    if (edit) edit(file, text);
    WriteText(dir + "/" + file, text);
  }
  return dir;
}

void Replace(std::string& text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
}

CommandResult Sync(const std::string& bundle, const std::string& sidecar,
                   const std::string& calendar) {
  return RunCommand(Crm(absl::StrCat("sync --crm ", bundle, " --date ", kDate,
                                     " --sidecar ", sidecar, " --calendar '",
                                     calendar, "' --retry-seconds 2")));
}

class CrmHardening : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto started = SidecarProcess::Start();
    ASSERT_TRUE(started.ok()) << started.status();
    sidecar_ = started->release();
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(sidecar_->Stop(), 0) << sidecar_->Log();
    delete sidecar_;
  }
  static SidecarProcess* sidecar_;
};
SidecarProcess* CrmHardening::sidecar_ = nullptr;

// The visits in one rep's .ics file, by event UID (one per rep, day and
// physician).
std::set<std::string> VisitsIn(const std::string& file) {
  std::set<std::string> uids;
  absl::StatusOr<std::vector<FoundEvent>> events = ParseEvents(ReadText(file));
  if (!events.ok()) return uids;
  for (const FoundEvent& event : *events) uids.insert(event.uid);
  return uids;
}

TEST_F(CrmHardening, RepsWhoseIdsLookAlikeKeepTheirOwnCalendars) {
  const std::string bundle = CopySample([](const std::string& file, std::string& text) {
    if (file != "reps.csv") return;
    Replace(text, "\nR01,", "\na/b,");
    Replace(text, "\nR02,", "\na_b,");
  });
  const std::string out = MakeTempDir("callplan-crm-lookalike");
  const CommandResult first = Sync(bundle, sidecar_->address(), out);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string slash = RepDayFile(out, "a/b", kDate);
  const std::string underscore = RepDayFile(out, "a_b", kDate);
  EXPECT_NE(slash, underscore);
  const std::set<std::string> slash_visits = VisitsIn(slash);
  const std::set<std::string> underscore_visits = VisitsIn(underscore);
  EXPECT_FALSE(slash_visits.empty()) << first.out;
  EXPECT_FALSE(underscore_visits.empty()) << first.out;

  // The second sync of the same plan deletes nothing and changes nothing.
  const CommandResult second = Sync(bundle, sidecar_->address(), out);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, Not(::testing::ContainsRegex(" [0-9]+/[0-9]+/[1-9][0-9]*/")));
  EXPECT_EQ(VisitsIn(slash), slash_visits);
  EXPECT_EQ(VisitsIn(underscore), underscore_visits);
}

TEST_F(CrmHardening, Latin1NameIsNamedAndNothingIsPlanned) {
  const std::string bundle = CopySample([](const std::string& file, std::string& text) {
    if (file == "physicians.csv") Replace(text, "Dr Pierre Lef\xC3\xA8vre", "Dr Pierre Lef\xE8vre");
  });
  const std::string out = MakeTempDir("callplan-crm-latin1");
  const CommandResult result = Sync(bundle, sidecar_->address(), out);
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_THAT(result.err, HasSubstr("physicians.csv:2: name: not UTF-8 (byte 0xE8"));
  EXPECT_THAT(result.err, HasSubstr("nothing was planned or written"));
  EXPECT_THAT(result.err, Not(HasSubstr("planning failed: \n")));
}

TEST_F(CrmHardening, HexadecimalLatitudeIsRefused) {
  const std::string bundle = CopySample([](const std::string& file, std::string& text) {
    if (file == "physicians.csv") Replace(text, ",45.74829,", ",0x2D,");
  });
  const CommandResult result = Sync(bundle, sidecar_->address(), MakeTempDir("callplan-crm-hex"));
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_THAT(result.err, HasSubstr("physicians.csv:2: latitude: must be a number "
                                    "between -90 and 90, got \"0x2D\""));
}

TEST_F(CrmHardening, BundleTheSidecarRefusesAsTooLargeIsBadInput) {
  // 10,001 physicians: one over the sidecar's default limit of 10,000.
  const std::string bundle = CopySample([](const std::string& file, std::string& text) {
    if (file == "physicians.csv") {
      for (int k = 0; k < 10001 - 40; ++k) {
        absl::StrAppend(&text, "X", k, ",Dr Extra ", k, ",general practice,,45.75,4.83,yes,,,,,\n");
      }
    }
  });
  const std::string out = MakeTempDir("callplan-crm-large");
  const CommandResult result = Sync(bundle, sidecar_->address(), out);
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_THAT(result.err, HasSubstr("INVALID_ARGUMENT: physicians: at most 10000 physicians"));
  EXPECT_THAT(result.err, HasSubstr("no calendar was touched"));
}

TEST_F(CrmHardening, PasswordInTheCalendarUrlIsNeverEchoed) {
  auto radicale = callplan::testing::RadicaleProcess::Start();
  ASSERT_TRUE(radicale.ok()) << radicale.status();
  const std::string url = (*radicale)->url();  // http://127.0.0.1:PORT
  const std::string with_password =
      absl::StrCat("http://planner:s3cr%40t-Pa55@", url.substr(7), "/{rep_id}/visits/");
  const CommandResult synced = Sync(SampleBundleDir(), sidecar_->address(), with_password);
  EXPECT_EQ(synced.exit_code, 0) << synced.err;
  EXPECT_THAT(synced.out + synced.err, Not(HasSubstr("s3cr")));

  // A calendar server that is gone: the error names the server, not the
  // password.
  const std::string port = url.substr(url.rfind(':') + 1);
  (*radicale)->Kill();
  const CommandResult failed = Sync(SampleBundleDir(), sidecar_->address(), with_password);
  EXPECT_EQ(failed.exit_code, 1) << failed.out << failed.err;
  EXPECT_THAT(failed.err, HasSubstr("127.0.0.1:" + port));
  EXPECT_THAT(failed.out + failed.err, Not(HasSubstr("s3cr")));
  EXPECT_THAT(failed.out + failed.err, Not(HasSubstr("Pa55")));
}

TEST_F(CrmHardening, EveryVisitReasonNamesThePotentialThePlanCounted) {
  // The sample's reps mostly take their products from their team.
  const std::string out = MakeTempDir("callplan-crm-reasons");
  const CommandResult result = RunCommand(Crm(absl::StrCat(
      "plan --request ", CALLPLAN_SOURCE_DIR, "/config/sample-portfolio.json",
      " --sidecar ", sidecar_->address())));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  v1::PlanDayResponse plan;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(result.out, &plan).ok());
  int visits = 0;
  const std::regex total(R"(\(potential ([0-9]+)\))");
  for (const v1::RepDay& day : plan.rep_days()) {
    for (const v1::Visit& visit : day.visits()) {
      if (visit.potential() == 0) {
        // A required visit that earns nothing says so.
        EXPECT_THAT(visit.reason(), HasSubstr("no product this rep promotes"));
        continue;
      }
      ++visits;
      std::smatch match;
      ASSERT_TRUE(std::regex_search(visit.reason(), match, total)) << visit.reason();
      EXPECT_EQ(std::stoi(match[1]), static_cast<int>(std::lround(visit.potential())))
          << visit.reason();
    }
  }
  EXPECT_GT(visits, 0);
}

}  // namespace
}  // namespace callplan::crm
