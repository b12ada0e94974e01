#include "solver/assignment/neighbourhood_search.h"

#include <algorithm>
#include <memory>
#include <random>
#include <vector>

#include "CoinPackedMatrix.hpp"
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

// A neighbourhood as a MIP of its own: the kept reps' columns are fixed at
// the plan's values and taken out, their share of each row moved into the
// row's bounds, the freed reps' columns those rows now hold at 0 taken out
// too, and rows left without columns dropped (the plan satisfies them). The
// same points as the whole model with those columns fixed, but CBC's root
// LP, cuts and heuristics see only the visits the freed reps can still make.
struct SmallModel {
  AssignmentMip mip;         // the solver alone
  std::vector<int> columns;  // the whole model's column of each column here
  std::vector<double> warm_start;
  double warm_start_objective = 0;
};

SmallModel Neighbourhood(const AssignmentMip& mip, int num_reps,
                         const std::vector<int>& freed,
                         const std::vector<double>& values) {
  const OsiClpSolverInterface& whole = *mip.solver;
  const int num_columns = whole.getNumCols();
  const int num_rows = whole.getNumRows();
  std::vector<bool> is_freed(num_reps, false);
  for (int i : freed) is_freed[i] = true;
  std::vector<bool> keep(num_columns, true);  // balance columns stay
  for (size_t c = 0; c < mip.x_columns.size(); ++c) {
    keep[c] = is_freed[mip.x_columns[c].first];
  }
  const double infinity = whole.getInfinity();
  std::vector<double> lower(whole.getRowLower(), whole.getRowLower() + num_rows);
  std::vector<double> upper(whole.getRowUpper(), whole.getRowUpper() + num_rows);
  const CoinPackedMatrix& by_column = *whole.getMatrixByCol();
  for (int c = 0; c < num_columns; ++c) {
    if (keep[c] || values[c] == 0) continue;
    const CoinShallowPackedVector column = by_column.getVector(c);
    for (int k = 0; k < column.getNumElements(); ++k) {
      const int r = column.getIndices()[k];
      const double share = column.getElements()[k] * values[c];
      if (lower[r] > -infinity) lower[r] -= share;
      if (upper[r] < infinity) upper[r] -= share;
    }
  }
  // A row the kept reps have filled (a physician they visit as often as
  // the day allows) holds each freed column in it at 0: those columns go
  // too, so CBC's cuts and heuristics see only the visits still open.
  const CoinPackedMatrix& by_row = *whole.getMatrixByRow();
  const double* lowest = whole.getColLower();
  for (int r = 0; r < num_rows; ++r) {
    if (upper[r] > 1e-9 || lower[r] > 0) continue;
    const CoinShallowPackedVector row = by_row.getVector(r);
    bool holds_at_zero = true;
    for (int k = 0; k < row.getNumElements() && holds_at_zero; ++k) {
      const int c = row.getIndices()[k];
      holds_at_zero = !keep[c] || (row.getElements()[k] > 0 && lowest[c] >= 0 &&
                                   values[c] == 0);
    }
    if (!holds_at_zero) continue;
    for (int k = 0; k < row.getNumElements(); ++k) keep[row.getIndices()[k]] = false;
  }
  // Built afresh from the kept columns rather than copied and cut down:
  // at 500x70 copying the whole day took a third of the search's time.
  const double* objective = whole.getObjCoefficients();
  SmallModel small;
  std::vector<int> row_in_small(num_rows, -1);
  std::vector<int> small_rows;
  std::vector<CoinBigIndex> starts = {0};
  std::vector<int> indices;
  std::vector<double> elements, column_lower, column_upper, small_objective;
  for (int c = 0; c < num_columns; ++c) {
    if (!keep[c]) continue;
    small.columns.push_back(c);
    small.warm_start.push_back(values[c]);
    small.warm_start_objective += objective[c] * values[c];
    column_lower.push_back(whole.getColLower()[c]);
    column_upper.push_back(whole.getColUpper()[c]);
    small_objective.push_back(objective[c]);
    const CoinShallowPackedVector column = by_column.getVector(c);
    for (int k = 0; k < column.getNumElements(); ++k) {
      const int r = column.getIndices()[k];
      if (row_in_small[r] < 0) {
        row_in_small[r] = static_cast<int>(small_rows.size());
        small_rows.push_back(r);
      }
      indices.push_back(row_in_small[r]);
      elements.push_back(column.getElements()[k]);
    }
    starts.push_back(static_cast<CoinBigIndex>(indices.size()));
  }
  std::vector<double> row_lower, row_upper;
  for (int r : small_rows) {
    row_lower.push_back(lower[r]);
    row_upper.push_back(upper[r]);
  }
  const int small_columns = static_cast<int>(small.columns.size());
  small.mip.solver = std::make_unique<OsiClpSolverInterface>();
  OsiClpSolverInterface& solver = *small.mip.solver;
  solver.messageHandler()->setLogLevel(0);
  solver.getModelPtr()->setLogLevel(0);
  solver.loadProblem(small_columns, static_cast<int>(small_rows.size()), starts.data(),
                     indices.data(), elements.data(), column_lower.data(),
                     column_upper.data(), small_objective.data(), row_lower.data(),
                     row_upper.data());
  solver.setObjSense(whole.getObjSense());
  for (int k = 0; k < small_columns; ++k) {
    if (whole.isInteger(small.columns[k])) solver.setInteger(k);
  }
  return small;
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
    SmallModel sub = Neighbourhood(mip, problem.num_reps, freed, values);
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
