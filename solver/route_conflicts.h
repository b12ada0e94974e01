// Visit sets no route of a rep can hold, learnt before the first solve of
// the plan loop (planner.cc): every physician, and every pair of them, whose
// exact route breaks the rep's route cap or, on a day with time, its shift,
// its breaks or the physicians' hours. The loop would learn them one misfit
// at a time, each costing a whole MIP solve (on the paper's small days the
// misfits it learns are sets of one to three visits); here they cost routes
// of one or two stops, most judged by distance alone. Triples were
// measured too (cbc_cli_bench): hundreds of rows a day made the one solve
// slower than the loop's few. A pair holding a misfit single, or one the
// capacity rows already rule out, is not tested, nor a physician pinned to
// the rep (a manager's decision the loop judges from the real day, where a
// pin that cannot hold is explained). Valid only where misfits are closed
// upward (the triangle inequality: a day holding a set that does not fit
// cannot fit either).
// Stops at `until` or when `should_stop` says so, keeping what it found:
// every set returned is proven; fewer sets only mean more loop iterations.
#ifndef CALLPLAN_SOLVER_ROUTE_CONFLICTS_H_
#define CALLPLAN_SOLVER_ROUTE_CONFLICTS_H_

#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "solver/assignment/problem.h"
#include "solver/day_routing.h"

namespace callplan {

inline constexpr int kLargestConflictLearnt = 2;

// Days of at most this many rep-physician pairs learn their conflicts up
// front: there a solve takes milliseconds and each loop iteration is most
// of the plan's time. On larger days the rows slow every solve and
// sub-MIP of the time-limited search more than the iterations they save
// (measured with time_bench at 60x20: 6106 against 6138 without them).
inline constexpr int kMostPairsForConflictsUpFront = 500;
bool SmallEnoughForConflictsUpFront(const AssignmentProblem& problem);

absl::StatusOr<std::vector<ForbiddenVisitSet>> SmallRouteConflicts(
    const AssignmentProblem& problem, const DayRouter& router, absl::Time until,
    const std::function<bool()>& should_stop);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ROUTE_CONFLICTS_H_
