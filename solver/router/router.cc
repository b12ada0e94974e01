#include "solver/router/router.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "solver/router/held_karp.h"
#include "solver/router/iterated_local_search.h"
#include "solver/router/path_problem.h"
#include "solver/router/timed_router.h"
#include "solver/router/timing_validation.h"

namespace callplan {
namespace {

absl::Status ValidateEnds(const DistanceTable& table, int start, int end) {
  const int n = table.size();
  if (start < 0 || start >= n || end < 0 || end >= n) {
    return absl::InvalidArgumentError(
        absl::StrCat("route start ", start, " and end ", end,
                     " must be places of the table (0..", n - 1, ")"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Route> SolveRoute(const DistanceTable& table, int start,
                                 int end, const RouteOptions& options,
                                 const RouteTiming* timing) {
  if (absl::Status status = ValidateEnds(table, start, end); !status.ok()) {
    return status;
  }
  if (timing != nullptr) {
    if (absl::Status status = router_internal::ValidateRouteTiming(
            *timing, table.size(), start, end);
        !status.ok()) {
      return status;
    }
  }
  const router_internal::PathProblem problem(table, start, end);
  if (const auto [from, to] = problem.FirstNotANumber(); from >= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "distance from place ", from, " to place ", to, " is not a number"));
  }
  if (timing != nullptr) {
    return router_internal::SolveTimedRoute(problem, options, *timing);
  }
  const int exact_limit =
      std::min(options.exact_max_stops, router_internal::kMaxExactStops);
  Route route;
  std::vector<int> path;
  if (problem.stops() <= std::max(exact_limit, 0)) {
    // Zero stops lands here too: {start, end} is trivially optimal.
    path = router_internal::SolveHeldKarp(problem);
    route.proven_optimal = true;
  } else {
    path = router_internal::SolveIteratedLocalSearch(problem, options);
  }
  route.distance = problem.Length(path);
  route.order.reserve(path.size());
  for (int local : path) route.order.push_back(problem.original(local));
  return route;
}

}  // namespace callplan
