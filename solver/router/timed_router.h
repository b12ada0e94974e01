// Internal to the router: SolveRoute with a time dimension (router.h has
// the contract). In order:
//  1. Days that no order can fit by a quick relaxation (day_checks.h):
//     proven infeasible at once.
//  2. The heuristic (time_window_search.h): the answer beyond
//     exact_max_stops within the time limit; up to it, a quick run (a few
//     kicks) whose length bounds the exact search.
//  3. Up to exact_max_stops (at most kMaxExactStops): the dynamic programme
//     (time_window_dp.h), proven optimal or proven infeasible unless
//     should_stop interrupts it (then the heuristic's answer, unproven).
// A feasible answer gets its timetable (timetable.h). An infeasible one keeps
// the least late order found (no times), so callers can still show a day,
// and names the stop to blame when one fails alone (BlamedStop).
#ifndef CALLPLAN_SOLVER_ROUTER_TIMED_ROUTER_H_
#define CALLPLAN_SOLVER_ROUTER_TIMED_ROUTER_H_

#include "absl/status/statusor.h"
#include "solver/router/path_problem.h"
#include "solver/router/router.h"

namespace callplan::router_internal {

// Kicks of the quick heuristic run before the exact search: a tighter bound
// prunes the dynamic programme more than the kicks cost (at 16 stops, 10
// kicks instead of none took one day from 1.3 s to 0.07 s), yet every kick
// costs about a millisecond at 12-16 stops.
inline constexpr int kKicksBeforeExact = 20;

// `timing` has passed ValidateRouteTiming for `problem`'s table.
absl::StatusOr<Route> SolveTimedRoute(const PathProblem& problem,
                                      const RouteOptions& options,
                                      const RouteTiming& timing);

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_TIMED_ROUTER_H_
