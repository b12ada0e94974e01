// Routing one rep's assigned physicians: the bridge between a territory-wide
// DistanceTable and the router's small per-rep table.
#ifndef CALLPLAN_SOLVER_REP_ROUTE_H_
#define CALLPLAN_SOLVER_REP_ROUTE_H_

#include <vector>

#include "absl/status/statusor.h"
#include "solver/distance.h"
#include "solver/router/router.h"

namespace callplan {

struct RepRoute {
  std::vector<int> physicians;  // physician indices in visiting order
  std::vector<double> legs;     // leg i ends at physicians[i]
  double return_distance = 0;   // last visit -> home
  double distance = 0;
  bool proven_optimal = false;
  // Timed days only (see Route in router.h): whether an order fits the
  // shift, breaks and hours, and if not whether that is proven, and the
  // physician (index) who cannot be fitted even alone, else -1.
  bool timed = false;
  bool feasible = true;
  bool infeasibility_proven = false;
  int infeasible_physician = -1;
  // Timed and feasible: per visit, in visiting order.
  std::vector<TimedStop> times;
  int64_t departure_seconds = 0;
  int64_t return_seconds = 0;
  // after_position 0 = at home before leaving, k = after the k-th visit.
  std::vector<PlacedBreak> breaks;
};

// `home` is the rep's place in `table`; `physician_places` the places of the
// physicians to visit (distinct); `physicians` their physician indices.
// `timing` (may be null) has node 0 = home and node k = physician_places[k-1].
absl::StatusOr<RepRoute> RouteRepDay(const DistanceTable& table, int home,
                                     const std::vector<int>& physician_places,
                                     const std::vector<int>& physicians,
                                     const RouteOptions& options,
                                     const RouteTiming* timing = nullptr);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_REP_ROUTE_H_
