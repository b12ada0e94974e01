// ExplainInfeasibility (declared in assignment_model.h): why no assignment
// exists, in words an admin can act on. Cheap counting arguments first, then
// small auxiliary MIPs that relax one family of bounds at a time.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "OsiClpSolverInterface.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "solver/assignment_mip.h"
#include "solver/assignment_model.h"
#include "solver/cbc_run.h"

namespace callplan {
namespace {

// Required physicians no rep can visit even alone: not allowed, or beyond
// every rep's (approximated) route cap, or every rep capped at zero visits.
std::vector<int> UnreachableRequired(const AssignmentProblem& p) {
  std::vector<int> unreachable;
  for (int j = 0; j < p.num_physicians; ++j) {
    if (p.physician_optional[j]) continue;
    bool reachable = false;
    for (int i = 0; i < p.num_reps && !reachable; ++i) {
      const size_t ij = static_cast<size_t>(i) * p.num_physicians + j;
      reachable = (p.allowed.empty() || p.allowed[ij]) &&
                  (p.route_cap[i] <= 0 ||
                   p.safety_factor[i] * p.home_distance[ij] <= p.route_cap[i]);
    }
    if (!reachable) unreachable.push_back(j);
  }
  return unreachable;
}

struct AuxResult {
  bool feasible = false;
  bool decided = false;  // false when the time ran out undecided
  double objective = 0;
};

AuxResult SolveAux(const AssignmentProblem& p, const MipSpec& spec,
                   double seconds) {
  AssignmentMip mip = BuildAssignmentMip(p, spec);
  CbcRunSettings settings;
  settings.time_limit_seconds = seconds;
  settings.relative_gap = 0;
  absl::StatusOr<CbcRunResult> run = RunCbc(mip, settings, SolveControl{});
  AuxResult result;
  if (!run.ok()) return result;
  result.decided = run->proven_infeasible || run->proven_optimal;
  result.feasible = run->has_solution;
  if (run->has_solution) {
    double value = 0;
    const double* objective = mip.solver->getObjCoefficients();
    for (size_t c = 0; c < run->solution.size(); ++c) {
      value += objective[c] * run->solution[c];
    }
    result.objective = value;
  }
  return result;
}

void ExplainCapacity(const AssignmentProblem& p, Infeasibility& out) {
  const int required = static_cast<int>(
      std::count(p.physician_optional.begin(), p.physician_optional.end(), false));
  long capacity = 0;
  for (uint32_t cap : p.max_visits) {
    if (cap == 0) return;  // some rep is uncapped
    capacity += cap;
  }
  if (required > capacity) {
    out.reasons.push_back(absl::StrCat(
        required, " required physicians but the reps' visit caps allow only ",
        capacity, " visits in all"));
  }
}

}  // namespace

Infeasibility ExplainInfeasibility(const AssignmentProblem& problem,
                                   const SolveOptions& options) {
  Infeasibility out;
  if (!CheckProblem(problem).ok()) return out;
  for (int j : UnreachableRequired(problem)) {
    out.unreachable_physician_ids.push_back(absl::StrCat(j));
  }
  if (!out.unreachable_physician_ids.empty()) {
    out.reasons.push_back(absl::StrCat(
        out.unreachable_physician_ids.size(),
        " required physicians are beyond every rep's route cap (with the "
        "distance safety factor applied)"));
  }
  ExplainCapacity(problem, out);
  const double seconds = std::max(1.0, options.time_limit_seconds / 4);

  if (problem.max_workload_spread) {
    MipSpec spec;
    spec.objective = MipObjective::kMinWorkloadSpread;
    const AuxResult aux = SolveAux(problem, spec, seconds);
    if (aux.feasible) {
      const auto smallest = static_cast<uint32_t>(std::lround(aux.objective));
      if (aux.decided) out.min_feasible_workload_spread = smallest;
      if (smallest > *problem.max_workload_spread) {
        out.reasons.push_back(absl::StrCat(
            "max_workload_spread ", *problem.max_workload_spread,
            " is too tight: with every other bound kept, the smallest "
            "feasible spread is ", smallest, aux.decided ? "" : " or less"));
      }
    }
  }
  if (problem.max_potential_spread) {
    MipSpec spec;
    spec.objective = MipObjective::kMinPotentialSpread;
    const AuxResult aux = SolveAux(problem, spec, seconds);
    if (aux.feasible) {
      // Round up in the second decimal so that the reported value is
      // itself feasible.
      const double smallest = std::ceil(aux.objective * 100 - 1e-6) / 100;
      if (aux.decided) out.min_feasible_potential_spread = smallest;
      if (smallest > *problem.max_potential_spread + 1e-9) {
        out.reasons.push_back(absl::StrFormat(
            "max_potential_spread %g is too tight: with every other bound "
            "kept, the smallest feasible spread is %g%s",
            *problem.max_potential_spread, smallest,
            aux.decided ? "" : " or less"));
      }
    }
  }
  const bool capped = std::any_of(problem.route_cap.begin(),
                                  problem.route_cap.end(),
                                  [](double cap) { return cap > 0; });
  if (capped) {
    MipSpec spec;
    spec.objective = MipObjective::kFeasibility;
    spec.enforce_route_caps = false;
    const AuxResult aux = SolveAux(problem, spec, seconds);
    if (aux.feasible) {
      out.reasons.push_back(
          "the route caps are too tight: without them a plan exists");
    }
  }
  if (out.reasons.empty()) {
    out.reasons.push_back(
        "the bounds together admit no plan, though none alone is to blame; "
        "relax the workload or potential spread, or the route caps");
  }
  return out;
}

}  // namespace callplan
