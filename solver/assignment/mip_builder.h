// Rows and columns of the assignment MIP while the constraint families add
// theirs (internal). Rows are collected as sparse lists and loaded into CBC's
// solver in one call by Finish(), once every family has added its columns.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_MIP_BUILDER_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_MIP_BUILDER_H_

#include <string>
#include <utility>
#include <vector>

#include "solver/assignment/mip.h"

namespace callplan {

class MipBuilder {
 public:
  using Row = std::vector<std::pair<int, double>>;  // (column, coefficient)
  static constexpr double kInfinity = 1e30;

  // Makes the x columns of `mip` for the pairs every family allows.
  MipBuilder(const AssignmentProblem& problem, AssignmentMip& mip);

  const AssignmentProblem& problem() const { return p_; }
  AssignmentMip& mip() { return mip_; }
  // x_ij's column; -1 when the pair is not in the model.
  int X(int rep, int physician) const { return x_of_[PairIndex(p_, rep, physician)]; }
  const std::vector<int>& RepColumns(int rep) const { return of_rep_[rep]; }
  const std::vector<int>& PhysicianColumns(int j) const { return of_physician_[j]; }

  int AddColumn(std::string name, double lower, double upper, bool integer);
  void AddRow(Row row, double lower, double upper);
  void SetObjective(int column, double coefficient) { objective_[column] = coefficient; }

  // Loads the columns, rows and objective into mip.solver.
  void Finish();

 private:
  const AssignmentProblem& p_;
  AssignmentMip& mip_;
  std::vector<int> x_of_;
  std::vector<std::vector<int>> of_rep_, of_physician_;
  std::vector<double> lower_, upper_, objective_;
  std::vector<bool> integer_;
  std::vector<Row> rows_;
  std::vector<double> row_lower_, row_upper_;
};

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_MIP_BUILDER_H_
