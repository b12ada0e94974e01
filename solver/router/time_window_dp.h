// Exact routing with time windows, shift and breaks: dynamic programming
// over (stops visited, last stop, breaks taken) with Pareto labels (time
// ready to leave the last stop, distance so far).
//
// A label dominates another of the same state, or of a state with fewer
// breaks taken, when it is no later and no longer: waiting is allowed, so
// whatever the second can still do the first can too, at no more distance.
// Labels are dropped when a stop left can no longer be reached before its
// last window closes, a break left can no longer start, the day cannot be
// finished in the shift (RemainingBounds::seconds plus the breaks left), or
// the distance plus the windowless shortest remainder exceeds
// `distance_bound` (a feasible route's length; the tie on distance is kept,
// so the earliest return among shortest routes is still found).
//
// Without a bound a first pass keeps one label per state (the earliest:
// distance ignored); it proves infeasibility cheaply, or finds a feasible
// order whose length becomes the bound of the second, full pass.
//
// Contract: kOptimal with a shortest feasible order (earliest return among
// equals), or kInfeasible: no order of the stops fits (proven). kStopped
// when should_stop said so, the labels would outgrow kMaxLabels (about 24
// bytes each), or the day has more than kMaxDpStops stops; nothing is
// proven then. Deterministic.
#ifndef CALLPLAN_SOLVER_ROUTER_TIME_WINDOW_DP_H_
#define CALLPLAN_SOLVER_ROUTER_TIME_WINDOW_DP_H_

#include <functional>
#include <limits>
#include <vector>

#include "solver/router/timed_problem.h"

namespace callplan::router_internal {

inline constexpr size_t kMaxLabels = size_t{1} << 22;
// Subsets are bit masks and states are indexed densely (2^k x k entries, 84
// MB at 20 stops): beyond this many stops the answer is kStopped.
inline constexpr int kMaxDpStops = 22;

struct ExactTimedRoute {
  enum class Outcome { kOptimal, kInfeasible, kStopped };
  Outcome outcome = Outcome::kStopped;
  std::vector<int> order;  // local nodes, kOptimal only
};

// `distance_bound`: the length of a feasible order (infinity when none is
// known). `should_stop` may be empty.
ExactTimedRoute SolveTimeWindowDp(
    const TimedProblem& problem,
    double distance_bound = std::numeric_limits<double>::infinity(),
    const std::function<bool()>& should_stop = {});

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_TIME_WINDOW_DP_H_
