// The cycle model (internal to solver/cycle/): which days each call goal is
// called on, as a MIP on CBC.
//
//   y_gd  goal g called on day d (only days the calendar allows)
//   z_gk  goal g gets a k-th call, 0..1; sum_k z_gk = sum_d y_gd, and its
//         score CallScore(k) falls with k (the response's diminishing
//         returns after the targets' weights), so z fills in order
//   w_jd  physician j called on day d by any team (only with several goals)
//   max   sum_gk CallScore(k) z_gk
//   s.t.  the gap (call_gap.h), the daily cap across teams, each team-day's
//         necessary capacities (cycle_calendar.h), and the caps learnt from
//         days that could not hold what the model gave them.
//
// Without learnt caps every row is a necessary condition of real days, so
// the model's bound bounds every cycle plan's score.
#ifndef CALLPLAN_SOLVER_CYCLE_CYCLE_MODEL_H_
#define CALLPLAN_SOLVER_CYCLE_CYCLE_MODEL_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "solver/cycle/cycle_calendar.h"
#include "solver/solve_options.h"

namespace callplan {

// Calls per goal: the day indices it is called on, ascending.
using GoalCalls = std::vector<std::vector<int>>;

// At most max_calls calls of team `team_id` on day `day` (learnt).
struct LearntDayCap {
  int day = 0;
  std::string team_id;
  int max_calls = 0;
};

struct CycleModelResult {
  bool has_solution = false;
  bool proven_optimal = false;
  GoalCalls calls;
  double objective = 0;   // the model's score of `calls`
  double best_bound = 0;  // no solution of this model scores more
};

// `warm_start` (may be empty) must satisfy every row, learnt caps included.
absl::StatusOr<CycleModelResult> SolveCycleModel(
    const CycleCalendar& calendar, const std::vector<LearntDayCap>& learnt,
    const GoalCalls& warm_start, double time_limit_seconds,
    double relative_gap, const SolveControl& control);

// The model's score of a set of calls (per goal, its number of calls).
double ScoreOfCalls(const CycleCalendar& calendar, const GoalCalls& calls);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_CYCLE_CYCLE_MODEL_H_
