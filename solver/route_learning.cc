#include "solver/route_learning.h"

#include <algorithm>

namespace callplan {

absl::StatusOr<Misfit> SmallestMisfit(std::vector<int> physicians,
                                      const std::string& why,
                                      const FitTest& fit,
                                      const std::function<bool()>& should_stop) {
  Misfit misfit{std::move(physicians), why};
  std::sort(misfit.physicians.begin(), misfit.physicians.end());
  // Removing visits from the end keeps the earlier ones, so the sets learnt
  // for one rep over several iterations tend to overlap little.
  for (size_t k = misfit.physicians.size(); k-- > 0;) {
    if (misfit.physicians.size() <= 1) break;
    if (should_stop && should_stop()) break;
    std::vector<int> smaller = misfit.physicians;
    smaller.erase(smaller.begin() + static_cast<long>(k));
    absl::StatusOr<RouteFit> verdict = fit(smaller);
    if (!verdict.ok()) return verdict.status();
    if (!verdict->fits && verdict->proven) {
      misfit.physicians = std::move(smaller);
      misfit.why = verdict->why;
    }
  }
  return misfit;
}

}  // namespace callplan
