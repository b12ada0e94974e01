// The heuristic router: best of two constructions, local search, then
// iterated local search with segment-local double-bridge kicks.
//
// Contract: returns a path over all local nodes (0 first, size()-1 last).
// The number of kicks depends only on the number of stops, and the kicks come
// from std::mt19937_64 seeded with options.seed, so the same input gives the
// same path. options.time_limit_seconds and options.should_stop end any
// phase early with the best path so far (then the result depends on timing).
#ifndef CALLPLAN_SOLVER_ROUTER_ITERATED_LOCAL_SEARCH_H_
#define CALLPLAN_SOLVER_ROUTER_ITERATED_LOCAL_SEARCH_H_

#include <vector>

#include "solver/router/path_problem.h"
#include "solver/router/router.h"

namespace callplan::router_internal {

// How many kicks a problem with `stops` stops gets.
int KickRounds(int stops);

std::vector<int> SolveIteratedLocalSearch(const PathProblem& problem,
                                          const RouteOptions& options);

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_ITERATED_LOCAL_SEARCH_H_
