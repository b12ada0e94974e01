#include "solver/assignment/neighbourhood_model.h"

#include <memory>

#include "CoinPackedMatrix.hpp"
#include "OsiClpSolverInterface.hpp"

namespace callplan {

NeighbourhoodModel ModelOfNeighbourhood(const AssignmentMip& mip, int num_reps,
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
  NeighbourhoodModel small;
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

}  // namespace callplan
