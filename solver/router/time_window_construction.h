// Starting orders for the timed heuristic router, the best of several by
// (warp, distance, return):
//  - the untimed construction (nearest neighbour / cheapest insertion), which
//    wins when windows are wide;
//  - stops by deadline (the end of their last window), then by opening, and
//    stops by opening, then by deadline: near-feasible when windows are
//    tight;
//  - window-aware insertion: stops by deadline, each put where the growing
//    order is least late, then shortest (every position timed exactly),
//    O(k^2) schedule evaluations, so skipped beyond kTimedInsertionMaxStops.
// Deterministic; should_stop (may be empty) ends the insertion early, the
// sorted orders are always there.
#ifndef CALLPLAN_SOLVER_ROUTER_TIME_WINDOW_CONSTRUCTION_H_
#define CALLPLAN_SOLVER_ROUTER_TIME_WINDOW_CONSTRUCTION_H_

#include <functional>
#include <vector>

#include "solver/router/timed_problem.h"

namespace callplan::router_internal {

inline constexpr int kTimedInsertionMaxStops = 300;

// Local nodes, start first, end last.
std::vector<int> ConstructTimedOrder(const TimedProblem& problem,
                                     const std::function<bool()>& should_stop);

// Stops by deadline, then opening, then node: also the order reported for a
// day proven infeasible before any search.
std::vector<int> DeadlineOrder(const TimedProblem& problem);

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_TIME_WINDOW_CONSTRUCTION_H_
