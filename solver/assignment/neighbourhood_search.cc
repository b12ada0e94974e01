#include "solver/assignment/neighbourhood_search.h"

#include <algorithm>
#include <memory>
#include <random>
#include <vector>

#include "OsiClpSolverInterface.hpp"
#include "absl/time/clock.h"
#include "solver/assignment/cbc_run.h"
#include "solver/assignment/check.h"
#include "solver/assignment/progress.h"

namespace callplan {
namespace {

// Reps freed at once, at first: small enough for CBC to settle a
// neighbourhood in a fraction of a second at 500x70, large enough to move
// visits between reps. As many neighbourhoods in a row as there are reps,
// none better, widen it.
constexpr int kFirstFreedReps = 6;
constexpr int kMostFreedReps = 16;
constexpr double kSecondsPerNeighbourhood = 0.5;

// Reps freed together, drawn at random rather than by how close their
// homes are: the day's binding rows are the team's balance windows, which
// tie every rep to every other, and the route rows are weak necessary
// conditions (issue 11). Measured side by side in one run, 10 s each:
// 200x40 seeds 1-3 gave 21135, 21039, 19724 against 21091, 21013, 19559
// for the closest reps, 500x70 seeds 1-2 51967, 52496 against 51936,
// 52510, and with shifts and office hours at 60x20 6121 against 6014.
std::vector<int> RandomReps(int num_reps, int count, std::mt19937& rng) {
  std::vector<int> reps(num_reps);
  for (int i = 0; i < num_reps; ++i) reps[i] = i;
  for (int k = 0; k < count; ++k) {
    std::uniform_int_distribution<int> pick(k, num_reps - 1);
    std::swap(reps[k], reps[pick(rng)]);
  }
  reps.resize(count);
  return reps;
}

// The model with every x column of a kept rep fixed at the plan's value.
AssignmentMip Neighbourhood(const AssignmentMip& mip, const RepVisits& plan,
                            const std::vector<int>& freed,
                            const std::vector<double>& values) {
  AssignmentMip sub;
  sub.solver = std::make_unique<OsiClpSolverInterface>(*mip.solver);
  sub.x_columns = mip.x_columns;
  sub.balance = mip.balance;
  std::vector<bool> is_freed(plan.size(), false);
  for (int i : freed) is_freed[i] = true;
  for (size_t c = 0; c < mip.x_columns.size(); ++c) {
    if (is_freed[mip.x_columns[c].first]) continue;
    sub.solver->setColBounds(static_cast<int>(c), values[c], values[c]);
  }
  return sub;
}

}  // namespace

bool NeighbourhoodsPay(const AssignmentProblem& problem) {
  return problem.num_reps > kFirstFreedReps;
}

absl::StatusOr<RepVisits> ImproveByNeighbourhoods(const AssignmentProblem& problem,
                                                  const AssignmentMip& mip,
                                                  RepVisits plan, double best_bound,
                                                  absl::Time started, absl::Time until,
                                                  const SolveControl& control) {
  if (!NeighbourhoodsPay(problem)) return plan;
  std::mt19937 rng(20261202);
  const int most = std::min(kMostFreedReps, problem.num_reps);
  double value = AssignmentEarning(problem, plan);
  int freed_count = kFirstFreedReps;
  int without_gain = 0;  // neighbourhoods in a row
  while (true) {
    if (without_gain >= problem.num_reps) {
      if (freed_count >= most) break;  // as many of the widest, none better
      freed_count = std::min(most, freed_count + 2);
      without_gain = 0;
    }
    const double seconds = std::min(kSecondsPerNeighbourhood,
                                    absl::ToDoubleSeconds(until - absl::Now()));
    if (seconds < 0.05 || (control.should_stop && control.should_stop())) break;
    const std::vector<int> freed = RandomReps(problem.num_reps, freed_count, rng);
    const std::vector<double> values = ColumnValuesFor(problem, mip, plan);
    AssignmentMip sub = Neighbourhood(mip, plan, freed, values);
    CbcRunSettings settings;
    settings.time_limit_seconds = seconds;
    settings.relative_gap = 0;
    settings.preprocess = false;
    settings.warm_start = values;
    settings.warm_start_objective = -value;
    SolveControl quiet = control;
    quiet.on_progress = nullptr;
    absl::StatusOr<CbcRunResult> run = RunCbc(sub, settings, quiet);
    if (!run.ok()) return run.status();
    ++without_gain;
    if (!run->has_solution) continue;
    RepVisits better = VisitsFromSolution(problem, mip, run->solution);
    const double better_value = AssignmentEarning(problem, better);
    if (better_value > value + 1e-6 &&
        AssignmentViolations(problem, better).empty()) {
      plan = std::move(better);
      value = better_value;
      without_gain = 0;
      const double potential = AssignmentPotential(problem, plan);
      ReportPlanInHand(potential, BoundOnTopOfPotential(potential, value, best_bound),
                       started, control);
    }
  }
  return plan;
}

}  // namespace callplan
