// Running CBC on an AssignmentMip (internal to solver/): a CbcModel of its
// own on a copy of the model's OsiClpSolverInterface, searched as
// cbc_search.h says, one thread each for determinism, optionally CBC's
// CglPreProcess or a warm start, and an event handler that reports progress
// and honours SolveControl's should_stop and deadline. No process-wide
// state: any number of RunCbc may run at once. CoinError never escapes.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_CBC_RUN_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_CBC_RUN_H_

#include <vector>

#include "absl/status/statusor.h"
#include "solver/assignment/mip.h"
#include "solver/solve_options.h"

namespace callplan {

struct CbcRunResult {
  bool has_solution = false;
  bool proven_optimal = false;  // within the relative gap
  bool proven_infeasible = false;
  std::vector<double> solution;       // column values when has_solution
  double best_bound = 0;              // minimisation sense, as CBC reports
};

struct CbcRunSettings {
  double time_limit_seconds = 10;
  double relative_gap = 1e-4;
  std::vector<double> warm_start;  // every column's value; may be empty
  double warm_start_objective = 0;  // minimisation sense
  // CBC's CglPreProcess before the search; skipped when a warm start is
  // given (it renumbers the columns the incumbent is written in).
  bool preprocess = true;
  // Progress values are reported as -objective (the planning objective
  // is a maximisation written for minimisation).
  bool report_progress = false;
};

// Internal errors only (CBC threw); infeasibility and time-outs are results.
absl::StatusOr<CbcRunResult> RunCbc(AssignmentMip& mip,
                                    const CbcRunSettings& settings,
                                    const SolveControl& control);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_CBC_RUN_H_
