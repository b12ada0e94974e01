// callplan-crm as a CRM runs it, against a real sidecar: the sample bundle
// lands in .ics calendars (and a real Radicale), a second run changes
// nothing, TLS options match a TLS sidecar, a sidecar that is down gives a
// clear error with nothing written, and `plan` sends a raw request.
#include <sys/stat.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/caldav_client.h"
#include "plugins/caldav_sync.h"
#include "plugins/ics_calendar.h"
#include "plugins/ics_folder.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/radicale_process.h"
#include "tests/fixtures/sidecar_process.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::testing::HasSubstr;
using callplan::testing::CommandResult;
using callplan::testing::RunCommand;
using testing::Crm;
using testing::Exists;
using testing::ReadText;
using testing::SampleBundle;
using testing::SampleBundleDir;

constexpr char kDate[] = "2026-03-12";

std::string SyncArgs(const std::string& sidecar, const std::string& calendar) {
  return absl::StrCat("sync --crm ", SampleBundleDir(), " --date ", kDate,
                      " --sidecar ", sidecar, " --calendar '", calendar, "'");
}

TEST(CrmCommand, SampleBundleLandsInIcsFilesAndSecondRunChangesNothing) {
  auto sidecar = callplan::testing::SidecarProcess::Start();
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const std::string out = callplan::testing::MakeTempDir("callplan-crm-out");
  const CommandResult first =
      RunCommand(Crm(SyncArgs((*sidecar)->address(), out)));
  ASSERT_EQ(first.exit_code, 0) << first.err << (*sidecar)->Log();
  EXPECT_THAT(first.out, HasSubstr("plan: OPTIMAL"));
  EXPECT_THAT(first.out, HasSubstr("created/updated/deleted/kept/conflicts"));
  // Typed-in potentials: the day is listed without the model's reasons.
  EXPECT_THAT(first.out, ::testing::Not(HasSubstr("why: ")));
  const CrmBundle bundle = SampleBundle();
  size_t events = 0;
  for (const CrmRep& rep : bundle.reps) {
    const std::string file = RepDayFile(out, rep.id, kDate);
    if (!Exists(file)) continue;
    absl::StatusOr<std::vector<FoundEvent>> found = ParseEvents(ReadText(file));
    ASSERT_TRUE(found.ok()) << file;
    events += found->size();
  }
  // The sample plans everyone its contact rules and office hours allow
  // today.
  EXPECT_EQ(events, testing::PlannableOn(bundle, kDate));
  const std::string map = absl::StrCat(out, "/route-map_", kDate, ".svg");
  EXPECT_THAT(ReadText(map), HasSubstr("</svg>"));

  const std::string r01 = ReadText(RepDayFile(out, "R01", kDate));
  const CommandResult second =
      RunCommand(Crm(SyncArgs((*sidecar)->address(), out)));
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr(" 0/0/0/"));
  EXPECT_THAT(second.out, ::testing::Not(HasSubstr(" 1/0/0/")));
  EXPECT_EQ(ReadText(RepDayFile(out, "R01", kDate)), r01);
}

TEST(CrmCommand, SyncIntoRadicaleCalendars) {
  auto sidecar = callplan::testing::SidecarProcess::Start();
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  auto radicale = callplan::testing::RadicaleProcess::Start();
  ASSERT_TRUE(radicale.ok()) << radicale.status();
  const std::string calendar = (*radicale)->url() + "/{rep_id}/visits/";
  const CommandResult dry = RunCommand(
      Crm(SyncArgs((*sidecar)->address(), calendar) + " --dry-run"));
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("create Visit 1: "));
  const CommandResult sync =
      RunCommand(Crm(SyncArgs((*sidecar)->address(), calendar)));
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  CalDavClient client({});
  size_t events = 0;
  for (const CrmRep& rep : SampleBundle().reps) {
    auto listed = client.ListEvents(CalendarUrl(calendar, rep.id),
                                    absl::CivilDay(2026, 3, 12));
    ASSERT_TRUE(listed.ok()) << listed.status();
    events += listed->size();
  }
  EXPECT_EQ(events, testing::PlannableOn(SampleBundle(), kDate));
}

TEST(CrmCommand, TlsOptionsMatchAMutualTlsSidecar) {
  callplan::testing::SidecarOptions options;
  options.tls = true;
  options.mutual_tls = true;
  auto sidecar = callplan::testing::SidecarProcess::Start(options);
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const callplan::testing::TestPki& pki = (*sidecar)->pki();
  const std::string out = callplan::testing::MakeTempDir("callplan-crm-tls");
  const CommandResult plain = RunCommand(
      Crm(SyncArgs((*sidecar)->address(), out) + " --retry-seconds 0"));
  EXPECT_EQ(plain.exit_code, 1);
  EXPECT_FALSE(Exists(RepDayFile(out, "R01", kDate)));
  const CommandResult tls = RunCommand(Crm(absl::StrCat(
      SyncArgs((*sidecar)->address(), out), " --tls-ca ", pki.ca_cert,
      " --tls-cert ", pki.client_cert, " --tls-key ", pki.client_key)));
  ASSERT_EQ(tls.exit_code, 0) << tls.err;
  EXPECT_TRUE(Exists(RepDayFile(out, "R01", kDate)));
}

TEST(CrmCommand, SidecarDownIsAClearErrorAndNothingIsWritten) {
  auto sidecar = callplan::testing::SidecarProcess::Start();
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const std::string address = (*sidecar)->address();
  (*sidecar)->Stop();
  const std::string out = callplan::testing::MakeTempDir("callplan-crm-down") + "/cal";
  const CommandResult result =
      RunCommand(Crm(SyncArgs(address, out) + " --retry-seconds 1"));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("sidecar " + address + " unavailable after"));
  EXPECT_THAT(result.err, HasSubstr("no calendar was touched"));
  EXPECT_FALSE(Exists(out));
}

TEST(CrmCommand, PlanSendsARawRequest) {
  auto sidecar = callplan::testing::SidecarProcess::Start();
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const CommandResult result = RunCommand(Crm(absl::StrCat(
      "plan --request ", CALLPLAN_SOURCE_DIR, "/config/sample-territory.json",
      " --sidecar ", (*sidecar)->address())));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"rep_days\""));
  const CommandResult bad = RunCommand(Crm(absl::StrCat(
      "plan --request ", CALLPLAN_SOURCE_DIR, "/README.md --sidecar ",
      (*sidecar)->address())));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("not a PlanDayRequest in JSON"));
}

}  // namespace
}  // namespace callplan::crm
