// Plans a call cycle in one model (issue 12), not day by day: a cycle MIP
// decides which days each physician is called on (targets, the response to
// repeated calls, the gap, office hours, the reps' working days, each
// day's capacity), then every day is planned by PlanDay with the calls
// chosen for it, and a day that cannot fit them teaches the cycle model a
// tighter capacity for that day, until the days keep what the model chose
// or time runs out. The day-by-day plan (each day alone, in order) is
// computed too and answered when it scores better, so the cycle plan is
// never below it.
//
// Contract: every call in the answer was re-checked from the plan (gap
// against history and earlier calls, max_calls, office hours, working
// days, the day's rules by PlanDay itself, the cycle's fairness). Same
// input, same plan. should_stop or the deadline end the work with the best
// cycle so far; DeadlineExceeded only when not even the first day was
// planned. InvalidArgument for a malformed cycle.
#ifndef CALLPLAN_SOLVER_CYCLE_CYCLE_PLANNER_H_
#define CALLPLAN_SOLVER_CYCLE_CYCLE_PLANNER_H_

#include "absl/status/statusor.h"
#include "solver/cycle/cycle_plan.h"
#include "solver/cycle/cycle_territory.h"
#include "solver/solve_options.h"

namespace callplan {

// options.time_limit_seconds bounds the whole cycle.
absl::StatusOr<CyclePlan> PlanCycle(const CycleTerritory& cycle,
                                    const SolveOptions& options,
                                    const CycleControl& control = {});

// The baseline the cycle is measured against: each day planned alone, in
// date order, offered every call the gap and the goals allow, valued by
// the response to it, history updated with the days before. No bound
// (best_bound is its own score). For benchmarks and tests.
absl::StatusOr<CyclePlan> PlanCycleDayByDay(const CycleTerritory& cycle,
                                            const SolveOptions& options,
                                            const CycleControl& control = {});

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_CYCLE_CYCLE_PLANNER_H_
