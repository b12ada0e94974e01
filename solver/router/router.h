// The router: orders one rep's day so the route home -> stops -> home (or to
// another end) is as short as possible.
//
// Contract: nodes are the indices 0..table.size()-1 of `table`; `start` and
// `end` are nodes (equal for a round trip); every other node is a stop.
// Up to RouteOptions::exact_max_stops stops the answer is proven optimal
// (Held-Karp dynamic programming); beyond, a deterministic heuristic
// (construction, 2-opt, Or-opt, then perturbation for a fixed number of
// rounds) returns its best tour with proven_optimal = false. Same input, same
// output while the rounds finish in time: randomness is seeded. The time
// limit and should_stop end the heuristic in any phase (construction, first
// descent, kicks) with its best tour so far, so a route of the largest size
// allowed still answers within its limit.
#ifndef CALLPLAN_SOLVER_ROUTER_ROUTER_H_
#define CALLPLAN_SOLVER_ROUTER_ROUTER_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "absl/status/statusor.h"
#include "solver/distance.h"

namespace callplan {

struct RouteOptions {
  int exact_max_stops = 12;
  double time_limit_seconds = 2.0;  // the heuristic's budget
  uint64_t seed = 1;
  std::function<bool()> should_stop;  // may be empty
};

struct Route {
  std::vector<int> order;  // start, stops in visiting order, end
  double distance = 0;
  bool proven_optimal = false;
};

absl::StatusOr<Route> SolveRoute(const DistanceTable& table, int start,
                                 int end, const RouteOptions& options = {});

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ROUTER_ROUTER_H_
