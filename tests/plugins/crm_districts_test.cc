// callplan-crm with districts, against a real sidecar: the sample bundle
// given district_id columns is planned one territory-day per district and
// each rep's calendar written from its district's plan; a district without
// a plan is named while the others are written; a physician in a district
// without reps is an input problem naming file, line and column.
#include <filesystem>
#include <map>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/ics_calendar.h"
#include "plugins/ics_folder.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/sidecar_process.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::testing::HasSubstr;
using callplan::testing::CommandResult;
using callplan::testing::RunCommand;
using testing::Crm;
using testing::ReadText;
using testing::SampleBundleDir;
using testing::WriteText;

constexpr char kDate[] = "2026-03-12";

// Appends a column to every line of a CSV file: `header` on the first,
// `value(k)` on the k-th data line (1-based).
void AddColumn(const std::string& path, const std::string& header,
               const std::function<std::string(int)>& value) {
  std::vector<std::string> lines =
      absl::StrSplit(ReadText(path), '\n', absl::SkipEmpty());
  std::string out;
  for (size_t k = 0; k < lines.size(); ++k) {
    std::string line = lines[k];
    if (!line.empty() && line.back() == '\r') line.pop_back();
    absl::StrAppend(&out, line, ",", k == 0 ? header : value(static_cast<int>(k)),
                    "\n");
  }
  WriteText(path, out);
}

// The sample bundle with reps R01-R04 and physicians P001-P020 in "north",
// the rest in "south".
std::string DistrictBundle() {
  const std::string dir = callplan::testing::MakeTempDir("callplan-districts");
  std::filesystem::copy(SampleBundleDir(), dir,
                        std::filesystem::copy_options::recursive |
                            std::filesystem::copy_options::overwrite_existing);
  AddColumn(dir + "/reps.csv", "district_id",
            [](int k) { return k <= 4 ? "north" : "south"; });
  AddColumn(dir + "/physicians.csv", "district_id",
            [](int k) { return k <= 20 ? "north" : "south"; });
  return dir;
}

std::string SyncArgs(const std::string& crm, const std::string& sidecar,
                     const std::string& calendar) {
  return absl::StrCat("sync --crm ", crm, " --date ", kDate, " --sidecar ",
                      sidecar, " --calendar ", calendar);
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

TEST(CrmDistricts, EachDistrictIsPlannedApartAndWrittenOnce) {
  const std::string crm = DistrictBundle();
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(crm);
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  ASSERT_TRUE(bundle->has_districts);
  auto sidecar = callplan::testing::SidecarProcess::Start();
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const std::string out = callplan::testing::MakeTempDir("callplan-districts-out");
  const CommandResult sync = RunCommand(Crm(SyncArgs(crm, (*sidecar)->address(), out)));
  ASSERT_EQ(sync.exit_code, 0) << sync.out << sync.err << (*sidecar)->Log();
  EXPECT_EQ(Count(sync.out, "district north: plan "), 1u) << sync.out;
  EXPECT_EQ(Count(sync.out, "district south: plan "), 1u) << sync.out;
  EXPECT_THAT(sync.out, HasSubstr("2 of 2 districts written"));
  // One PlanDistricts log line per district, none from PlanDay.
  EXPECT_EQ(Count((*sidecar)->Log(), "method=PlanDistricts"), 2u);

  // Every visit in a rep's calendar is to a physician of the rep's district.
  std::map<std::string, std::string> district_of_name;
  for (const CrmPhysician& p : bundle->physicians) {
    district_of_name[p.name] = p.district_id;
  }
  std::map<std::string, int> visits_in;
  for (const CrmRep& rep : bundle->reps) {
    const std::string file = RepDayFile(out, rep.id, kDate);
    if (!std::filesystem::exists(file)) continue;
    absl::StatusOr<std::vector<FoundEvent>> events = ParseEvents(ReadText(file));
    ASSERT_TRUE(events.ok()) << file;
    for (const FoundEvent& event : *events) {
      std::string found;
      for (const auto& [name, district] : district_of_name) {
        if (absl::StrContains(event.summary, name)) found = district;
      }
      EXPECT_EQ(found, rep.district_id) << rep.id << ": " << event.summary;
      ++visits_in[rep.district_id];
    }
  }
  EXPECT_GT(visits_in["north"], 0);
  EXPECT_GT(visits_in["south"], 0);

  // A second run changes nothing.
  const CommandResult again = RunCommand(Crm(SyncArgs(crm, (*sidecar)->address(), out)));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, ::testing::Not(HasSubstr(" 1/0/0/")));
}

TEST(CrmDistricts, ADistrictWithoutAPlanIsNamedAndTheOthersAreWritten) {
  const std::string crm = DistrictBundle();
  // South: four reps allowed one visit each, twenty physicians required.
  std::string reps = ReadText(crm + "/reps.csv");
  std::vector<std::string> lines = absl::StrSplit(reps, '\n', absl::SkipEmpty());
  std::string rewritten;
  for (size_t k = 0; k < lines.size(); ++k) {
    std::vector<std::string> fields = absl::StrSplit(lines[k], ',');
    if (k > 4) fields[7] = "1";  // max_visits
    absl::StrAppend(&rewritten, absl::StrJoin(fields, ","), "\n");
  }
  WriteText(crm + "/reps.csv", rewritten);
  std::string physicians = ReadText(crm + "/physicians.csv");
  std::vector<std::string> rows = absl::StrSplit(physicians, '\n', absl::SkipEmpty());
  std::string required;
  for (size_t k = 0; k < rows.size(); ++k) {
    std::string row = rows[k];
    if (k > 20) {
      const size_t at = row.find(",yes,");
      if (at != std::string::npos) row.replace(at, 5, ",no,");
    }
    absl::StrAppend(&required, row, "\n");
  }
  WriteText(crm + "/physicians.csv", required);

  auto sidecar = callplan::testing::SidecarProcess::Start();
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const std::string out = callplan::testing::MakeTempDir("callplan-districts-bad");
  const CommandResult sync = RunCommand(Crm(SyncArgs(crm, (*sidecar)->address(), out)));
  EXPECT_EQ(sync.exit_code, 1) << sync.out << sync.err;
  EXPECT_THAT(sync.err, HasSubstr("district south: FAILED_PRECONDITION"));
  EXPECT_THAT(sync.err, HasSubstr("districts not written: south"));
  EXPECT_EQ(Count(sync.out, "district north: plan "), 1u) << sync.out;
  EXPECT_TRUE(std::filesystem::exists(RepDayFile(out, "R01", kDate)));
  EXPECT_FALSE(std::filesystem::exists(RepDayFile(out, "R05", kDate)));
}

TEST(CrmDistricts, WhereATeamRequiresApprovalNoDistrictIsWrittenBySync) {
  const std::string crm = DistrictBundle();
  auto sidecar = callplan::testing::SidecarProcess::Start();
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const CommandResult policy = RunCommand(Crm(absl::StrCat(
      "admin set --team cardio --expected-version 0 --reason 'managers decide' "
      "--require-approval yes --sidecar ", (*sidecar)->address())));
  ASSERT_EQ(policy.exit_code, 0) << policy.err;
  const std::string out = callplan::testing::MakeTempDir("callplan-districts-approval");
  const CommandResult sync = RunCommand(Crm(SyncArgs(crm, (*sidecar)->address(), out)));
  EXPECT_EQ(sync.exit_code, 1) << sync.out << sync.err;
  // Both districts have cardio reps.
  EXPECT_THAT(sync.err, HasSubstr("district north: a team of this district requires"));
  EXPECT_THAT(sync.err, HasSubstr("district south: a team of this district requires"));
  EXPECT_TRUE(std::filesystem::is_empty(out));
}

TEST(CrmDistricts, APhysicianInADistrictWithoutRepsIsAnInputProblem) {
  const std::string crm = callplan::testing::MakeTempDir("callplan-districts-east");
  std::filesystem::copy(SampleBundleDir(), crm,
                        std::filesystem::copy_options::recursive |
                            std::filesystem::copy_options::overwrite_existing);
  AddColumn(crm + "/reps.csv", "district_id",
            [](int k) { return k <= 4 ? "north" : "south"; });
  AddColumn(crm + "/physicians.csv", "district_id",
            [](int k) { return k == 7 ? "east" : "north"; });
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(crm);
  ASSERT_FALSE(bundle.ok());
  EXPECT_THAT(std::string(bundle.status().message()),
              HasSubstr("physicians.csv:8: district_id: district \"east\" has no "
                        "rep in reps.csv"));
  const CommandResult sync =
      RunCommand(Crm(SyncArgs(crm, "127.0.0.1:1", "/nonexistent-calendar")));
  EXPECT_EQ(sync.exit_code, 2);
  EXPECT_THAT(sync.err, HasSubstr("physicians.csv:8: district_id"));
  EXPECT_THAT(sync.err, HasSubstr("nothing was planned or written"));
}

TEST(CrmDistricts, TheColumnGoesOnBothFilesOrNeither) {
  const std::string crm = callplan::testing::MakeTempDir("callplan-districts-half");
  std::filesystem::copy(SampleBundleDir(), crm,
                        std::filesystem::copy_options::recursive |
                            std::filesystem::copy_options::overwrite_existing);
  AddColumn(crm + "/reps.csv", "district_id", [](int) { return "north"; });
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(crm);
  ASSERT_FALSE(bundle.ok());
  EXPECT_THAT(std::string(bundle.status().message()),
              HasSubstr("physicians.csv:1: district_id: missing, but reps.csv has one"));
}

}  // namespace
}  // namespace callplan::crm
