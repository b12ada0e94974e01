#include "solver/rep_route.h"

namespace callplan {
namespace {

void CopyTimes(const Route& route, RepRoute& result) {
  result.timed = true;
  result.feasible = route.feasible;
  result.infeasibility_proven = route.infeasibility_proven;
  if (!route.feasible) return;
  // route.times has one entry per element of order: home, visits, home.
  for (size_t k = 1; k + 1 < route.times.size(); ++k) {
    result.times.push_back(route.times[k]);
  }
  result.departure_seconds = route.departure_seconds;
  result.return_seconds = route.return_seconds;
  result.breaks = route.breaks;
}

}  // namespace

absl::StatusOr<RepRoute> RouteRepDay(const DistanceTable& table, int home,
                                     const std::vector<int>& physician_places,
                                     const std::vector<int>& physicians,
                                     const RouteOptions& options,
                                     const RouteTiming* timing) {
  // Node 0 is home; node k is physician_places[k - 1].
  std::vector<int> places = {home};
  places.insert(places.end(), physician_places.begin(), physician_places.end());
  const int n = static_cast<int>(places.size());
  std::vector<double> sub(static_cast<size_t>(n) * n);
  for (int a = 0; a < n; ++a) {
    for (int b = 0; b < n; ++b) sub[a * n + b] = table(places[a], places[b]);
  }
  const DistanceTable small = DistanceTable::FromDense(n, std::move(sub));
  absl::StatusOr<Route> route = SolveRoute(small, 0, 0, options, timing);
  if (!route.ok()) return route.status();

  RepRoute result;
  result.distance = route->distance;
  result.proven_optimal = route->proven_optimal;
  int previous = 0;
  for (size_t k = 1; k + 1 < route->order.size(); ++k) {
    const int node = route->order[k];
    result.physicians.push_back(physicians[node - 1]);
    result.legs.push_back(small(previous, node));
    previous = node;
  }
  result.return_distance = small(previous, 0);
  if (timing != nullptr) {
    CopyTimes(*route, result);
    if (route->infeasible_stop > 0) {
      result.infeasible_physician = physicians[route->infeasible_stop - 1];
    }
  }
  return result;
}

}  // namespace callplan
