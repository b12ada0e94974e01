#include "solver/assignment/neighbourhood_search.h"

#include <algorithm>
#include <random>
#include <vector>

#include "absl/time/clock.h"
#include "solver/assignment/cbc_run.h"
#include "solver/assignment/check.h"
#include "solver/assignment/neighbourhood_model.h"
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

// How far apart two reps work: the shortest detour through one physician
// from one home to the other. Neighbourhoods of close reps can trade
// physicians; far-apart reps only swap what neither should have.
std::vector<std::vector<int>> RepsByCloseness(const AssignmentProblem& p) {
  std::vector<std::vector<int>> order(p.num_reps);
  for (int a = 0; a < p.num_reps; ++a) {
    std::vector<std::pair<double, int>> by_distance;
    for (int b = 0; b < p.num_reps; ++b) {
      double apart = a == b ? -1 : 1e300;
      for (int j = 0; j < p.num_physicians && a != b; ++j) {
        apart = std::min(apart, p.home_distance[PairIndex(p, a, j)] +
                                    p.home_distance[PairIndex(p, b, j)]);
      }
      by_distance.emplace_back(apart, b);
    }
    std::sort(by_distance.begin(), by_distance.end());
    for (const auto& [apart, b] : by_distance) order[a].push_back(b);
  }
  return order;
}

// Every other neighbourhood frees reps drawn at random instead of a rep
// and its nearest colleagues: what holds the hard shapes down is the team's
// balance windows, which tie every rep to every other, so far-apart reps
// trade too; the nearest ones keep the trades that real routes can take
// (with random reps alone, plans at 200x40 with shifts failed their routes
// and needed a second solve). Side by side, 10 s, nearest only / random
// only / alternating: 200x40 seed 1 21091 / 21147 / 21181, seed 3 19559 /
// 19666-19724 / 19655, with shifts and office hours 21061 / 20616-21111 /
// 21126; 500x70 seed 1 51936 / 51941-51967 / 51932.
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
  const std::vector<std::vector<int>> closest = RepsByCloseness(problem);
  std::vector<int> seeds(problem.num_reps);
  for (int i = 0; i < problem.num_reps; ++i) seeds[i] = i;
  std::mt19937 rng(20261202);
  std::shuffle(seeds.begin(), seeds.end(), rng);
  const int most = std::min(kMostFreedReps, problem.num_reps);
  double value = AssignmentEarning(problem, plan);
  int freed_count = kFirstFreedReps;
  int without_gain = 0;  // neighbourhoods in a row
  // The plan's column values, refreshed only when the plan changes.
  std::vector<double> values = ColumnValuesFor(problem, mip, plan);
  for (size_t round = 0;; ++round) {
    if (without_gain >= problem.num_reps) {
      if (freed_count >= most) break;  // as many of the widest, none better
      freed_count = std::min(most, freed_count + 2);
      without_gain = 0;
    }
    const double seconds = std::min(kSecondsPerNeighbourhood,
                                    absl::ToDoubleSeconds(until - absl::Now()));
    if (seconds < 0.05 || (control.should_stop && control.should_stop())) break;
    const std::vector<int>& near = closest[seeds[(round / 2) % seeds.size()]];
    const std::vector<int> freed =
        round % 2 == 0 ? std::vector<int>(near.begin(), near.begin() + freed_count)
                       : RandomReps(problem.num_reps, freed_count, rng);
    NeighbourhoodModel sub = ModelOfNeighbourhood(mip, problem.num_reps, freed, values);
    CbcRunSettings settings;
    settings.time_limit_seconds = seconds;
    settings.relative_gap = 0;
    settings.preprocess = false;
    settings.warm_start = sub.warm_start;
    settings.warm_start_objective = sub.warm_start_objective;
    SolveControl quiet = control;
    quiet.on_progress = nullptr;
    absl::StatusOr<CbcRunResult> run = RunCbc(sub.mip, settings, quiet);
    if (!run.ok()) return run.status();
    ++without_gain;
    if (!run->has_solution) continue;
    std::vector<double> solution = values;
    for (size_t k = 0; k < sub.columns.size(); ++k) solution[sub.columns[k]] = run->solution[k];
    RepVisits better = VisitsFromSolution(problem, mip, solution);
    const double better_value = AssignmentEarning(problem, better);
    if (better_value > value + 1e-6 &&
        AssignmentViolations(problem, better).empty()) {
      plan = std::move(better);
      value = better_value;
      values = ColumnValuesFor(problem, mip, plan);
      without_gain = 0;
      const double potential = AssignmentPotential(problem, plan);
      ReportPlanInHand(potential, BoundOnTopOfPotential(potential, value, best_bound),
                       started, control);
    }
  }
  return plan;
}

}  // namespace callplan
