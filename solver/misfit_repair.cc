#include "solver/misfit_repair.h"

#include <algorithm>

#include "solver/assignment/pins.h"

namespace callplan {
namespace {

// The optional, unpinned visit of rep `rep` that earns least (a re-plan's
// kept visits earn their change penalty too), or -1.
int LeastValuableOptional(const AssignmentProblem& problem, int rep,
                          const std::vector<int>& physicians) {
  int worst = -1;
  for (int j : physicians) {
    if (!problem.physician_optional[j] || PinOf(problem, rep, j)) continue;
    if (worst < 0 || Earning(problem, rep, j) < Earning(problem, rep, worst)) {
      worst = j;
    }
  }
  return worst;
}

}  // namespace

absl::StatusOr<std::vector<std::vector<int>>> DropUntilDaysFit(
    const DayRouter& router, const AssignmentProblem& problem,
    RepVisits& visits, RoutedDay& day) {
  std::vector<std::vector<int>> dropped(problem.num_reps);
  std::vector<int> still;
  for (int i : day.misfits) {
    // Only days that cannot be followed: a route over its distance cap is
    // still a route, reported as such.
    while (day.routes[i].timed && !day.routes[i].feasible) {
      const int j = LeastValuableOptional(problem, i, visits[i]);
      if (j < 0) break;
      visits[i].erase(std::find(visits[i].begin(), visits[i].end(), j));
      dropped[i].push_back(j);
      absl::StatusOr<RepRoute> route = router.Route(i, visits[i]);
      if (!route.ok()) return route.status();
      day.fits[i] = router.FitOf(i, *route);
      day.routes[i] = *std::move(route);
    }
    if (!day.fits[i].fits) still.push_back(i);
  }
  day.misfits = std::move(still);
  return dropped;
}

}  // namespace callplan
