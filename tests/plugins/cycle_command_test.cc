// Writing a planned call cycle, without a sidecar: a cycle built in the
// test is written through WriteCycle into an .ics folder, each visit an
// event on its date; writing it again changes no file, a changed day
// updates only that day's files, a day whose visits disappeared is
// cleared, a plan that does not fit the bundle writes nothing, and the
// report and chart name every rep and every unmet target's reason.
#include "plugins/cycle_command.h"

#include <dirent.h>
#include <sys/stat.h>

#include <map>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/cycle_chart_svg.h"
#include "plugins/cycle_sync.h"
#include "plugins/ics_calendar.h"
#include "plugins/ics_folder.h"
#include "tests/fixtures/process.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::ReadText;
using testing::SampleBundle;

constexpr char kFirst[] = "2026-03-16";  // a Monday
constexpr char kLast[] = "2026-03-29";   // two weeks

// A day of `reps` reps with two visits each, physicians from `first_physician`
// on, 09:00 and 10:00.
v1::PlanDayResponse DayPlan(const CrmBundle& bundle, size_t first_physician,
                            int reps) {
  v1::PlanDayResponse plan;
  size_t next = first_physician;
  for (int r = 0; r < reps; ++r) {
    v1::RepDay* day = plan.add_rep_days();
    day->set_rep_id(bundle.reps[r].id);
    day->set_start_seconds(8 * 3600 + 30 * 60);
    for (int v = 0; v < 2; ++v) {
      v1::Visit* visit = day->add_visits();
      visit->set_physician_id(bundle.physicians[next++ % bundle.physicians.size()].id);
      visit->set_potential(10);
      visit->set_arrival_seconds((9 + v) * 3600);
      visit->set_start_seconds((9 + v) * 3600);
      visit->set_end_seconds((9 + v) * 3600 + 1800);
      day->set_end_seconds(visit->end_seconds() + 900);
    }
  }
  plan.mutable_stats()->set_status(v1::OPTIMAL);
  return plan;
}

// Weekdays of the two weeks planned with three reps; weekends have no day.
v1::PlanCycleResponse TestCycle(const CrmBundle& bundle) {
  v1::PlanCycleResponse cycle;
  std::map<std::pair<std::string, std::string>, int> weeks;
  absl::CivilDay day(2026, 3, 16);
  for (int k = 0; k < 14; ++k, ++day) {
    if (k % 7 >= 5) continue;
    v1::CycleDay* planned = cycle.add_days();
    planned->set_date(absl::FormatCivilTime(day));
    *planned->mutable_plan() = DayPlan(bundle, 6 * k, 3);
    const std::string monday = k < 7 ? "2026-03-16" : "2026-03-23";
    for (const v1::RepDay& rep_day : planned->plan().rep_days()) {
      weeks[{rep_day.rep_id(), monday}] += rep_day.visits_size();
    }
  }
  for (const auto& [key, visits] : weeks) {
    v1::RepWeek* week = cycle.add_rep_weeks();
    week->set_rep_id(key.first);
    week->set_week_start(key.second);
    week->set_visits(visits);
    week->set_potential(10.0 * visits);
  }
  v1::CallAttainment* met = cycle.add_attainment();
  met->set_physician_id("P001");
  met->set_team_id("cardio");
  met->set_tier("A");
  met->set_target_calls(1);
  met->set_planned_calls(2);
  met->set_target_met(true);
  v1::CallAttainment* unmet = cycle.add_attainment();
  unmet->set_physician_id("P003");
  unmet->set_team_id("diabetes");
  unmet->set_tier("B");
  unmet->set_target_calls(4);
  unmet->set_planned_calls(1);
  unmet->set_reason("the 14-day gap allows 1 call in 14 days");
  cycle.mutable_stats()->set_status(v1::FEASIBLE);
  cycle.mutable_stats()->set_targets(2);
  cycle.mutable_stats()->set_targets_met(1);
  return cycle;
}

// Every file of `dir` with its content and modification time.
std::map<std::string, std::string> Snapshot(const std::string& dir) {
  std::map<std::string, std::string> files;
  DIR* folder = opendir(dir.c_str());
  if (folder == nullptr) return files;
  while (dirent* entry = readdir(folder)) {
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    struct stat info {};
    stat((dir + "/" + name).c_str(), &info);
    std::ostringstream stamp;
    stamp << info.st_mtim.tv_sec << "." << info.st_mtim.tv_nsec << "\n";
    files[name] = stamp.str() + ReadText(dir + "/" + name);
  }
  closedir(folder);
  return files;
}

int Write(const CrmBundle& bundle, const v1::PlanCycleResponse& cycle,
          const std::string& dir, std::string* out = nullptr) {
  CycleWriteOptions options;
  options.first_date = kFirst;
  options.last_date = kLast;
  options.target.calendar = dir;
  std::ostringstream stdout_text, stderr_text;
  const int code = WriteCycle(bundle, cycle, options, stdout_text, stderr_text);
  if (out != nullptr) *out = stdout_text.str() + stderr_text.str();
  return code;
}

size_t EventsOn(const std::string& dir, const CrmBundle& bundle,
                const std::string& date) {
  size_t events = 0;
  for (const CrmRep& rep : bundle.reps) {
    const std::string file = RepDayFile(dir, rep.id, date);
    absl::StatusOr<std::vector<FoundEvent>> found = ParseEvents(ReadText(file));
    if (found.ok()) events += found->size();
  }
  return events;
}

TEST(CycleCommand, EveryVisitIsAnEventOnItsDateAndASecondWriteChangesNothing) {
  const CrmBundle bundle = SampleBundle();
  ASSERT_FALSE(bundle.reps.empty());
  const v1::PlanCycleResponse cycle = TestCycle(bundle);
  const std::string dir = callplan::testing::MakeTempDir("callplan-cycle-write");
  std::string out;
  ASSERT_EQ(Write(bundle, cycle, dir, &out), 0) << out;
  for (const v1::CycleDay& day : cycle.days()) {
    EXPECT_EQ(EventsOn(dir, bundle, day.date()), 6u) << day.date();
  }
  EXPECT_EQ(EventsOn(dir, bundle, "2026-03-21"), 0u);  // Saturday: no day
  EXPECT_THAT(out, HasSubstr("total          60  60/0/0/0/0"));

  const auto before = Snapshot(dir);
  ASSERT_EQ(Write(bundle, cycle, dir, &out), 0) << out;
  EXPECT_THAT(out, HasSubstr("total          60  0/0/0/60/0"));
  EXPECT_EQ(Snapshot(dir), before);
}

TEST(CycleCommand, AChangedDayIsUpdatedInPlaceAndAVanishedDayIsCleared) {
  const CrmBundle bundle = SampleBundle();
  v1::PlanCycleResponse cycle = TestCycle(bundle);
  const std::string dir = callplan::testing::MakeTempDir("callplan-cycle-change");
  ASSERT_EQ(Write(bundle, cycle, dir), 0);
  const auto before = Snapshot(dir);
  // 2026-03-18: the first rep's second visit moves an hour later;
  // 2026-03-19: no visits any more.
  v1::Visit* moved = cycle.mutable_days(2)->mutable_plan()->mutable_rep_days(0)
                         ->mutable_visits(1);
  moved->set_start_seconds(moved->start_seconds() + 3600);
  moved->set_arrival_seconds(moved->start_seconds());
  moved->set_end_seconds(moved->end_seconds() + 3600);
  cycle.mutable_days()->DeleteSubrange(3, 1);
  std::string out;
  ASSERT_EQ(Write(bundle, cycle, dir, &out), 0) << out;
  EXPECT_THAT(out, HasSubstr("2026-03-18      6  0/1/0/5/0"));
  EXPECT_THAT(out, HasSubstr("2026-03-19      0  0/0/6/0/0"));
  EXPECT_EQ(EventsOn(dir, bundle, "2026-03-19"), 0u);
  const auto after = Snapshot(dir);
  const std::string changed = RepDayFile("", bundle.reps[0].id, "2026-03-18").substr(1);
  for (const auto& [name, content] : before) {
    const bool report = name.rfind("cycle-", 0) == 0;
    if (name == changed || name.find("2026-03-19") != std::string::npos || report) {
      continue;
    }
    EXPECT_EQ(after.count(name) ? after.at(name) : "", content) << name;
  }
  EXPECT_NE(after.at(changed), before.at(changed));
}

TEST(CycleCommand, ReportAndChartNameEveryRepAndEveryUnmetReason) {
  const CrmBundle bundle = SampleBundle();
  const std::string dir = callplan::testing::MakeTempDir("callplan-cycle-report");
  std::string out;
  ASSERT_EQ(Write(bundle, TestCycle(bundle), dir, &out), 0) << out;
  EXPECT_THAT(out, HasSubstr("cycle: FEASIBLE"));
  EXPECT_THAT(out, HasSubstr("by tier: A 1/1 B 0/1"));
  const std::string report = ReadText(CycleReportFile(dir, kFirst, kLast));
  const std::string chart = ReadText(CycleChartFile(dir, kFirst, kLast));
  for (const CrmRep& rep : bundle.reps) {
    EXPECT_THAT(report, HasSubstr("\n" + rep.id + " ")) << rep.id;
    EXPECT_THAT(chart, HasSubstr(">" + rep.id + " ")) << rep.id;
  }
  EXPECT_THAT(report, HasSubstr("P003 Dr Marie Fontaine, tier B, team diabetes: 1 "
                                "of 4 calls (min 0): the 14-day gap allows 1 call"));
  EXPECT_THAT(report, Not(HasSubstr("P001 Dr")));  // met: not listed
  // Three reps planned 2 visits a day, 5 days a week: 10 calls each week.
  EXPECT_THAT(report, HasSubstr("10 / 100.0"));
  EXPECT_THAT(chart, HasSubstr("week of 2026-03-23: 10 calls"));
  // Self-contained: nothing fetched from elsewhere.
  EXPECT_THAT(chart, Not(HasSubstr("href")));
  EXPECT_THAT(chart, Not(HasSubstr("<image")));
  EXPECT_THAT(chart, HasSubstr("</svg>"));
}

TEST(CycleCommand, APlanThatDoesNotFitTheBundleWritesNothing) {
  const CrmBundle bundle = SampleBundle();
  v1::PlanCycleResponse cycle = TestCycle(bundle);
  cycle.mutable_days(9)->mutable_plan()->mutable_rep_days(0)->set_rep_id("R99");
  const std::string dir = callplan::testing::MakeTempDir("callplan-cycle-misfit");
  std::string out;
  EXPECT_EQ(Write(bundle, cycle, dir, &out), 1);
  EXPECT_THAT(out, HasSubstr("2026-03-27: the plan has a day for rep \"R99\""));
  EXPECT_THAT(out, HasSubstr("no calendar was touched"));
  EXPECT_TRUE(Snapshot(dir).empty());

  cycle = TestCycle(bundle);
  cycle.mutable_days(0)->set_date("2026-03-30");
  EXPECT_EQ(Write(bundle, cycle, dir, &out), 1);
  EXPECT_THAT(out, HasSubstr("outside the cycle 2026-03-16 to 2026-03-29"));
  EXPECT_TRUE(Snapshot(dir).empty());
}

TEST(CycleCommand, ADryRunListsTheChangesAndWritesNothing) {
  const CrmBundle bundle = SampleBundle();
  const std::string dir = callplan::testing::MakeTempDir("callplan-cycle-dry");
  CycleWriteOptions options;
  options.first_date = kFirst;
  options.last_date = kLast;
  options.target.calendar = dir;
  options.target.dry_run = true;
  std::ostringstream out, err;
  ASSERT_EQ(WriteCycle(bundle, TestCycle(bundle), options, out, err), 0) << err.str();
  EXPECT_THAT(out.str(), HasSubstr("would create/update/delete/keep/conflict"));
  EXPECT_THAT(out.str(), HasSubstr("  create Visit 1: "));
  EXPECT_THAT(out.str(), HasSubstr("total          60  60/0/0/0/0"));
  EXPECT_TRUE(Snapshot(dir).empty());
}

TEST(CycleCommand, DatesOnTheCommandLine) {
  EXPECT_TRUE(CheckCycleDates("", "2026-03-16", "2026-04-12").ok());
  EXPECT_TRUE(CheckCycleDates("", "2026-03-16", "2026-03-16").ok());
  EXPECT_THAT(CheckCycleDates("2026-03-12", "2026-03-16", "2026-04-12").message(),
              HasSubstr("give one or the other"));
  EXPECT_THAT(CheckCycleDates("", "2026-03-16", "").message(),
              HasSubstr("--to is required with --from"));
  EXPECT_THAT(CheckCycleDates("", "2026-02-30", "2026-04-12").message(),
              HasSubstr("--from: date \"2026-02-30\" is not a day YYYY-MM-DD"));
  EXPECT_THAT(CheckCycleDates("", "2026-04-12", "2026-03-16").message(),
              HasSubstr("--to 2026-03-16 is before --from 2026-04-12"));
}

TEST(CycleCommand, WeeksStartOnMonday) {
  EXPECT_THAT(CycleWeeks("2026-03-18", "2026-03-30"),
              ElementsAre("2026-03-16", "2026-03-23", "2026-03-30"));
  EXPECT_THAT(CycleWeeks("2026-03-30", "2026-03-18"), ::testing::IsEmpty());
}

}  // namespace
}  // namespace callplan::crm
