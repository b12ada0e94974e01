// The cycle planner through its public entry point: rules re-checked from
// the output (gap, office hours, working days, max calls), targets met on
// planted cycles, never below the day-by-day plan, numbers that add up,
// every unmet target explained.
#include "solver/cycle/cycle_planner.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fixtures/cycle_generator.h"

namespace callplan {
namespace {

using ::testing::HasSubstr;

SolveOptions Seconds(double limit) {
  SolveOptions options;
  options.time_limit_seconds = limit;
  return options;
}

int DaysBetween(const std::string& a, const std::string& b) {
  absl::CivilDay x, y;
  absl::ParseCivilTime(a, &x);
  absl::ParseCivilTime(b, &y);
  return static_cast<int>(y - x);
}

const Physician& PhysicianOn(const CycleDay& day, const std::string& id) {
  for (const Physician& p : day.territory.physicians) {
    if (p.id == id) return p;
  }
  static const Physician none;
  return none;
}

// Every rule of the cycle, checked from the answer alone.
void ExpectRulesHold(const CycleTerritory& cycle, const CyclePlan& plan,
                     uint32_t gap) {
  ASSERT_EQ(plan.days.size(), cycle.days.size());
  std::map<std::string, std::vector<std::string>> called;
  for (size_t d = 0; d < plan.days.size(); ++d) {
    EXPECT_EQ(plan.days[d].date, cycle.days[d].date);
    std::set<std::string> working;
    for (const Rep& rep : cycle.days[d].territory.reps) working.insert(rep.id);
    for (const RepDay& rep_day : plan.days[d].plan.rep_days) {
      if (!rep_day.visits.empty()) {
        EXPECT_TRUE(working.count(rep_day.rep_id))
            << rep_day.rep_id << " works on " << plan.days[d].date;
      }
      for (const Visit& visit : rep_day.visits) {
        called[visit.physician_id].push_back(plan.days[d].date);
        const Physician& physician = PhysicianOn(cycle.days[d], visit.physician_id);
        ASSERT_TRUE(physician.availability.has_value());
        bool inside = false;
        for (const TimeWindow& w : *physician.availability) {
          inside = inside || w.contains(visit.start_seconds);
        }
        EXPECT_TRUE(inside) << visit.physician_id << " on " << plan.days[d].date
                            << " at " << visit.start_seconds;
      }
    }
  }
  for (const auto& [physician, dates] : called) {
    for (size_t k = 1; k < dates.size(); ++k) {
      EXPECT_GE(DaysBetween(dates[k - 1], dates[k]), static_cast<int>(gap))
          << physician << ": " << dates[k - 1] << " and " << dates[k];
    }
  }
  for (const CallAttainment& row : plan.attainment) {
    EXPECT_EQ(row.dates, called[row.physician_id]) << row.physician_id;
    if (row.targets.max_calls) {
      EXPECT_LE(row.dates.size(), *row.targets.max_calls) << row.physician_id;
    }
  }
}

TEST(PlanCycle, RandomCyclesKeepEveryRule) {
  for (uint32_t seed = 1; seed <= 4; ++seed) {
    CycleShape shape;
    shape.seed = seed;
    shape.gap_days = 2 + seed % 3;
    const CycleTerritory cycle = GenerateCycle(shape);
    absl::StatusOr<CyclePlan> plan = PlanCycle(cycle, Seconds(20));
    ASSERT_TRUE(plan.ok()) << plan.status();
    ExpectRulesHold(cycle, *plan, shape.gap_days);
    EXPECT_GE(plan->stats.objective, plan->stats.day_by_day_objective - 1e-6);
    EXPECT_LE(plan->stats.objective, plan->stats.best_bound + 1e-6);
  }
}

TEST(PlanCycle, NumbersAddUp) {
  CycleShape shape;
  shape.seed = 7;
  const CycleTerritory cycle = GenerateCycle(shape);
  absl::StatusOr<CyclePlan> plan = PlanCycle(cycle, Seconds(20));
  ASSERT_TRUE(plan.ok()) << plan.status();
  uint32_t visits = 0, met = 0, targets = 0;
  double value = 0;
  for (const CycleDayPlan& day : plan->days) {
    for (const RepDay& rep_day : day.plan.rep_days) {
      visits += rep_day.visits.size();
      for (const Visit& v : rep_day.visits) value += v.potential;
    }
  }
  double attained = 0;
  for (const CallAttainment& row : plan->attainment) {
    attained += row.value;
    if (row.targets.target_calls > 0) {
      ++targets;
      if (row.target_met()) ++met;
    }
    EXPECT_EQ(row.reason.empty(), row.target_met()) << row.physician_id;
  }
  EXPECT_EQ(plan->stats.calls, visits);
  EXPECT_NEAR(plan->stats.response_value, value, 1e-6);
  EXPECT_NEAR(attained, value, 1e-6);
  EXPECT_EQ(plan->stats.targets, targets);
  EXPECT_EQ(plan->stats.targets_met, met);
  uint32_t week_visits = 0;
  for (const RepWeek& week : plan->rep_weeks) week_visits += week.visits;
  EXPECT_EQ(week_visits, visits);
}

// Ten physicians open only on Mondays and Thursdays, two calls each in two
// weeks, three days apart; two reps of three visits a day. A plan meeting
// every target exists (five calls on each of the four open days); the
// day-by-day plan gives the six high potentials (90+) their second and
// third calls (worth 54 and 31) before the four low ones (15+) their first.
CycleTerritory PlantedMondaysAndThursdays() {
  CycleShape shape;
  shape.reps = 2;
  shape.physicians = 10;
  shape.max_visits_per_rep = 3;
  shape.gap_days = 3;
  shape.area_km = 5;
  CycleTerritory cycle = GenerateCycle(shape);
  for (CycleDay& day : cycle.days) {
    const int wd = WeekdayOf(day.date);
    for (Physician& p : day.territory.physicians) {
      p.availability = std::vector<TimeWindow>{};
      if (wd == 1 || wd == 4) p.availability->push_back({9 * 3600, 16 * 3600});
    }
  }
  for (CycleDay& day : cycle.days) {
    for (int j = 0; j < 10; ++j) {
      day.territory.physicians[j].product_potential["P"] = j < 6 ? 90 + j : 15 + j;
    }
  }
  for (PhysicianGoal& goal : cycle.goals) goal.targets = {0, 2, std::nullopt};
  return cycle;
}

TEST(PlanCycle, MeetsEveryTargetAPlantedPlanMeets) {
  const CycleTerritory cycle = PlantedMondaysAndThursdays();
  absl::StatusOr<CyclePlan> plan = PlanCycle(cycle, Seconds(20));
  ASSERT_TRUE(plan.ok()) << plan.status();
  ExpectRulesHold(cycle, *plan, 3);
  EXPECT_EQ(plan->stats.targets, 10u);
  EXPECT_EQ(plan->stats.targets_met, 10u);
  for (const CallAttainment& row : plan->attainment) {
    EXPECT_TRUE(row.target_met()) << row.physician_id << ": " << row.reason;
  }
  EXPECT_GT(plan->stats.objective, plan->stats.day_by_day_objective);
}

TEST(PlanCycle, ExplainsEveryTargetNotMet) {
  CycleTerritory cycle = PlantedMondaysAndThursdays();
  // P1 never opens; P2 wants 5 calls where its four open days allow 4.
  for (CycleDay& day : cycle.days) day.territory.physicians[0].availability->clear();
  cycle.goals[1].targets = {0, 5, 5};
  cycle.goals[1].response = {1, 0.8, 0.6, 0.4, 0.2};
  absl::StatusOr<CyclePlan> plan = PlanCycle(cycle, Seconds(20));
  ASSERT_TRUE(plan.ok()) << plan.status();
  std::map<std::string, std::string> reason;
  for (const CallAttainment& row : plan->attainment) reason[row.physician_id] = row.reason;
  EXPECT_THAT(reason["P1"], HasSubstr("no day of the cycle allows a call"));
  EXPECT_THAT(reason["P1"], HasSubstr("closed"));
  EXPECT_THAT(reason["P2"], HasSubstr("at most 4 calls fit"));
  EXPECT_THAT(reason["P2"], HasSubstr("3 days apart"));
}

TEST(PlanCycle, HistoryCountsTowardsTheGap) {
  CycleTerritory cycle = PlantedMondaysAndThursdays();
  for (CycleDay& day : cycle.days) {
    day.territory.visit_history.push_back({"P3", "", "2027-01-02"});
  }
  absl::StatusOr<CyclePlan> plan = PlanCycle(cycle, Seconds(20));
  ASSERT_TRUE(plan.ok()) << plan.status();
  for (const CallAttainment& row : plan->attainment) {
    if (row.physician_id != "P3") continue;
    ASSERT_FALSE(row.dates.empty());
    EXPECT_GE(DaysBetween("2027-01-02", row.dates.front()), 3);
  }
}

TEST(PlanCycle, KeepsTheCycleWorkloadSpread) {
  CycleShape shape;
  shape.seed = 3;
  shape.reps = 3;
  CycleTerritory cycle = GenerateCycle(shape);
  // R1 is off the whole first week: the others may not run ahead.
  for (int d = 0; d < 7; ++d) {
    auto& reps = cycle.days[d].territory.reps;
    reps.erase(std::remove_if(reps.begin(), reps.end(),
                              [](const Rep& r) { return r.id == "R1"; }),
               reps.end());
  }
  cycle.fairness.max_workload_spread = 4;
  absl::StatusOr<CyclePlan> plan = PlanCycle(cycle, Seconds(20));
  ASSERT_TRUE(plan.ok()) << plan.status();
  std::map<std::string, int> visits;
  for (const CycleDayPlan& day : plan->days) {
    for (const RepDay& rep_day : day.plan.rep_days) visits[rep_day.rep_id] += rep_day.visits.size();
  }
  ASSERT_EQ(visits.size(), 3u);
  int most = 0, fewest = 1 << 30;
  for (const auto& [rep, n] : visits) {
    most = std::max(most, n);
    fewest = std::min(fewest, n);
  }
  EXPECT_LE(most - fewest, 4);
  EXPECT_GT(fewest, 0);
}

TEST(PlanCycle, KeepsTheCyclePotentialSpread) {
  CycleShape shape;
  shape.seed = 4;
  CycleTerritory cycle = GenerateCycle(shape);
  // R2 works only the second week.
  for (int d = 0; d < 7; ++d) {
    auto& reps = cycle.days[d].territory.reps;
    reps.erase(std::remove_if(reps.begin(), reps.end(),
                              [](const Rep& r) { return r.id == "R2"; }),
               reps.end());
  }
  cycle.fairness.max_potential_spread = 150;
  absl::StatusOr<CyclePlan> plan = PlanCycle(cycle, Seconds(20));
  ASSERT_TRUE(plan.ok()) << plan.status();
  ExpectRulesHold(cycle, *plan, shape.gap_days);
  std::map<std::string, double> potential;
  for (const CycleDayPlan& day : plan->days) {
    for (const RepDay& rep_day : day.plan.rep_days) {
      for (const Visit& v : rep_day.visits) potential[rep_day.rep_id] += v.potential;
    }
  }
  ASSERT_EQ(potential.size(), 3u);
  double high = 0, low = 1e18;
  for (const auto& [rep, p] : potential) {
    high = std::max(high, p);
    low = std::min(low, p);
  }
  EXPECT_LE(high - low, 150 + 1e-6);
  EXPECT_GT(low, 0);
  EXPECT_LE(plan->stats.potential_spread, 150 + 1e-6);
}

// One rep 20 km from eight physicians open on Mondays and Thursdays, a
// 08:00-11:00 shift: the model's necessary capacity takes five visits a
// day, a real route three (80 minutes of driving out and back). The days
// teach the model, and the cycle ends with the twelve calls that fit.
TEST(PlanCycle, LearnsWhatADayCanHold) {
  CycleShape shape;
  shape.reps = 1;
  shape.physicians = 8;
  shape.gap_days = 3;
  CycleTerritory cycle = GenerateCycle(shape);
  for (CycleDay& day : cycle.days) {
    const int wd = WeekdayOf(day.date);
    for (Rep& rep : day.territory.reps) {
      rep.home = PlanarPoint{0, 0};
      rep.shift = TimeWindow{8 * 3600, 11 * 3600};
    }
    for (size_t j = 0; j < day.territory.physicians.size(); ++j) {
      Physician& p = day.territory.physicians[j];
      p.location = PlanarPoint{20 + 0.05 * static_cast<double>(j), 0};
      p.availability = std::vector<TimeWindow>{};
      if (wd == 1 || wd == 4) p.availability->push_back({8 * 3600, 11 * 3600});
    }
  }
  for (PhysicianGoal& goal : cycle.goals) goal.targets = {0, 2, 2};
  absl::StatusOr<CyclePlan> plan = PlanCycle(cycle, Seconds(20));
  ASSERT_TRUE(plan.ok()) << plan.status();
  ExpectRulesHold(cycle, *plan, 3);
  EXPECT_EQ(plan->stats.calls, 12u);
  EXPECT_GE(plan->stats.cycle_iterations, 2u);
  for (const CallAttainment& row : plan->attainment) {
    EXPECT_EQ(row.reason.empty(), row.target_met()) << row.physician_id;
  }
}

// Two brand teams sharing every physician, one visit a day across teams
// and a four-day gap after any team's call: no physician is called twice
// within the gap, whichever team calls.
TEST(PlanCycle, TheGapHoldsAcrossTeams) {
  CycleShape shape;
  shape.reps = 4;
  shape.physicians = 20;
  shape.gap_days = 4;
  CycleTerritory cycle = GenerateCycle(shape);
  for (CycleDay& day : cycle.days) {
    Territory& t = day.territory;
    t.teams = {Team{"cardio", {"P"}, std::nullopt}, Team{"diab", {"Q"}, std::nullopt}};
    for (Rep& rep : t.reps) {
      const bool first = rep.id == "R1" || rep.id == "R2";
      rep.team_id = first ? "cardio" : "diab";
      rep.products = {first ? "P" : "Q"};
    }
    for (Physician& p : t.physicians) p.product_potential["Q"] = 50;
  }
  absl::StatusOr<CyclePlan> plan = PlanCycle(cycle, Seconds(20));
  ASSERT_TRUE(plan.ok()) << plan.status();
  std::map<std::string, std::vector<std::string>> called;
  std::set<std::string> teams;
  for (const CycleDayPlan& day : plan->days) {
    for (const RepDay& rep_day : day.plan.rep_days) {
      for (const Visit& v : rep_day.visits) called[v.physician_id].push_back(day.date);
    }
  }
  for (const CallAttainment& row : plan->attainment) {
    if (!row.dates.empty()) teams.insert(row.team_id);
  }
  EXPECT_EQ(teams.size(), 2u);
  for (const auto& [physician, dates] : called) {
    for (size_t k = 1; k < dates.size(); ++k) {
      EXPECT_GE(DaysBetween(dates[k - 1], dates[k]), 4) << physician;
    }
  }
}

// One physician both teams want once, two calls apart by less than the
// gap: the team left without its call is told the other team's call and
// the gap are why.
TEST(PlanCycle, ExplainsATargetAnotherTeamsCallsKeepOutOfReach) {
  CycleShape shape;
  shape.reps = 2;
  shape.physicians = 1;
  shape.gap_days = 30;
  CycleTerritory cycle = GenerateCycle(shape);
  for (CycleDay& day : cycle.days) {
    Territory& t = day.territory;
    t.teams = {Team{"cardio", {"P"}, std::nullopt}, Team{"diab", {"Q"}, std::nullopt}};
    for (Rep& rep : t.reps) {  // none at weekends
      rep.team_id = rep.id == "R1" ? "cardio" : "diab";
      rep.products = {rep.id == "R1" ? "P" : "Q"};
    }
    t.physicians[0].product_potential["Q"] = 40;
    t.physicians[0].availability = std::vector<TimeWindow>{{9 * 3600, 16 * 3600}};
  }
  cycle.goals[0].targets = {0, 1, 1};
  absl::StatusOr<CyclePlan> plan = PlanCycle(cycle, Seconds(20));
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->attainment.size(), 2u);
  int met = 0;
  for (const CallAttainment& row : plan->attainment) {
    if (row.target_met()) {
      ++met;
      continue;
    }
    EXPECT_THAT(row.reason, HasSubstr("other teams' calls"));
    EXPECT_THAT(row.reason, HasSubstr("30-day gap"));
  }
  EXPECT_EQ(met, 1);
}

TEST(PlanCycle, SameCycleSamePlan) {
  CycleShape shape;
  shape.seed = 11;
  const CycleTerritory cycle = GenerateCycle(shape);
  absl::StatusOr<CyclePlan> a = PlanCycle(cycle, Seconds(20));
  absl::StatusOr<CyclePlan> b = PlanCycle(cycle, Seconds(20));
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->attainment.size(), b->attainment.size());
  for (size_t k = 0; k < a->attainment.size(); ++k) {
    EXPECT_EQ(a->attainment[k].dates, b->attainment[k].dates);
  }
}

TEST(PlanCycle, StopsWithTheBestPlanSoFar) {
  CycleShape shape;
  shape.seed = 5;
  const CycleTerritory cycle = GenerateCycle(shape);
  int reports = 0;
  CycleControl control;
  control.on_progress = [&](const CycleProgress&) { ++reports; };
  control.should_stop = [&] { return reports >= 3; };
  absl::StatusOr<CyclePlan> plan = PlanCycle(cycle, Seconds(20), control);
  ASSERT_TRUE(plan.ok()) << plan.status();
  ExpectRulesHold(cycle, *plan, shape.gap_days);
  EXPECT_EQ(plan->stats.status, PlanStatus::kFeasible);
}

TEST(PlanCycle, RejectsTeamsSharingAProduct) {
  CycleTerritory cycle = GenerateCycle(CycleShape{});
  for (CycleDay& day : cycle.days) {
    day.territory.teams = {Team{"a", {"P"}, std::nullopt}, Team{"b", {"P"}, std::nullopt}};
    for (Rep& rep : day.territory.reps) {
      rep.team_id = rep.id == "R1" ? "a" : "b";
      rep.products.clear();
    }
  }
  absl::StatusOr<CyclePlan> plan = PlanCycle(cycle, Seconds(5));
  EXPECT_TRUE(absl::IsInvalidArgument(plan.status()));
  EXPECT_THAT(std::string(plan.status().message()),
              HasSubstr("product \"P\" is promoted by teams a and b"));
}

TEST(PlanCycle, RejectsMismatchedDays) {
  CycleTerritory cycle = GenerateCycle(CycleShape{});
  cycle.days[2].territory.physicians.pop_back();
  absl::StatusOr<CyclePlan> plan = PlanCycle(cycle, Seconds(5));
  EXPECT_TRUE(absl::IsInvalidArgument(plan.status()));
  EXPECT_THAT(std::string(plan.status().message()), HasSubstr("days[2]"));
}

}  // namespace
}  // namespace callplan
