// Planning a cycle's days in date order (internal to solver/cycle/): each
// day is a PlanDay of that day's territory with only the calls offered to
// it, every physician optional and worth the response value of the call it
// would be (its k-th of the cycle, counted from the calls the earlier days
// really made). PlanDay decides what fits; the calls it makes are the
// cycle's. Used by the cycle planner (offers: the cycle model's choice)
// and by the day-by-day baseline (offers: everything the gap allows).
#ifndef CALLPLAN_SOLVER_CYCLE_CYCLE_DAYS_H_
#define CALLPLAN_SOLVER_CYCLE_CYCLE_DAYS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "solver/cycle/cycle_calendar.h"
#include "solver/cycle/cycle_model.h"
#include "solver/cycle/cycle_territory.h"
#include "solver/plan.h"
#include "solver/solve_options.h"

namespace callplan {

struct PlannedDays {
  std::vector<Plan> plans;   // per day; empty plans for days nobody works
  GoalCalls calls;           // what the days made, per goal
  std::vector<std::vector<int>> offered;  // per day, the goals offered
  std::vector<int> made;     // per day, calls made
  std::vector<std::string> warnings;
  bool every_day_optimal = true;
  bool complete = true;      // false: stopped before the last day
  int days_planned = 0;      // working days PlanDay planned
};

// The goals offered on `day`, given the calls the earlier days made.
using DayOffer = std::function<std::vector<int>(int day, const GoalCalls& made)>;

// Calls the offer gives on a day that the gap or the goal's useful calls
// rule out are dropped before planning; each day's reps are capped for the
// cycle's fairness (cycle_fairness.h). `on_day` is called after each day.
absl::StatusOr<PlannedDays> PlanDaysInOrder(
    const CycleTerritory& cycle, const CycleCalendar& calendar,
    const DayOffer& offer, const SolveOptions& day_options,
    const SolveControl& control, const std::function<void(int)>& on_day);

// Offers of the day-by-day baseline: every goal callable that day that the
// gap allows, below its useful calls.
std::vector<int> EveryAllowedCall(const CycleCalendar& calendar, int day,
                                  const GoalCalls& made);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_CYCLE_CYCLE_DAYS_H_
