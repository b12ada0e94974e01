// The call cycle's part of the CRM bundle: reps.csv working_days,
// physicians.csv tier, reps_days_off.csv, tiers.csv, call_targets.csv and
// the cycle settings of territory.csv are read as written and reach the
// PlanCycleRequest (with the physicians' weekly office hours and closed
// dates, not one day's availability); every bad value is reported as
// file:line: column: what, all at once.
#include "plugins/cycle_reader.h"

#include <sys/stat.h>

#include <map>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/crm_reader.h"
#include "plugins/cycle_request.h"
#include "plugins/plan_request.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/process.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::WriteText;

// Two teams, three reps, four physicians; `extra` adds or replaces files.
std::string WriteBundle(const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> files = {
      {"teams.csv", "team_id,name,products\ncardio,Cardio,Cardiovex\n"
                    "diabetes,Diabetes,Glucora\n"},
      {"reps.csv",
       "rep_id,name,team_id,home_latitude,home_longitude,products,working_days\n"
       "R1,Ann,cardio,45.76,4.83,,Mon Tue Wed Thu\n"
       "R2,Ben,cardio,45.75,4.85,,\n"
       "R3,Cy,diabetes,45.74,4.84,,mon;WED;Friday\n"},
      {"physicians.csv",
       "physician_id,name,latitude,longitude,tier,closed_dates\n"
       "P1,Dr A,45.76,4.84,A,2026-03-18\n"
       "P2,Dr B,45.77,4.82,B,\n"
       "P3,Dr C,45.74,4.86,,\n"
       "P4,Dr D,45.73,4.85,C,\n"},
      {"potentials.csv",
       "physician_id,product,potential\nP1,Cardiovex,50\nP2,Cardiovex,40\n"
       "P3,Glucora,30\nP4,Glucora,20\n"},
      {"physician_hours.csv", "physician_id,weekday,start,end\nP1,Tue,08:00,12:00\n"},
      {"territory.csv",
       "setting,value\nmin_days_between_visits,7\ncycle_max_workload_spread,3\n"
       "cycle_max_potential_spread,120.5\ncall_response,1;0.5;0.25\n"
       "cycle_time_limit_seconds,30\n"},
      {"tiers.csv",
       "tier,min_calls,target_calls,max_calls,response\n"
       "A,2,4,5,1;0.6;0.35;0.2\nB,1,2,,\nC,,1,1,1\n"},
      {"reps_days_off.csv",
       "rep_id,date,reason\nR2,2026-03-20,training\nR2,2026-03-23,\n"},
      {"call_targets.csv",
       "physician_id,team_id,min_calls,target_calls,max_calls\n"
       "P3,,1,3,3\nP1,diabetes,0,1,\n"},
  };
  for (const auto& [name, text] : extra) files[name] = text;
  const std::string dir = callplan::testing::MakeTempDir("callplan-cycle-reader");
  for (const auto& [name, text] : files) {
    if (!text.empty()) WriteText(dir + "/" + name, text);
  }
  return dir;
}

std::string Problems(const std::map<std::string, std::string>& extra) {
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(WriteBundle(extra));
  EXPECT_FALSE(bundle.ok());
  if (bundle.ok()) return "";
  EXPECT_EQ(bundle.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(bundle.status().message());
}

TEST(CycleReader, ColumnsAndFilesAreReadAsWritten) {
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(WriteBundle({}));
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  EXPECT_THAT(bundle->reps[0].working_days,
              ElementsAre(v1::MONDAY, v1::TUESDAY, v1::WEDNESDAY, v1::THURSDAY));
  EXPECT_THAT(bundle->reps[1].working_days, IsEmpty());
  EXPECT_THAT(bundle->reps[2].working_days,
              ElementsAre(v1::MONDAY, v1::WEDNESDAY, v1::FRIDAY));
  ASSERT_EQ(bundle->reps[1].days_off.size(), 2u);
  EXPECT_EQ(bundle->reps[1].days_off[0].reason, "training");
  EXPECT_EQ(bundle->physicians[0].tier, "A");
  EXPECT_EQ(bundle->physicians[2].tier, "");
  ASSERT_EQ(bundle->tiers.size(), 3u);
  EXPECT_THAT(bundle->tiers[0].response, ElementsAre(1, 0.6, 0.35, 0.2));
  EXPECT_FALSE(bundle->tiers[1].calls.max_calls.has_value());
  EXPECT_EQ(bundle->tiers[2].calls.min_calls, 0u);
  EXPECT_EQ(bundle->call_targets.size(), 2u);
  EXPECT_THAT(bundle->settings.call_response, ElementsAre(1, 0.5, 0.25));
  EXPECT_EQ(bundle->settings.cycle_fairness.max_workload_spread(), 3u);
}

TEST(CycleReader, RepsWorkTheirWeekdaysButNotTheirDaysOff) {
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(WriteBundle({}));
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  const CrmRep& ann = bundle->reps[0];  // Mon-Thu
  const CrmRep& ben = bundle->reps[1];  // Mon-Fri, off 03-20 and 03-23
  EXPECT_TRUE(RepWorksOn(ann, "2026-03-19"));   // Thursday
  EXPECT_FALSE(RepWorksOn(ann, "2026-03-20"));  // Friday
  EXPECT_TRUE(RepWorksOn(ben, "2026-03-19"));
  EXPECT_FALSE(RepWorksOn(ben, "2026-03-20"));
  EXPECT_FALSE(RepWorksOn(ben, "2026-03-22"));  // Sunday
  EXPECT_FALSE(RepWorksOn(ben, "2026-03-23"));
  EXPECT_TRUE(RepWorksOn(ben, "2026-03-24"));
  // The day path plans only the reps who work that day.
  const v1::PlanDayRequest friday = BuildPlanDayRequest(*bundle, "2026-03-20");
  ASSERT_EQ(friday.reps_size(), 1);
  EXPECT_EQ(friday.reps(0).id(), "R3");
}

TEST(CycleReader, CycleRequestCarriesTheWholeCycle) {
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(WriteBundle({}));
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  const v1::PlanCycleRequest request =
      BuildPlanCycleRequest(*bundle, "2026-03-16", "2026-04-12");
  EXPECT_EQ(request.territory().date(), "");
  EXPECT_EQ(request.first_date(), "2026-03-16");
  EXPECT_EQ(request.last_date(), "2026-04-12");
  EXPECT_EQ(request.territory().reps_size(), 3);  // nobody left out
  EXPECT_EQ(request.territory().options().time_limit_seconds(), 30);
  EXPECT_EQ(request.territory().contact_rules().min_days_between_visits(), 7u);
  // Weekly hours and closed dates, never one day's availability.
  const v1::Physician& p1 = request.territory().physicians(0);
  EXPECT_EQ(p1.tier(), "A");
  ASSERT_EQ(p1.office_hours_size(), 1);
  EXPECT_EQ(p1.office_hours(0).weekday(), v1::TUESDAY);
  EXPECT_THAT(p1.closed_dates(), ElementsAre("2026-03-18"));
  EXPECT_EQ(p1.availability_size(), 0);
  // Working days only for reps that differ from Monday to Friday.
  ASSERT_EQ(request.working_days_size(), 3);
  EXPECT_EQ(request.working_days(0).rep_id(), "R1");
  EXPECT_EQ(request.working_days(0).weekdays_size(), 4);
  EXPECT_EQ(request.working_days(1).rep_id(), "R2");
  EXPECT_EQ(request.working_days(1).weekdays_size(), 0);
  EXPECT_THAT(request.working_days(1).days_off(),
              ElementsAre("2026-03-20", "2026-03-23"));
  ASSERT_EQ(request.tiers_size(), 3);
  EXPECT_EQ(request.tiers(0).calls().target_calls(), 4u);
  EXPECT_EQ(request.tiers(0).calls().max_calls(), 5u);
  EXPECT_FALSE(request.tiers(1).calls().has_max_calls());
  ASSERT_EQ(request.targets_size(), 2);
  EXPECT_EQ(request.targets(1).team_id(), "diabetes");
  EXPECT_EQ(request.targets(0).calls().min_calls(), 1u);
  EXPECT_DOUBLE_EQ(request.cycle_fairness().max_potential_spread(), 120.5);
  EXPECT_THAT(request.response(), ElementsAre(1, 0.5, 0.25));
}

TEST(CycleReader, WithoutTheCycleFilesTheBundleReadsAsBefore) {
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(WriteBundle(
      {{"tiers.csv", ""}, {"reps_days_off.csv", ""}, {"call_targets.csv", ""},
       {"physicians.csv",
        "physician_id,name,latitude,longitude\nP1,Dr A,45.76,4.84\n"
        "P2,Dr B,45.77,4.82\nP3,Dr C,45.74,4.86\nP4,Dr D,45.73,4.85\n"}}));
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  const v1::PlanCycleRequest request =
      BuildPlanCycleRequest(*bundle, "2026-03-16", "2026-03-29");
  EXPECT_EQ(request.tiers_size(), 0);
  EXPECT_EQ(request.targets_size(), 0);
  EXPECT_EQ(request.working_days_size(), 2);  // R1 and R3 from reps.csv
}

TEST(CycleReader, EveryBadValueIsNamedByFileLineAndColumn) {
  const std::string problems = Problems({
      {"reps.csv",
       "rep_id,name,team_id,home_latitude,home_longitude,products,working_days\n"
       "R1,Ann,cardio,45.76,4.83,,Mon Tue Thurs\n"
       "R2,Ben,cardio,45.75,4.85,,Mon mon\n"
       "R3,Cy,diabetes,45.74,4.84,,\n"},
      {"physicians.csv",
       "physician_id,name,latitude,longitude,tier\n"
       "P1,Dr A,45.76,4.84,A\nP2,Dr B,45.77,4.82,Z\nP3,Dr C,45.74,4.86,\n"
       "P4,Dr D,45.73,4.85,C\n"},
      {"tiers.csv",
       "tier,min_calls,target_calls,max_calls,response\n"
       "A,5,4,,\nB,1,2,1,\nC,,1,,1;0.5;0.7\nA,,1,,\nD,,,,1;2\nE,,x,,\n"},
      {"reps_days_off.csv",
       "rep_id,date\nR2,2026-02-30\nR9,2026-03-20\nR2,2026-03-20\nR2,2026-03-20\n"},
      {"call_targets.csv",
       "physician_id,team_id,target_calls\nP9,,1\nP1,oncology,1\nP3,,2\nP3,,3\n"},
      {"territory.csv",
       "setting,value\ncall_response,1;1.5\ncycle_max_workload_spread,-1\n"},
  });
  for (const char* expected : {
           "reps.csv:2: working_days: must be weekdays Mon..Sun separated by "
           "spaces, got \"Thurs\"",
           "reps.csv:3: working_days: \"mon\" listed twice",
           "physicians.csv:3: tier: no tier \"Z\" in tiers.csv (known: A, B, C, "
           "D, E)",
           "tiers.csv:2: min_calls: must not exceed target_calls 4, got 5",
           "tiers.csv:3: max_calls: must not be below target_calls 2, got 1",
           "tiers.csv:4: response: call 3 is worth 0.7, more than call 2 (0.5)",
           "tiers.csv:5: tier: duplicate tier \"A\" (first on line 2)",
           "tiers.csv:6: target_calls: required, but empty",
           "tiers.csv:6: response: each call's value must be a number between 0 "
           "and 1, got \"2\"",
           "tiers.csv:7: target_calls: must be a whole number between 0 and 1000, "
           "got \"x\"",
           "reps_days_off.csv:2: date: must be a day YYYY-MM-DD, got \"2026-02-30\"",
           "reps_days_off.csv:3: rep_id: no rep \"R9\" in reps.csv",
           "reps_days_off.csv:5: date: day off of \"R2\" on 2026-03-20 given twice "
           "(first on line 4)",
           "call_targets.csv:2: physician_id: no physician \"P9\" in physicians.csv",
           "call_targets.csv:3: team_id: no team \"oncology\" in teams.csv (known: "
           "cardio, diabetes)",
           "call_targets.csv:5: physician_id: targets of \"P3\" given twice (first "
           "on line 4)",
           "territory.csv:2: value: each call's value must be a number between 0 "
           "and 1, got \"1.5\"",
           "territory.csv:3: value: must be a whole number between 0 and 10000",
       }) {
    EXPECT_THAT(problems, HasSubstr(expected));
  }
}

TEST(CycleReader, ATierWithoutTiersFileIsReported) {
  const std::string problems = Problems({{"tiers.csv", ""}});
  EXPECT_THAT(problems, HasSubstr("physicians.csv:2: tier: tier \"A\", but the "
                                  "bundle has no tiers.csv"));
}

TEST(CycleReader, MissingColumnsAreReportedOnceForTheFile) {
  const std::string problems = Problems(
      {{"tiers.csv", "tier,calls\nA,4\nB,2\nC,1\n"},
       {"reps_days_off.csv", "rep,day\nR1,2026-03-20\n"}});
  EXPECT_THAT(problems, HasSubstr("tiers.csv:1: target_calls: missing column"));
  EXPECT_THAT(problems, HasSubstr("reps_days_off.csv:1: rep_id: missing column"));
  EXPECT_THAT(problems, HasSubstr("reps_days_off.csv:1: date: missing column"));
}

// The sidecar address is never dialled: the command line and the bundle
// are refused first, and no calendar folder is created.
TEST(CycleReader, CycleSyncWithBadInputWritesNothing) {
  const std::string out = callplan::testing::MakeTempDir("callplan-cycle-bad") + "/cal";
  const auto sync = [&out](const std::string& crm, const std::string& dates) {
    return callplan::testing::RunCommand(absl::StrCat(
        CALLPLAN_BINARY_DIR, "/bin/callplan-crm sync --crm ", crm, " ", dates,
        " --sidecar 127.0.0.1:1 --retry-seconds 0 --calendar ", out));
  };
  const std::string bad = WriteBundle({{"tiers.csv", "tier,target_calls\nA,4\nB,two\n"}});
  auto result = sync(bad, "--from 2026-03-16 --to 2026-04-12");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_THAT(result.err, HasSubstr("tiers.csv:3: target_calls: must be a whole number"));
  EXPECT_THAT(result.err, HasSubstr("physicians.csv:5: tier: no tier \"C\""));
  EXPECT_THAT(result.err, HasSubstr("nothing was planned or written"));
  const std::string good = WriteBundle({});
  result = sync(good, "--from 2026-04-12 --to 2026-03-16");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("--to 2026-03-16 is before --from 2026-04-12"));
  result = sync(good, "--date 2026-03-12 --from 2026-03-16 --to 2026-04-12");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("give one or the other"));
  result = sync(good, "--from 2026-03-16 --to 2026-04-31");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("--to: date \"2026-04-31\" is not a day"));
  struct stat info {};
  EXPECT_NE(stat(out.c_str(), &info), 0) << out << " was created";
}

}  // namespace
}  // namespace callplan::crm
