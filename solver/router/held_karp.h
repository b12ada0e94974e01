// Exact routing by Held-Karp dynamic programming over subsets of stops.
//
// Contract: returns a shortest path over all local nodes of `problem`
// (0 first, size()-1 last) in O(2^k * k^2) time for k stops. Memory is one
// double per (subset, last stop): 8 * k * 2^k bytes, i.e. 0.4 MB for 12 stops,
// 3.9 MB for 15, 38 MB for kMaxExactStops = 18; no parent table is kept (the
// path is rebuilt by re-deriving each argmin), which halves the footprint.
// Works for asymmetric distances. Callers keep k <= kMaxExactStops.
#ifndef CALLPLAN_SOLVER_ROUTER_HELD_KARP_H_
#define CALLPLAN_SOLVER_ROUTER_HELD_KARP_H_

#include <vector>

#include "solver/router/path_problem.h"

namespace callplan::router_internal {

inline constexpr int kMaxExactStops = 18;

// Local nodes in visiting order, 0 first and problem.size()-1 last.
std::vector<int> SolveHeldKarp(const PathProblem& problem);

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_HELD_KARP_H_
