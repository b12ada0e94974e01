#include "solver/assignment/progress.h"

#include <algorithm>
#include <cmath>

#include "absl/time/clock.h"

namespace callplan {

double RelativeGap(double bound, double objective) {
  return std::max(0.0, bound - objective) / std::max(1.0, std::abs(bound));
}

void ReportPlanInHand(double objective, double bound, absl::Time started,
                      const SolveControl& control) {
  if (!control.on_progress) return;
  SolveProgress progress;
  progress.elapsed_seconds = absl::ToDoubleSeconds(absl::Now() - started);
  progress.has_incumbent = true;
  progress.incumbent_objective = objective;
  progress.best_bound = std::max(bound, objective);
  progress.relative_gap = RelativeGap(progress.best_bound, objective);
  control.on_progress(progress);
}

}  // namespace callplan
