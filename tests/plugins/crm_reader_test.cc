// The CRM bundle reader: the sample bundle reads cleanly, every bad row is
// reported as file:line: column: what, all at once, and a sync given a bad
// bundle writes nothing.
#include "plugins/crm_reader.h"

#include <sys/stat.h>

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/plan_request.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/process.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::ReadText;
using testing::SampleBundleDir;
using testing::WriteText;

// A copy of the sample bundle to break.
std::string CopySample() {
  const std::string dir = callplan::testing::MakeTempDir("callplan-crm");
  for (const char* file : {"reps.csv", "physicians.csv", "potentials.csv",
                           "territory.csv"}) {
    WriteText(dir + "/" + file, ReadText(SampleBundleDir() + "/" + file));
  }
  return dir;
}

// Replaces line `line` (1-based) of dir/file.
void ReplaceLine(const std::string& dir, const std::string& file, int line,
                 const std::string& text) {
  std::string content = ReadText(dir + "/" + file);
  size_t start = 0;
  for (int i = 1; i < line; ++i) start = content.find('\n', start) + 1;
  const size_t end = content.find('\n', start);
  content.replace(start, end - start, text);
  WriteText(dir + "/" + file, content);
}

TEST(CrmReader, SampleBundleReadsAndBecomesARequest) {
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(SampleBundleDir());
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  EXPECT_EQ(bundle->reps.size(), 8u);
  EXPECT_EQ(bundle->physicians.size(), 40u);
  EXPECT_EQ(bundle->settings.territory_id, "lyon-metro");
  EXPECT_EQ(bundle->settings.layout.time_zone, "Europe/Paris");
  const v1::PlanDayRequest request = BuildPlanDayRequest(*bundle, "2026-03-12");
  EXPECT_EQ(request.date(), "2026-03-12");
  ASSERT_EQ(request.reps_size(), 8);
  EXPECT_TRUE(request.reps(0).home().has_lat_lng());
  EXPECT_EQ(request.physicians_size(), 40);
  EXPECT_FALSE(request.physicians(0).product_potential().empty());
  EXPECT_EQ(request.fairness().max_visits_per_rep(), 6u);
}

TEST(CrmReader, EveryBadRowIsReportedAtOnce) {
  const std::string dir = CopySample();
  ReplaceLine(dir, "reps.csv", 3,
              "R02,Julien Bernard,lyon-nord,45,77,4.8030,Cardiovex,,");
  ReplaceLine(dir, "reps.csv", 4,
              "R03,Sophie Dubois,lyon-nord,95.0,4.8320,Glucora,,");
  ReplaceLine(dir, "physicians.csv", 5,
              "P004,Dr X,cardiology,somewhere,45.75,east,no");
  ReplaceLine(dir, "physicians.csv", 6,
              "P001,Dr Y,cardiology,somewhere,45.75,4.8,maybe");
  ReplaceLine(dir, "potentials.csv", 2, "P001,Cardiovex,150");
  ReplaceLine(dir, "potentials.csv", 3, "P999,Glucora,20");
  ReplaceLine(dir, "territory.csv", 4, "day_strat,08:30");
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(dir);
  ASSERT_FALSE(bundle.ok());
  EXPECT_EQ(bundle.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(bundle.status().message());
  EXPECT_THAT(message, HasSubstr("reps.csv:3: row has 9 fields, the header has 8"));
  EXPECT_THAT(message, HasSubstr("reps.csv:4: home_latitude: must be between -90 and 90"));
  EXPECT_THAT(message, HasSubstr("physicians.csv:5: longitude: must be a number"));
  EXPECT_THAT(message, HasSubstr("physicians.csv:6: physician_id: duplicate physician \"P001\" (first on line 2)"));
  EXPECT_THAT(message, HasSubstr("physicians.csv:6: optional: must be yes or no"));
  EXPECT_THAT(message, HasSubstr("potentials.csv:2: potential: must be between 0 and 100"));
  EXPECT_THAT(message, HasSubstr("potentials.csv:3: physician_id: no physician \"P999\""));
  EXPECT_THAT(message, HasSubstr("territory.csv:4: setting: unknown setting \"day_strat\""));
}

TEST(CrmReader, QuotedFieldsKeepLineNumbersRight) {
  const std::string dir = CopySample();
  // A CRLF file with a byte-order mark and an address spanning two lines:
  // the row after it starts on line 4, and that is where its error is.
  WriteText(dir + "/physicians.csv",
            "\xEF\xBB\xBFphysician_id,name,specialty,address,latitude,longitude,optional\r\n"
            "P001,\"Dr A, senior\",cardiology,\"1 rue X\r\n69001 Lyon\",45.76,4.83,no\r\n"
            "P002,Dr B,cardiology,2 rue Y,45.7x,4.83,no\r\n");
  WriteText(dir + "/potentials.csv", "physician_id,product,potential\nP001,Cardiovex,50\n");
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(dir);
  ASSERT_FALSE(bundle.ok());
  EXPECT_THAT(bundle.status().message(),
              HasSubstr("physicians.csv:4: latitude: must be a number"));
  EXPECT_THAT(bundle.status().message(), Not(HasSubstr("physicians.csv:2")));
}

TEST(CrmReader, MissingFilesAndColumnsAreNamed) {
  const std::string dir = callplan::testing::MakeTempDir("callplan-crm");
  WriteText(dir + "/reps.csv", "rep_id,name\nR1,Ann\n");
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(dir);
  ASSERT_FALSE(bundle.ok());
  const std::string message(bundle.status().message());
  EXPECT_THAT(message, HasSubstr("reps.csv:1: home_latitude: missing column"));
  EXPECT_THAT(message, HasSubstr("physicians.csv: missing from the bundle"));
  EXPECT_THAT(message, HasSubstr("potentials.csv: missing from the bundle"));
  EXPECT_EQ(ReadCrmBundle(dir + "/nowhere").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(CrmReader, SyncWithABadBundleWritesNothing) {
  const std::string dir = CopySample();
  ReplaceLine(dir, "reps.csv", 2, "R01,Claire Martin,lyon-nord,north,4.8590,Cardiovex,,");
  ReplaceLine(dir, "potentials.csv", 5, "P002,Cardiovex,-3");
  const std::string out = callplan::testing::MakeTempDir("callplan-out") + "/calendars";
  // The sidecar address is never dialled: the bundle is rejected first.
  const callplan::testing::CommandResult result = callplan::testing::RunCommand(
      absl::StrCat(CALLPLAN_BINARY_DIR, "/bin/callplan-crm sync --crm ", dir,
                   " --date 2026-03-12 --sidecar 127.0.0.1:1 --calendar ", out));
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_THAT(result.err, HasSubstr("reps.csv:2: home_latitude: must be a number"));
  EXPECT_THAT(result.err, HasSubstr("potentials.csv:5: potential: must be between 0 and 100"));
  EXPECT_THAT(result.err, HasSubstr("nothing was planned or written"));
  struct stat info {};
  EXPECT_NE(stat(out.c_str(), &info), 0) << out << " was created";
}

}  // namespace
}  // namespace callplan::crm
