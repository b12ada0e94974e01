// The router: orders one rep's day so the route start -> stops -> end is as
// short as possible, and, when the day has a time dimension, so that every
// visit starts inside one of its windows, the rep leaves at or after the
// shift's start, is back by its end, and takes every break.
//
// Contract: nodes are the indices 0..table.size()-1 of `table`; `start` and
// `end` are nodes (equal for a round trip); every other node is a stop.
//  - Without timing: up to RouteOptions::exact_max_stops stops the answer is
//    proven optimal (Held-Karp); beyond, a deterministic heuristic
//    (construction, 2-opt, Or-opt, perturbation) returns its best tour.
//  - With timing (RouteTiming): the objective is still total distance, with
//    the earliest return home as tie-break. Up to exact_max_stops stops the
//    answer is exact: a shortest feasible order, proven_optimal, or
//    feasible = false with infeasibility_proven. Beyond, a window-aware
//    heuristic: a feasible order when it finds one (proven_optimal false),
//    else feasible = false, not proven. Durations may be asymmetric.
// Same input, same output while the heuristic's rounds finish in time:
// randomness is seeded. The time limit and should_stop end the heuristic in
// any phase with its best tour so far.
#ifndef CALLPLAN_SOLVER_ROUTER_ROUTER_H_
#define CALLPLAN_SOLVER_ROUTER_ROUTER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "solver/distance.h"
#include "solver/time_window.h"
#include "solver/travel_time.h"

namespace callplan {

struct RouteOptions {
  int exact_max_stops = 12;
  double time_limit_seconds = 2.0;  // the heuristic's budget
  uint64_t seed = 1;
  std::function<bool()> should_stop;  // may be empty
};

// What a node of the table asks of the time at which it is visited. The
// start and end nodes' windows and service are ignored.
struct NodeTime {
  std::vector<TimeWindow> windows;  // sorted, disjoint; empty = any time
  int64_t service_seconds = 0;
};

// The day's time dimension: travel times between the table's nodes, what
// each node asks, the shift and the breaks.
struct RouteTiming {
  TravelTimes travel;               // same nodes as the distance table
  std::vector<NodeTime> nodes;      // one per node of the table
  TimeWindow shift;                 // leave start >= shift.start; reach end <= shift.end
  std::vector<Break> breaks;        // each taken exactly once
};

// When the rep is where, for one stop of the route.
struct TimedStop {
  int64_t arrival_seconds = 0;
  int64_t start_seconds = 0;  // service start; >= arrival (wait in between)
  int64_t end_seconds = 0;    // start + service
  int64_t wait_seconds = 0;   // idle before the service, breaks excluded
};

// Where a break went: at the place order[after_position] (0 = the start,
// before leaving), between the rep's arrival there and the next departure.
struct PlacedBreak {
  int break_index = 0;  // into RouteTiming::breaks
  int after_position = 0;
  int64_t start_seconds = 0;
  int64_t end_seconds = 0;
};

struct Route {
  std::vector<int> order;  // start, stops in visiting order, end
  double distance = 0;
  bool proven_optimal = false;
  // With timing only; without, a route is always feasible.
  bool feasible = true;
  bool infeasibility_proven = false;
  // When infeasible: a stop that cannot be visited even alone in the shift
  // (node index), else -1 (only the stops together do not fit).
  int infeasible_stop = -1;
  // With timing and feasible: one entry per element of `order` (the start's
  // arrival is its departure; the end's start and end are the return).
  std::vector<TimedStop> times;
  std::vector<PlacedBreak> breaks;
  int64_t departure_seconds = 0;
  int64_t return_seconds = 0;
};

// `timing` may be null (no time dimension); when given, its tables must have
// table.size() nodes.
absl::StatusOr<Route> SolveRoute(const DistanceTable& table, int start,
                                 int end, const RouteOptions& options = {},
                                 const RouteTiming* timing = nullptr);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ROUTER_ROUTER_H_
