#include "solver/assignment/mip_builder.h"

#include "CoinPackedMatrix.hpp"
#include "CoinPackedVector.hpp"
#include "OsiClpSolverInterface.hpp"
#include "absl/strings/str_cat.h"
#include "solver/assignment/families.h"

namespace callplan {

MipBuilder::MipBuilder(const AssignmentProblem& p, AssignmentMip& mip)
    : p_(p),
      mip_(mip),
      x_of_(static_cast<size_t>(p.num_reps) * p.num_physicians, -1),
      of_rep_(p.num_reps),
      of_physician_(p.num_physicians) {
  for (int i = 0; i < p.num_reps; ++i) {
    for (int j = 0; j < p.num_physicians; ++j) {
      if (!PairInModel(p, i, j)) continue;
      const int c = AddColumn(absl::StrCat("x_", i, "_", j), 0, 1, true);
      mip.x_columns.emplace_back(i, j);
      x_of_[PairIndex(p, i, j)] = c;
      of_rep_[i].push_back(c);
      of_physician_[j].push_back(c);
    }
  }
}

int MipBuilder::AddColumn(std::string name, double lower, double upper,
                          bool integer) {
  mip_.column_names.push_back(std::move(name));
  lower_.push_back(lower);
  upper_.push_back(upper);
  objective_.push_back(0);
  integer_.push_back(integer);
  return static_cast<int>(lower_.size()) - 1;
}

void MipBuilder::AddRow(Row row, double lower, double upper) {
  rows_.push_back(std::move(row));
  row_lower_.push_back(lower);
  row_upper_.push_back(upper);
}

void MipBuilder::Finish() {
  const int columns = static_cast<int>(lower_.size());
  CoinPackedMatrix matrix(false, 0, 0);
  matrix.setDimensions(0, columns);
  for (const Row& row : rows_) {
    CoinPackedVector vector;
    for (const auto& [column, value] : row) {
      if (value != 0) vector.insert(column, value);
    }
    matrix.appendRow(vector);
  }
  mip_.solver = std::make_unique<OsiClpSolverInterface>();
  OsiClpSolverInterface& solver = *mip_.solver;
  solver.messageHandler()->setLogLevel(0);
  solver.getModelPtr()->setLogLevel(0);
  solver.loadProblem(matrix, lower_.data(), upper_.data(), objective_.data(),
                     row_lower_.data(), row_upper_.data());
  solver.setObjSense(1.0);
  for (int c = 0; c < columns; ++c) {
    if (integer_[c]) solver.setInteger(c);
  }
}

}  // namespace callplan
