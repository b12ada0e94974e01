// ExplainInfeasibility (declared in model.h): why no assignment exists, in
// words an admin can act on. Required physicians no rep can take even on an
// empty day first (with each family's reason), then each family's own
// explanation (constraint_family.h), which may ask small auxiliary MIPs with
// one of its bounds relaxed.
#include <algorithm>
#include <map>

#include "OsiClpSolverInterface.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "solver/assignment/cbc_run.h"
#include "solver/assignment/families.h"
#include "solver/assignment/mip.h"
#include "solver/assignment/model.h"
#include "solver/assignment/state.h"

namespace callplan {
namespace {

// Why no rep can take required physician j on an empty day, "" if one can:
// the reasons, each with the reps it holds for.
std::string WhyNobodyCanTake(const AssignmentState& empty, int j) {
  const AssignmentProblem& p = empty.problem();
  std::map<std::string, std::vector<std::string>> reps_of_reason;
  for (int i = 0; i < p.num_reps; ++i) {
    if (empty.CanAdd(i, j)) return "";
    reps_of_reason[empty.WhyNot(i, j)].push_back(RepName(p, i));
  }
  if (reps_of_reason.size() == 1) return reps_of_reason.begin()->first;
  std::vector<std::string> parts;
  for (const auto& [reason, reps] : reps_of_reason) {
    parts.push_back(absl::StrCat(absl::StrJoin(reps, ", "), ": ", reason));
  }
  return absl::StrJoin(parts, "; ");
}

AuxAnswer SolveAux(const AssignmentProblem& p, const MipSpec& spec,
                   double seconds, const SolveControl& control) {
  AuxAnswer result;
  if (control.deadline != absl::InfiniteFuture()) {
    seconds = std::min(
        seconds, absl::ToDoubleSeconds(control.deadline - absl::Now()));
  }
  if (seconds <= 0.01 || (control.should_stop && control.should_stop())) {
    return result;  // undecided: no time left to find out
  }
  AssignmentMip mip = BuildAssignmentMip(p, spec);
  CbcRunSettings settings;
  settings.time_limit_seconds = seconds;
  settings.relative_gap = 0;
  SolveControl quiet = control;
  quiet.on_progress = nullptr;  // auxiliary solves are not the plan's progress
  absl::StatusOr<CbcRunResult> run = RunCbc(mip, settings, quiet);
  if (!run.ok()) return result;
  result.decided = run->proven_infeasible || run->proven_optimal;
  result.feasible = run->has_solution;
  if (run->has_solution) {
    const double* objective = mip.solver->getObjCoefficients();
    for (size_t c = 0; c < run->solution.size(); ++c) {
      result.objective += objective[c] * run->solution[c];
    }
  }
  return result;
}

}  // namespace

Infeasibility ExplainInfeasibility(const AssignmentProblem& problem,
                                   const SolveOptions& options,
                                   const SolveControl& control) {
  Infeasibility out;
  if (!CheckProblem(problem).ok()) return out;
  const AssignmentState empty(problem);
  for (int j = 0; j < problem.num_physicians; ++j) {
    if (problem.physician_optional[j]) continue;
    const std::string why = WhyNobodyCanTake(empty, j);
    if (why.empty()) continue;
    out.unreachable_physician_ids.push_back(PhysicianName(problem, j));
    out.reasons.push_back(absl::StrCat("required physician ",
                                       PhysicianName(problem, j),
                                       " cannot be visited today: ", why));
  }
  const double seconds = std::max(1.0, options.time_limit_seconds / 4);
  const AuxSolve solve = [&](const MipSpec& spec) {
    return SolveAux(problem, spec, seconds, control);
  };
  for (const ConstraintFamily* family : AllFamilies()) {
    family->ExplainInfeasible(problem, solve, out);
  }
  if (out.reasons.empty()) {
    out.reasons.push_back(
        "the bounds together admit no plan, though none alone is to blame; "
        "relax the workload or potential spread, the route caps or the shifts");
  }
  return out;
}

}  // namespace callplan
