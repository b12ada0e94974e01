// The CRM bundle reader: the sample bundle reads cleanly, every bad row is
// reported as file:line: column: what, all at once, and a sync given a bad
// bundle writes nothing.
#include "plugins/crm_reader.h"

#include <sys/stat.h>

#include <cstdio>
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
                           "territory.csv", "teams.csv", "visit_history.csv",
                           "physician_hours.csv", "tiers.csv", "reps_days_off.csv",
                           "call_targets.csv"}) {
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
  EXPECT_EQ(bundle->settings.time_zone, "Europe/Paris");
  const v1::PlanDayRequest request = BuildPlanDayRequest(*bundle, "2026-03-12");
  EXPECT_EQ(request.date(), "2026-03-12");
  ASSERT_EQ(request.reps_size(), 8);
  EXPECT_TRUE(request.reps(0).home().has_lat_lng());
  EXPECT_EQ(request.physicians_size(), 40);
  EXPECT_FALSE(request.physicians(0).product_potential().empty());
  EXPECT_EQ(request.fairness().max_visits_per_rep(), 6u);
}

TEST(CrmReader, SamplePortfolioBecomesTeamsHistoryAndContactRules) {
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(SampleBundleDir());
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  const v1::PlanDayRequest request = BuildPlanDayRequest(*bundle, "2026-03-12");
  ASSERT_EQ(request.teams_size(), 2);
  EXPECT_EQ(request.teams(0).id(), "cardio");
  EXPECT_THAT(request.teams(0).products(),
              ::testing::ElementsAre("Cardiovex", "Respiral"));
  // No bounds in teams.csv: no policy, so the sidecar may use a stored one.
  EXPECT_FALSE(request.teams(0).has_policy());
  // Bounds teams.csv leaves empty come from territory.csv.
  const v1::FairnessBounds& diabetes = request.teams(1).policy();
  EXPECT_EQ(diabetes.max_route_distance(), 55);
  EXPECT_EQ(diabetes.max_workload_spread(), 1u);
  EXPECT_EQ(diabetes.max_visits_per_rep(), 6u);
  for (const v1::Rep& rep : request.reps()) {
    EXPECT_THAT(rep.team_id(), ::testing::AnyOf("cardio", "diabetes"));
  }
  EXPECT_TRUE(request.reps(0).products().empty());  // R01: the team's
  EXPECT_EQ(request.contact_rules().min_days_between_visits(), 7u);
  EXPECT_EQ(request.contact_rules().max_visits_per_day(), 1u);
  ASSERT_GE(request.visit_history_size(), 5);
  EXPECT_EQ(request.visit_history(0).physician_id(), "P004");
  EXPECT_EQ(request.visit_history(0).team_id(), "cardio");
  EXPECT_EQ(request.visit_history(0).date(), "2026-03-10");
  const v1::Physician& p003 = request.physicians(2);
  ASSERT_EQ(p003.id(), "P003");
  EXPECT_EQ(p003.contact().min_days_between_visits(), 14u);
  EXPECT_FALSE(p003.contact().has_max_visits_per_day());
  EXPECT_FALSE(request.physicians(0).has_contact());
}

TEST(CrmReader, EveryBadPortfolioRowIsReportedAtOnce) {
  const std::string dir = CopySample();
  WriteText(dir + "/teams.csv",
            "team_id,name,products,max_workload_spread,max_potential_spread,"
            "max_route_km,max_visits_per_rep\n"
            "cardio,Cardio,Cardiovex;Respiral,-1,,,\n"
            "diabetes,Diabetes,Glucora;Neurolin,,lots,,0\n"
            "cardio,Again,Cardiovex,,,,\n"
            ",Nameless,Glucora,,,,\n");
  ReplaceLine(dir, "reps.csv", 3,
              "R02,Julien Bernard,oncology,45.7725,4.8030,Cardiovex,,,");
  ReplaceLine(dir, "physicians.csv", 3,
              "P002,Dr Hélène Girard,cardiology,somewhere,45.75,4.78,no,-2,,,,");
  ReplaceLine(dir, "physicians.csv", 4,
              "P003,Dr Marie Fontaine,endocrinology,somewhere,45.75,4.78,yes,,-14,,,");
  WriteText(dir + "/visit_history.csv",
            "physician_id,team_id,date\n"
            "P004,cardio,2026-03-10\n"
            "P999,cardio,2026-03-10\n"
            "P012,oncology,2026-03-09\n"
            "P020,diabetes,2026-02-30\n"
            "P032,cardio,06/03/2026\n"
            "P002,,\n"
            "P004,cardio,20203-6-02\n");
  ReplaceLine(dir, "territory.csv", 11, "min_days_between_visits,-7");
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(dir);
  ASSERT_FALSE(bundle.ok());
  EXPECT_EQ(bundle.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(bundle.status().message());
  for (const char* expected : {
           "teams.csv:2: max_workload_spread: must be a whole number",
           "teams.csv:3: max_potential_spread: must be a number",
           "teams.csv:3: max_visits_per_rep: must be a whole number between 1",
           "teams.csv:4: team_id: duplicate team \"cardio\" (first on line 2)",
           "teams.csv:5: team_id: required, but empty",
           "reps.csv:3: team_id: no team \"oncology\" in teams.csv",
           "physicians.csv:3: max_visits_per_day: must be a whole number",
           "physicians.csv:4: min_days_between_visits: must be a whole number",
           "visit_history.csv:3: physician_id: no physician \"P999\"",
           "visit_history.csv:4: team_id: no team \"oncology\"",
           "visit_history.csv:5: date: must be a day YYYY-MM-DD, got \"2026-02-30\"",
           "visit_history.csv:6: date: must be a day YYYY-MM-DD, got \"06/03/2026\"",
           "visit_history.csv:7: team_id: required, but empty",
           "visit_history.csv:7: date: required, but empty",
           // Ten characters that read as a day of the year 20203 (the
           // crm_bundle_fuzzer's finding: the sidecar refused the request).
           "visit_history.csv:8: date: must be a day YYYY-MM-DD, got \"20203-6-02\"",
           "territory.csv:11: value: must be a whole number between 0 and 3650",
       }) {
    EXPECT_THAT(message, HasSubstr(expected));
  }
  EXPECT_THAT(message, Not(HasSubstr("visit_history.csv:2")));

  // The command refuses it the same way and writes nothing.
  const std::string out = callplan::testing::MakeTempDir("callplan-out") + "/calendars";
  const callplan::testing::CommandResult result = callplan::testing::RunCommand(
      absl::StrCat(CALLPLAN_BINARY_DIR, "/bin/callplan-crm sync --crm ", dir,
                   " --date 2026-03-12 --sidecar 127.0.0.1:1 --calendar ", out));
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_THAT(result.err, HasSubstr("visit_history.csv:3: physician_id"));
  EXPECT_THAT(result.err, HasSubstr("nothing was planned or written"));
  struct stat info {};
  EXPECT_NE(stat(out.c_str(), &info), 0) << out << " was created";
}

TEST(CrmReader, RepsNeedProductsOfTheirOwnOrTheirTeams) {
  const std::string dir = CopySample();
  // Without teams.csv, R01's empty product list has nothing to fall back
  // on, and history team ids must be the reps' team ids.
  ASSERT_EQ(std::remove((dir + "/teams.csv").c_str()), 0);
  WriteText(dir + "/visit_history.csv",
            "physician_id,team_id,date\nP004,cardio,2026-03-10\n"
            "P012,oncology,2026-03-09\n");
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(dir);
  ASSERT_FALSE(bundle.ok());
  const std::string message(bundle.status().message());
  EXPECT_THAT(message, HasSubstr("reps.csv:2: products: required"));
  EXPECT_THAT(message, Not(HasSubstr("reps.csv:3: products")));  // its own
  EXPECT_THAT(message, HasSubstr("visit_history.csv:3: team_id: no rep of team \"oncology\""));
  EXPECT_THAT(message, Not(HasSubstr("visit_history.csv:2")));

  // A team with no products leaves its product-less reps with none.
  WriteText(dir + "/teams.csv", "team_id,products\ncardio,\ndiabetes,Glucora\n");
  WriteText(dir + "/visit_history.csv", "physician_id,team_id,date\n");
  bundle = ReadCrmBundle(dir);
  ASSERT_FALSE(bundle.ok());
  EXPECT_THAT(bundle.status().message(),
              HasSubstr("reps.csv:2: products: required: team \"cardio\" lists no products"));
  EXPECT_THAT(bundle.status().message(), Not(HasSubstr("reps.csv:4:")));  // diabetes
}

TEST(CrmReader, BundleWithoutPortfolioFilesStillReads) {
  const std::string dir = CopySample();
  ASSERT_EQ(std::remove((dir + "/teams.csv").c_str()), 0);
  ASSERT_EQ(std::remove((dir + "/visit_history.csv").c_str()), 0);
  ASSERT_EQ(std::remove((dir + "/reps_days_off.csv").c_str()), 0);
  ASSERT_EQ(std::remove((dir + "/call_targets.csv").c_str()), 0);
  // An older bundle: free-form team ids, every rep with its own products.
  WriteText(dir + "/reps.csv",
            "rep_id,name,team_id,home_latitude,home_longitude,products\n"
            "R01,Claire Martin,lyon-nord,45.7797,4.8590,Cardiovex;Glucora\n");
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(dir);
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  EXPECT_TRUE(bundle->teams.empty());
  EXPECT_TRUE(bundle->visit_history.empty());
  const v1::PlanDayRequest request = BuildPlanDayRequest(*bundle, "2026-03-12");
  EXPECT_EQ(request.teams_size(), 0);
  EXPECT_EQ(request.reps(0).team_id(), "lyon-nord");
}

TEST(CrmReader, EveryBadRowIsReportedAtOnce) {
  const std::string dir = CopySample();
  ReplaceLine(dir, "reps.csv", 3,
              "R02,Julien Bernard,cardio,45,77,4.8030,Cardiovex,,,");
  ReplaceLine(dir, "reps.csv", 4,
              "R03,Sophie Dubois,diabetes,95.0,4.8320,Glucora,,,");
  ReplaceLine(dir, "physicians.csv", 5,
              "P004,Dr X,cardiology,somewhere,45.75,east,no,,,,,");
  ReplaceLine(dir, "physicians.csv", 6,
              "P001,Dr Y,cardiology,somewhere,45.75,4.8,maybe,,,,,");
  ReplaceLine(dir, "potentials.csv", 2, "P001,Cardiovex,150");
  ReplaceLine(dir, "potentials.csv", 3, "P999,Glucora,20");
  ReplaceLine(dir, "territory.csv", 4, "day_strat,08:30");
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(dir);
  ASSERT_FALSE(bundle.ok());
  EXPECT_EQ(bundle.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(bundle.status().message());
  EXPECT_THAT(message, HasSubstr("reps.csv:3: row has 10 fields, the header has 9"));
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
  ReplaceLine(dir, "reps.csv", 2, "R01,Claire Martin,cardio,north,4.8590,Cardiovex,,,");
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

namespace callplan::crm {
namespace {

// prescriptions.csv (learned potentials, issue 14): every bad row named by
// file, line and column, all at once, and no bundle returned.
TEST(CrmReader, EveryBadPrescriptionRowIsReportedAtOnce) {
  const std::string dir = CopySample();
  WriteText(dir + "/prescriptions.csv",
            "physician_id,product,month,prescriptions\n"
            "P001,Glucora,2025-01,12\n"
            "P001,Glucora,2025-03,14\n"
            "P001,Glucora,2025-02,9\n"        // 4: out of order
            "P001,Glucora,2025-03,15\n"       // 5: twice
            "P002,Cardiovex,2025-01,-3\n"     // 6: negative
            "P002,Aspirinex,2025-01,4\n"      // 7: no rep promotes it
            "P999,Cardiovex,2025-01,4\n"      // 8: unknown physician
            "P003,Cardiovex,2025/01,4\n"      // 9: not a month
            "P003,Cardiovex,2025-02,four\n"); // 10: not a number
  WriteText(dir + "/visit_history.csv",
            "physician_id,team_id,date,product\n"
            "P004,cardio,2026-03-10,Glucora\n"
            "P004,cardio,2026-03-10,Respiral\n");
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(dir);
  ASSERT_EQ(bundle.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(bundle.status().message());
  for (const char* expected : {
           "prescriptions.csv:4: month: 2025-02 comes after 2025-03 (line 3) for \"P001\" and "
           "\"Glucora\"; each physician's months of a product must ascend",
           "prescriptions.csv:5: month: 2025-03 of \"P001\" for \"Glucora\" given twice "
           "(first on line 3)",
           "prescriptions.csv:6: prescriptions: cannot be negative, got -3",
           "prescriptions.csv:7: product: no rep promotes \"Aspirinex\" (promoted: Cardiovex, "
           "Glucora, Neurolin, Respiral)",
           "prescriptions.csv:8: physician_id: no physician \"P999\" in physicians.csv",
           "prescriptions.csv:9: month: must be a month YYYY-MM, got \"2025/01\"",
           "prescriptions.csv:10: prescriptions: must be a whole number between 0 and",
           "visit_history.csv:2: product: team \"cardio\" does not promote \"Glucora\" (its "
           "products: Cardiovex, Respiral)",
       }) {
    EXPECT_THAT(message, HasSubstr(expected)) << message;
  }
  EXPECT_THAT(message, Not(HasSubstr("visit_history.csv:3")));
}

TEST(CrmReader, PrescriptionsAndTheProductsOfCallsAreRead) {
  const std::string dir = CopySample();
  WriteText(dir + "/prescriptions.csv",
            "physician_id,product,month,prescriptions\n"
            "P001,Glucora,2025-01,12\n"
            "P001,Glucora,2025-02,0\n"
            "P002,Cardiovex,2025-01,7\n");
  WriteText(dir + "/visit_history.csv",
            "physician_id,team_id,date,product\n"
            "P004,cardio,2026-03-10,Respiral\n"
            "P012,diabetes,2026-03-09,\n");
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(dir);
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  ASSERT_EQ(bundle->prescriptions.size(), 3u);
  EXPECT_EQ(bundle->prescriptions[1].month, "2025-02");
  EXPECT_EQ(bundle->prescriptions[1].prescriptions, 0);
  ASSERT_EQ(bundle->visit_history.size(), 2u);
  EXPECT_EQ(bundle->visit_history[0].product, "Respiral");
  EXPECT_EQ(bundle->visit_history[1].product, "");
}

}  // namespace
}  // namespace callplan::crm
