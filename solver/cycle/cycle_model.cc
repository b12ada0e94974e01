#include "solver/cycle/cycle_model.h"

#include <algorithm>
#include <memory>

#include "CoinPackedMatrix.hpp"
#include "CoinPackedVector.hpp"
#include "OsiClpSolverInterface.hpp"
#include "solver/assignment/cbc_run.h"
#include "solver/assignment/mip.h"
#include "solver/cycle/call_gap.h"

namespace callplan {
namespace {

constexpr double kInfinity = 1e30;

// Columns and rows collected before loading CBC's solver in one call.
class ModelRows {
 public:
  int AddColumn(double upper, bool integer, double cost) {
    upper_.push_back(upper);
    integer_.push_back(integer);
    cost_.push_back(cost);
    return static_cast<int>(upper_.size()) - 1;
  }
  void AddRow(std::vector<std::pair<int, double>> row, double lower,
              double upper) {
    rows_.push_back(std::move(row));
    lower_row_.push_back(lower);
    upper_row_.push_back(upper);
  }
  int columns() const { return static_cast<int>(upper_.size()); }

  std::unique_ptr<OsiClpSolverInterface> Load() const {
    CoinPackedMatrix matrix(false, 0, 0);
    matrix.setDimensions(0, columns());
    for (const auto& row : rows_) {
      CoinPackedVector vector;
      for (const auto& [column, value] : row) vector.insert(column, value);
      matrix.appendRow(vector);
    }
    auto solver = std::make_unique<OsiClpSolverInterface>();
    solver->messageHandler()->setLogLevel(0);
    solver->getModelPtr()->setLogLevel(0);
    const std::vector<double> lower(upper_.size(), 0.0);
    solver->loadProblem(matrix, lower.data(), upper_.data(), cost_.data(),
                        lower_row_.data(), upper_row_.data());
    solver->setObjSense(1.0);
    for (int c = 0; c < columns(); ++c) {
      if (integer_[c]) solver->setInteger(c);
    }
    return solver;
  }

 private:
  std::vector<double> upper_, cost_;
  std::vector<bool> integer_;
  std::vector<std::vector<std::pair<int, double>>> rows_;
  std::vector<double> lower_row_, upper_row_;
};

struct Columns {
  std::vector<std::vector<int>> y;      // [goal][day], -1 = not callable
  std::vector<std::vector<int>> z;      // [goal][k - 1]
  std::vector<std::vector<int>> w;      // [physician][day], -1 = none
};

Columns AddColumns(const CycleCalendar& calendar, ModelRows& model) {
  Columns c;
  const size_t goals = calendar.goals.size();
  c.y.assign(goals, std::vector<int>(calendar.num_days, -1));
  c.z.resize(goals);
  for (size_t g = 0; g < goals; ++g) {
    const CallGoal& goal = calendar.goals[g];
    for (int d = 0; d < calendar.num_days; ++d) {
      if (calendar.Callable(static_cast<int>(g), d)) {
        c.y[g][d] = model.AddColumn(1, true, 0);
      }
    }
    for (uint32_t k = 1; k <= goal.useful_calls; ++k) {
      c.z[g].push_back(model.AddColumn(1, false, -goal.CallScore(k)));
    }
  }
  c.w.assign(calendar.physician_ids.size(),
             std::vector<int>(calendar.num_days, -1));
  for (size_t j = 0; j < c.w.size(); ++j) {
    const std::vector<int> of = calendar.GoalsOf(static_cast<int>(j));
    for (int d = 0; d < calendar.num_days; ++d) {
      if (of.size() == 1) {
        c.w[j][d] = c.y[of[0]][d];
        continue;
      }
      std::vector<std::pair<int, double>> cap_row;
      for (int g : of) {
        if (c.y[g][d] >= 0) cap_row.push_back({c.y[g][d], 1.0});
      }
      if (cap_row.empty()) continue;
      c.w[j][d] = model.AddColumn(1, true, 0);
      for (const auto& [y, one] : cap_row) {
        model.AddRow({{y, 1.0}, {c.w[j][d], -1.0}}, -kInfinity, 0);
      }
      model.AddRow(cap_row, -kInfinity, calendar.daily_cap[j]);
    }
  }
  return c;
}

void AddRows(const CycleCalendar& calendar,
             const std::vector<LearntDayCap>& learnt, const Columns& c,
             ModelRows& model) {
  for (size_t g = 0; g < calendar.goals.size(); ++g) {
    std::vector<std::pair<int, double>> count;
    for (int y : c.y[g]) {
      if (y >= 0) count.push_back({y, 1.0});
    }
    for (int z : c.z[g]) count.push_back({z, -1.0});
    model.AddRow(std::move(count), 0, 0);
  }
  std::vector<std::vector<int>> gap_rows;
  AddGapRows(calendar, c.w, gap_rows);
  for (const std::vector<int>& columns : gap_rows) {
    std::vector<std::pair<int, double>> row;
    for (int column : columns) row.push_back({column, 1.0});
    model.AddRow(std::move(row), -kInfinity, 1);
  }
  for (const DayCapacityRow& capacity : calendar.capacities) {
    std::vector<std::pair<int, double>> row;
    for (const auto& [g, weight] : capacity.goal_weights) {
      if (c.y[g][capacity.day] >= 0) row.push_back({c.y[g][capacity.day], weight});
    }
    if (!row.empty()) model.AddRow(std::move(row), -kInfinity, capacity.capacity);
  }
  for (const LearntDayCap& cap : learnt) {
    std::vector<std::pair<int, double>> row;
    for (size_t g = 0; g < calendar.goals.size(); ++g) {
      if (calendar.goals[g].team_id == cap.team_id && c.y[g][cap.day] >= 0) {
        row.push_back({c.y[g][cap.day], 1.0});
      }
    }
    if (!row.empty()) model.AddRow(std::move(row), -kInfinity, cap.max_calls);
  }
}

std::vector<double> WarmStartValues(const CycleCalendar& calendar,
                                    const Columns& c, const GoalCalls& calls,
                                    int columns) {
  std::vector<double> values(columns, 0.0);
  for (size_t g = 0; g < calls.size(); ++g) {
    for (int d : calls[g]) {
      values[c.y[g][d]] = 1;
      const int j = calendar.goals[g].physician;
      if (c.w[j][d] >= 0) values[c.w[j][d]] = 1;
    }
    for (size_t k = 0; k < calls[g].size() && k < c.z[g].size(); ++k) {
      values[c.z[g][k]] = 1;
    }
  }
  return values;
}

}  // namespace

double ScoreOfCalls(const CycleCalendar& calendar, const GoalCalls& calls) {
  double score = 0;
  for (size_t g = 0; g < calls.size(); ++g) {
    for (uint32_t k = 1; k <= calls[g].size(); ++k) {
      score += calendar.goals[g].CallScore(k);
    }
  }
  return score;
}

absl::StatusOr<CycleModelResult> SolveCycleModel(
    const CycleCalendar& calendar, const std::vector<LearntDayCap>& learnt,
    const GoalCalls& warm_start, double time_limit_seconds,
    double relative_gap, const SolveControl& control) {
  ModelRows model;
  const Columns c = AddColumns(calendar, model);
  AddRows(calendar, learnt, c, model);
  CycleModelResult result;
  if (model.columns() == 0) {
    result.has_solution = result.proven_optimal = true;
    result.calls.assign(calendar.goals.size(), {});
    return result;
  }
  AssignmentMip mip;
  mip.solver = model.Load();
  CbcRunSettings settings;
  settings.time_limit_seconds = time_limit_seconds;
  settings.relative_gap = relative_gap;
  if (!warm_start.empty()) {
    settings.warm_start =
        WarmStartValues(calendar, c, warm_start, model.columns());
    settings.warm_start_objective = -ScoreOfCalls(calendar, warm_start);
  }
  absl::StatusOr<CbcRunResult> run = RunCbc(mip, settings, control);
  if (!run.ok()) return run.status();
  result.best_bound = -run->best_bound;
  result.proven_optimal = run->proven_optimal;
  if (!run->has_solution) return result;
  result.has_solution = true;
  result.calls.assign(calendar.goals.size(), {});
  for (size_t g = 0; g < calendar.goals.size(); ++g) {
    for (int d = 0; d < calendar.num_days; ++d) {
      if (c.y[g][d] >= 0 && run->solution[c.y[g][d]] > 0.5) {
        result.calls[g].push_back(d);
      }
    }
  }
  result.objective = ScoreOfCalls(calendar, result.calls);
  return result;
}

}  // namespace callplan
