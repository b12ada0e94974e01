// The heuristic timed router: the best starting order
// (time_window_construction.h), local search with the lexicographic
// objective (warp, distance, return) so an infeasible start is repaired
// before it is shortened, then iterated local search: seeded double-bridge
// kicks on short segments (a kick that moves a stop far from its window's
// neighbours is rarely worth timing), each repaired around its endpoints and
// kept when no worse.
//
// Contract: returns the best order found (local nodes, start first, end
// last) and its cost; warp 0 means feasible. The number of rounds is the
// caller's, the kicks come from std::mt19937_64 seeded with `seed`, so the
// same input gives the same order while the rounds finish before
// should_stop (polled in every phase; may be empty) says to stop.
#ifndef CALLPLAN_SOLVER_ROUTER_TIME_WINDOW_SEARCH_H_
#define CALLPLAN_SOLVER_ROUTER_TIME_WINDOW_SEARCH_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "solver/router/timed_local_search.h"
#include "solver/router/timed_problem.h"

namespace callplan::router_internal {

struct TimedSearchResult {
  std::vector<int> order;
  SearchCost cost;
};

// How many kicks a day of `stops` stops gets.
int TimedKickRounds(int stops);

TimedSearchResult SearchTimedOrder(const TimedProblem& problem, int rounds,
                                   uint64_t seed,
                                   const std::function<bool()>& should_stop);

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_TIME_WINDOW_SEARCH_H_
