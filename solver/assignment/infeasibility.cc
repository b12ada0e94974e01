// ExplainInfeasibility (declared in model.h): why no assignment
// exists, in words an admin can act on. Cheap counting arguments first, then
// small auxiliary MIPs that relax one family of bounds at a time.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "OsiClpSolverInterface.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "solver/assignment/mip.h"
#include "solver/assignment/state.h"
#include "solver/assignment/model.h"
#include "solver/assignment/cbc_run.h"

namespace callplan {
namespace {

// Required physicians no rep can visit even alone: excluded by a contact
// rule, or beyond every rep's (approximated) route cap.
std::vector<int> UnreachableRequired(const AssignmentProblem& p) {
  AssignmentState empty(p);
  std::vector<int> unreachable;
  for (int j = 0; j < p.num_physicians; ++j) {
    if (p.physician_optional[j]) continue;
    bool reachable = false;
    for (int i = 0; i < p.num_reps && !reachable; ++i) {
      reachable = empty.CanAdd(i, j);
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
                   double seconds, const SolveControl& control) {
  AuxResult result;
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

// "team X: " in front of reasons when the territory has several teams.
std::string TeamPrefix(const AssignmentProblem& p, int t) {
  return p.teams.size() > 1 ? absl::StrCat("team ", p.teams[t].team_id, ": ")
                            : "";
}

// The smallest spread of team t that keeps every other bound; the numbers
// go into the Infeasibility fields when there is one team only.
void ExplainTeamSpreads(const AssignmentProblem& problem, int t,
                        double seconds, const SolveControl& control,
                        Infeasibility& out) {
  const BalanceGroup& team = problem.teams[t];
  const bool single = problem.teams.size() == 1;
  if (team.max_workload_spread) {
    MipSpec spec;
    spec.objective = MipObjective::kMinWorkloadSpread;
    spec.team = t;
    const AuxResult aux = SolveAux(problem, spec, seconds, control);
    if (aux.feasible) {
      const auto smallest = static_cast<uint32_t>(std::lround(aux.objective));
      if (aux.decided && single) out.min_feasible_workload_spread = smallest;
      if (smallest > *team.max_workload_spread) {
        out.reasons.push_back(absl::StrCat(
            TeamPrefix(problem, t), "max_workload_spread ",
            *team.max_workload_spread,
            " is too tight: with every other bound kept, the smallest "
            "feasible spread is ", smallest, aux.decided ? "" : " or less"));
      }
    }
  }
  if (team.max_potential_spread) {
    MipSpec spec;
    spec.objective = MipObjective::kMinPotentialSpread;
    spec.team = t;
    const AuxResult aux = SolveAux(problem, spec, seconds, control);
    if (aux.feasible) {
      // Round up in the second decimal so that the reported value is
      // itself feasible.
      const double smallest = std::ceil(aux.objective * 100 - 1e-6) / 100;
      if (aux.decided && single) out.min_feasible_potential_spread = smallest;
      if (smallest > *team.max_potential_spread + 1e-9) {
        out.reasons.push_back(absl::StrFormat(
            "%smax_potential_spread %g is too tight: with every other bound "
            "kept, the smallest feasible spread is %g%s",
            TeamPrefix(problem, t), *team.max_potential_spread, smallest,
            aux.decided ? "" : " or less"));
      }
    }
  }
}

}  // namespace

Infeasibility ExplainInfeasibility(const AssignmentProblem& problem,
                                   const SolveOptions& options,
                                   const SolveControl& control) {
  Infeasibility out;
  if (!CheckProblem(problem).ok()) return out;
  for (int j : UnreachableRequired(problem)) {
    const std::string id = problem.physician_ids.empty()
                               ? absl::StrCat("#", j)
                               : problem.physician_ids[j];
    out.unreachable_physician_ids.push_back(id);
    const bool excluded = !problem.excluded_reason.empty() &&
                          !problem.excluded_reason[j].empty();
    out.reasons.push_back(absl::StrCat(
        "required physician ", id, " cannot be visited today: ",
        excluded ? problem.excluded_reason[j]
                 : "beyond every rep's route cap (with the distance safety "
                   "factor applied)"));
  }
  ExplainCapacity(problem, out);
  const double seconds = std::max(1.0, options.time_limit_seconds / 4);

  for (size_t t = 0; t < problem.teams.size(); ++t) {
    ExplainTeamSpreads(problem, static_cast<int>(t), seconds, control, out);
  }
  const bool capped = std::any_of(problem.route_cap.begin(),
                                  problem.route_cap.end(),
                                  [](double cap) { return cap > 0; });
  if (capped) {
    MipSpec spec;
    spec.objective = MipObjective::kFeasibility;
    spec.enforce_route_caps = false;
    const AuxResult aux = SolveAux(problem, spec, seconds, control);
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
