// The assignment model as a CBC mixed-integer program (internal to solver/).
//
// Columns: x_ij for every (rep, physician) pair every constraint family
// allows, then whatever columns the families add (the balance family's
// shared min/max per team in COMPACT form). Rows: each family's, in
// families.h order. The objective is written for minimisation (CBC's native
// sense): -sum P_ij x_ij for planning, or a spread (wmax - wmin, pmax -
// pmin) when ExplainInfeasibility asks how far a bound would have to move.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_MIP_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_MIP_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "solver/assignment/problem.h"
#include "solver/solve_options.h"

class OsiClpSolverInterface;

namespace callplan {

enum class MipObjective {
  kMaxPotential,        // the paper's objective (1)
  kMinWorkloadSpread,   // wmax - wmin, with the workload bound dropped
  kMinPotentialSpread,  // pmax - pmin, with the potential bound dropped
  kFeasibility,         // any assignment at all
};

struct MipSpec {
  MipObjective objective = MipObjective::kMaxPotential;
  int team = 0;  // the balance group a kMin*Spread objective is about
  Formulation formulation = Formulation::kCompact;
  bool enforce_workload_spread = true;
  bool enforce_potential_spread = true;
  // Route distance and working time rows, and the forbidden sets learnt
  // from real routes.
  bool enforce_route_caps = true;
  bool enforce_visit_caps = true;
  // The managers' pins that are not done (done ones are facts, always
  // kept); with only_pin >= 0, that pin alone (pins.cc's explanations).
  bool enforce_pins = true;
  int only_pin = -1;
};

// A team's shared bounds in COMPACT form; -1 = not in this model.
struct BalanceColumns {
  int workload_min = -1, workload_max = -1;
  int potential_min = -1, potential_max = -1;
};

struct AssignmentMip {
  std::unique_ptr<OsiClpSolverInterface> solver;
  std::vector<std::pair<int, int>> x_columns;  // (rep, physician) per column
  std::vector<std::string> column_names;
  std::vector<BalanceColumns> balance;  // per team
  ~AssignmentMip();
  AssignmentMip();
  AssignmentMip(AssignmentMip&&) noexcept;
};

// The problem must be consistent (CheckProblem).
AssignmentMip BuildAssignmentMip(const AssignmentProblem& problem,
                                 const MipSpec& spec);

// InvalidArgument naming the first inconsistent vector, else OK.
absl::Status CheckProblem(const AssignmentProblem& problem);

// Every column's value for an assignment, for a warm start.
std::vector<double> ColumnValuesFor(const AssignmentProblem& problem,
                                    const AssignmentMip& mip,
                                    const RepVisits& visits);

// The assignment a solution vector encodes.
RepVisits VisitsFromSolution(const AssignmentProblem& problem,
                             const AssignmentMip& mip,
                             const std::vector<double>& solution);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_MIP_H_
