// A PlanCycleRequest as the solver's CycleTerritory: the days, who works on
// each, each day's office hours, and the physicians' goals from their tiers
// and own targets; and the cycle's answer back as protos.
#include "server/cycle_convert.h"

#include <set>
#include <string>

#include "gtest/gtest.h"
#include "tests/fixtures/cycle_request.h"

namespace callplan {
namespace {

using ::callplan::testing::SmallCycleRequest;

std::set<std::string> RepsOn(const CycleTerritory& cycle, const std::string& date) {
  for (const CycleDay& day : cycle.days) {
    if (day.date != date) continue;
    std::set<std::string> reps;
    for (const Rep& rep : day.territory.reps) reps.insert(rep.id);
    return reps;
  }
  ADD_FAILURE() << "no day " << date;
  return {};
}

const Physician& PhysicianOn(const CycleTerritory& cycle, const std::string& date,
                             const std::string& id) {
  for (const CycleDay& day : cycle.days) {
    if (day.date != date) continue;
    for (const Physician& physician : day.territory.physicians) {
      if (physician.id == id) return physician;
    }
  }
  static const Physician kNone;
  ADD_FAILURE() << "no physician " << id << " on " << date;
  return kNone;
}

const PhysicianGoal& GoalOf(const CycleTerritory& cycle, const std::string& id) {
  for (const PhysicianGoal& goal : cycle.goals) {
    if (goal.physician_id == id) return goal;
  }
  static const PhysicianGoal kNone;
  ADD_FAILURE() << "no goal for " << id;
  return kNone;
}

TEST(CycleTerritoryFromProto, EveryDateIsADayInOrderWithEveryPhysicianOptional) {
  const CycleTerritory cycle = CycleTerritoryFromProto(SmallCycleRequest());
  ASSERT_EQ(cycle.days.size(), 14u);
  EXPECT_EQ(cycle.days.front().date, "2026-03-02");
  EXPECT_EQ(cycle.days.back().date, "2026-03-15");
  for (size_t k = 0; k < cycle.days.size(); ++k) {
    const CycleDay& day = cycle.days[k];
    EXPECT_EQ(day.day_number, static_cast<int>(k));
    EXPECT_EQ(day.territory.date, day.date);
    EXPECT_EQ(day.territory.territory_id, "cycle-test");
    ASSERT_EQ(day.territory.physicians.size(), 8u);
    for (const Physician& physician : day.territory.physicians) {
      EXPECT_TRUE(physician.optional) << physician.id << " on " << day.date;
    }
    EXPECT_EQ(day.territory.contact_rules.min_days_between_visits, 2u);
  }
  ASSERT_EQ(cycle.goals.size(), 8u);
  for (size_t j = 0; j < cycle.goals.size(); ++j) {
    EXPECT_EQ(cycle.goals[j].physician_id, "P" + std::to_string(j + 1));
  }
}

TEST(CycleTerritoryFromProto, WorkingDaysAndDaysOffKeepRepsOffTheirDays) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  // R1: Monday to Friday (no weekdays given) but off on Friday the 13th.
  v1::RepWorkingDays* r1 = request.add_working_days();
  r1->set_rep_id("R1");
  r1->add_days_off("2026-03-13");
  const CycleTerritory cycle = CycleTerritoryFromProto(request);
  using Reps = std::set<std::string>;
  EXPECT_EQ(RepsOn(cycle, "2026-03-02"), (Reps{"R1", "R2"}));  // Monday
  EXPECT_EQ(RepsOn(cycle, "2026-03-05"), (Reps{"R1", "R2"}));  // Thursday
  EXPECT_EQ(RepsOn(cycle, "2026-03-06"), (Reps{"R1"}));  // R2 works Mon-Thu
  EXPECT_EQ(RepsOn(cycle, "2026-03-07"), Reps{});        // Saturday
  EXPECT_EQ(RepsOn(cycle, "2026-03-08"), Reps{});        // Sunday
  EXPECT_EQ(RepsOn(cycle, "2026-03-10"), (Reps{"R1"}));  // R2's day off
  EXPECT_EQ(RepsOn(cycle, "2026-03-11"), (Reps{"R1", "R2"}));
  EXPECT_EQ(RepsOn(cycle, "2026-03-13"), Reps{});        // R1 off, R2 Friday
}

TEST(CycleTerritoryFromProto, AWeekendWorkerWorksTheWeekend) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  v1::RepWorkingDays* r1 = request.add_working_days();
  r1->set_rep_id("R1");
  r1->add_weekdays(v1::SATURDAY);
  const CycleTerritory cycle = CycleTerritoryFromProto(request);
  EXPECT_EQ(RepsOn(cycle, "2026-03-07"), std::set<std::string>{"R1"});
  EXPECT_EQ(RepsOn(cycle, "2026-03-14"), std::set<std::string>{"R1"});
  EXPECT_EQ(RepsOn(cycle, "2026-03-09"), std::set<std::string>{"R2"});
}

TEST(CycleTerritoryFromProto, OfficeHoursByWeekdayAreEachDaysAvailability) {
  const CycleTerritory cycle = CycleTerritoryFromProto(SmallCycleRequest());
  const std::vector<TimeWindow> morning = {{9 * 3600, 12 * 3600}};
  const std::vector<TimeWindow> afternoon = {{14 * 3600, 17 * 3600}};
  // P1 receives Monday, Wednesday and Friday mornings.
  EXPECT_EQ(PhysicianOn(cycle, "2026-03-02", "P1").availability, morning);
  EXPECT_EQ(PhysicianOn(cycle, "2026-03-03", "P1").availability,
            std::vector<TimeWindow>{});  // closed on Tuesdays
  EXPECT_EQ(PhysicianOn(cycle, "2026-03-13", "P1").availability, morning);
  // P2 on Tuesday afternoons only.
  EXPECT_EQ(PhysicianOn(cycle, "2026-03-10", "P2").availability, afternoon);
  EXPECT_EQ(PhysicianOn(cycle, "2026-03-11", "P2").availability,
            std::vector<TimeWindow>{});
  // P3 has no hours, only a closed date: closed that day, any time else.
  EXPECT_EQ(PhysicianOn(cycle, "2026-03-04", "P3").availability,
            std::vector<TimeWindow>{});
  EXPECT_FALSE(PhysicianOn(cycle, "2026-03-05", "P3").availability.has_value());
  EXPECT_FALSE(PhysicianOn(cycle, "2026-03-04", "P4").availability.has_value());
}

TEST(CycleTerritoryFromProto, TiersGiveGoalsAndAPhysiciansOwnTargetsWin) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  request.add_response(0.8);
  request.add_response(0.5);
  request.mutable_territory()->mutable_physicians(7)->set_tier("");
  v1::PhysicianTarget* own = request.add_targets();
  own->set_physician_id("P3");
  own->mutable_calls()->set_target_calls(1);
  v1::PhysicianTarget* team = request.add_targets();
  team->set_physician_id("P4");
  team->set_team_id("cardio");
  team->mutable_calls()->set_min_calls(3);
  team->mutable_calls()->set_target_calls(3);
  const CycleTerritory cycle = CycleTerritoryFromProto(request);

  const PhysicianGoal& a = GoalOf(cycle, "P1");
  EXPECT_EQ(a.tier, "A");
  EXPECT_EQ(a.targets.min_calls, 2u);
  EXPECT_EQ(a.targets.target_calls, 3u);
  EXPECT_EQ(a.targets.max_calls, 4u);
  EXPECT_EQ(a.response, (std::vector<double>{1.0, 0.7, 0.4}));  // the tier's own

  const PhysicianGoal& b = GoalOf(cycle, "P5");  // tier B has no response
  EXPECT_EQ(b.targets.min_calls, 1u);
  EXPECT_EQ(b.targets.target_calls, 2u);
  EXPECT_FALSE(b.targets.max_calls.has_value());
  EXPECT_EQ(b.response, (std::vector<double>{0.8, 0.5}));  // the request's

  const PhysicianGoal& overridden = GoalOf(cycle, "P3");
  EXPECT_EQ(overridden.tier, "B");
  EXPECT_EQ(overridden.targets.min_calls, 0u);
  EXPECT_EQ(overridden.targets.target_calls, 1u);

  const PhysicianGoal& by_team = GoalOf(cycle, "P4");
  EXPECT_EQ(by_team.targets.target_calls, 2u);  // tier B for other teams
  ASSERT_EQ(by_team.team_targets.count("cardio"), 1u);
  EXPECT_EQ(by_team.team_targets.at("cardio").min_calls, 3u);
  EXPECT_EQ(by_team.team_targets.at("cardio").target_calls, 3u);

  const PhysicianGoal& untiered = GoalOf(cycle, "P8");
  EXPECT_EQ(untiered.tier, "");
  EXPECT_EQ(untiered.targets.target_calls, 0u);
  EXPECT_EQ(untiered.response, (std::vector<double>{0.8, 0.5}));
}

TEST(CycleTerritoryFromProto, WithoutAnyResponseTheDefaultCurveHolds) {
  const CycleTerritory cycle = CycleTerritoryFromProto(SmallCycleRequest());
  EXPECT_EQ(GoalOf(cycle, "P3").response, DefaultResponse());
  EXPECT_EQ(GoalOf(cycle, "P1").response, (std::vector<double>{1.0, 0.7, 0.4}));
}

TEST(CycleTerritoryFromProto, CycleFairnessAndTheCyclesTimeLimit) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  request.mutable_cycle_fairness()->set_max_workload_spread(4);
  EXPECT_EQ(CycleTerritoryFromProto(request).fairness.max_workload_spread, 4u);
  EXPECT_FALSE(
      CycleTerritoryFromProto(request).fairness.max_potential_spread.has_value());
  EXPECT_EQ(CycleSolveOptionsFromProto(request, 600).time_limit_seconds, 10);
  request.mutable_territory()->mutable_options()->clear_time_limit_seconds();
  EXPECT_EQ(CycleSolveOptionsFromProto(request, 600).time_limit_seconds, 60);
  EXPECT_EQ(CycleSolveOptionsFromProto(request, 30).time_limit_seconds, 30);
}

TEST(CyclePlanToProto, EveryPartOfThePlanComesBack) {
  CyclePlan plan;
  plan.days.push_back({"2026-03-02", {}});
  plan.days.back().plan.rep_days.push_back({});
  plan.days.back().plan.rep_days.back().rep_id = "R1";
  CallAttainment attainment;
  attainment.physician_id = "P1";
  attainment.team_id = "cardio";
  attainment.tier = "A";
  attainment.targets = {2, 3, 4};
  attainment.dates = {"2026-03-02", "2026-03-09"};
  attainment.value = 42;
  attainment.reason = "the gap";
  plan.attainment.push_back(attainment);
  plan.rep_weeks.push_back({"R1", "2026-03-02", 7, 210});
  plan.stats.status = PlanStatus::kOptimal;
  plan.stats.objective = 1234;
  plan.stats.targets = 8;
  plan.stats.targets_met = 7;
  const v1::PlanCycleResponse response = CyclePlanToProto(plan);
  ASSERT_EQ(response.days_size(), 1);
  EXPECT_EQ(response.days(0).date(), "2026-03-02");
  EXPECT_EQ(response.days(0).plan().rep_days(0).rep_id(), "R1");
  ASSERT_EQ(response.attainment_size(), 1);
  const v1::CallAttainment& out = response.attainment(0);
  EXPECT_EQ(out.planned_calls(), 2u);
  EXPECT_FALSE(out.target_met());
  EXPECT_EQ(out.max_calls(), 4u);
  EXPECT_EQ(out.dates(1), "2026-03-09");
  EXPECT_EQ(out.reason(), "the gap");
  EXPECT_EQ(response.rep_weeks(0).visits(), 7u);
  EXPECT_EQ(response.stats().status(), v1::OPTIMAL);
  EXPECT_EQ(response.stats().targets_met(), 7u);
}

}  // namespace
}  // namespace callplan
