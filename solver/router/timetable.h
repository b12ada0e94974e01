// Internal to the router: the timetable reported for a feasible order.
//
// The order's earliest return R comes first (the forward schedule). Among
// schedules that return at R, the rep leaves home as late as possible, so
// the day does not begin with a drive to wait at the first door: a backward
// pass gives, for every set of breaks still to take, the latest moment to
// leave each place and still be back by R; the departure is the latest of
// these whose breaks before leaving fit after the shift's start. From that
// departure, visits start as early as they can (the forward schedule again,
// traced, which also says where each break went). Breaks taken at home are
// placed from the shift's start on.
#ifndef CALLPLAN_SOLVER_ROUTER_TIMETABLE_H_
#define CALLPLAN_SOLVER_ROUTER_TIMETABLE_H_

#include <vector>

#include "solver/router/router.h"
#include "solver/router/timed_problem.h"

namespace callplan::router_internal {

// Fills route->times, breaks, departure_seconds and return_seconds for
// `order` (local nodes). False, with `route` untouched, when the order is
// not feasible.
bool FillTimetable(const TimedProblem& problem, const std::vector<int>& order,
                   Route* route);

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_TIMETABLE_H_
