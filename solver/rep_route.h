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
};

// `home` is the rep's place in `table`; `physician_places` the places of the
// physicians to visit (distinct); `physicians` their physician indices.
absl::StatusOr<RepRoute> RouteRepDay(const DistanceTable& table, int home,
                                     const std::vector<int>& physician_places,
                                     const std::vector<int>& physicians,
                                     const RouteOptions& options);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_REP_ROUTE_H_
