#include "solver/portfolio_report.h"

#include <algorithm>
#include <cstdint>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "solver/assignment/check.h"

namespace callplan {
namespace {

// Why the teams that wanted physician j and did not get it were left out.
std::string ConflictReason(const AssignmentProblem& problem,
                           const Conflict& conflict, int j) {
  if (!problem.excluded_reason.empty() && !problem.excluded_reason[j].empty()) {
    return problem.excluded_reason[j];
  }
  std::vector<std::string> others;
  double assigned_gain = 0;
  for (const auto& [team, gain] : conflict.team_potential) {
    if (team == conflict.assigned_team_id) {
      assigned_gain = gain;
    } else {
      others.push_back(absl::StrFormat("%s %.0f", team, gain));
    }
  }
  if (conflict.assigned_team_id.empty()) {
    return "optional; no team could add this visit within its fairness "
           "bounds and route caps for more than it gained elsewhere";
  }
  const uint32_t cap = DailyCap(problem, j);
  const std::string rule = absl::StrFormat(
      "daily contact cap of %d visit%s across teams", cap, cap == 1 ? "" : "s");
  std::string stronger;
  double stronger_gain = assigned_gain;
  for (const auto& [team, gain] : conflict.team_potential) {
    if (gain > stronger_gain) {
      stronger = team;
      stronger_gain = gain;
    }
  }
  if (stronger.empty()) {
    return absl::StrFormat("%s; team %s gains most (%.0f against %s)", rule,
                           conflict.assigned_team_id, assigned_gain,
                           absl::StrJoin(others, ", "));
  }
  return absl::StrFormat(
      "%s; team %s would gain more here (%.0f against %.0f), but its reps' "
      "fairness bounds and route caps make the visit worth more to the "
      "portfolio elsewhere, so team %s takes it",
      rule, stronger, stronger_gain, assigned_gain, conflict.assigned_team_id);
}

}  // namespace

DaySpreads SpreadsOf(const AssignmentProblem& problem,
                     const std::vector<RepDay>& rep_days,
                     const std::function<bool(int rep)>& compared) {
  size_t vmin = SIZE_MAX, vmax = 0;
  double pmin = 1e300, pmax = -1e300;
  for (size_t i = 0; i < rep_days.size(); ++i) {
    const int rep = static_cast<int>(i);
    if (!InBalance(problem, rep) || !compared(rep)) continue;
    vmin = std::min(vmin, rep_days[i].visits.size());
    vmax = std::max(vmax, rep_days[i].visits.size());
    pmin = std::min(pmin, rep_days[i].total_potential);
    pmax = std::max(pmax, rep_days[i].total_potential);
  }
  DaySpreads spreads;
  if (vmax >= vmin) {
    spreads.workload = static_cast<uint32_t>(vmax - vmin);
    spreads.potential = pmax - pmin;
  }
  return spreads;
}

std::vector<TeamStats> TeamStatsOf(const Territory& territory,
                                   const AssignmentProblem& problem,
                                   const std::vector<RepDay>& rep_days) {
  std::vector<TeamStats> stats;
  for (const Team& team : territory.teams) {
    TeamStats s;
    s.team_id = team.id;
    const auto in_team = [&](int rep) { return territory.reps[rep].team_id == team.id; };
    for (size_t i = 0; i < territory.reps.size(); ++i) {
      if (!in_team(static_cast<int>(i))) continue;
      s.objective += rep_days[i].total_potential;
      s.visits += static_cast<uint32_t>(rep_days[i].visits.size());
    }
    const DaySpreads spreads = SpreadsOf(problem, rep_days, in_team);
    s.workload_spread = spreads.workload;
    s.potential_spread = spreads.potential;
    stats.push_back(s);
  }
  return stats;
}

std::vector<Conflict> ConflictsOf(const Territory& territory,
                                  const AssignmentProblem& problem,
                                  const RepVisits& visits) {
  std::vector<Conflict> conflicts;
  if (problem.teams.size() < 2) return conflicts;
  const int n = problem.num_physicians;
  std::vector<int> rep_of(n, -1);
  for (int i = 0; i < problem.num_reps; ++i) {
    for (int j : visits[i]) rep_of[j] = i;
  }
  for (int j = 0; j < n; ++j) {
    Conflict conflict;
    conflict.physician_id = territory.physicians[j].id;
    for (const BalanceGroup& team : problem.teams) {
      double best = 0;
      for (int i : team.reps) {
        best = std::max(best, problem.potential[static_cast<size_t>(i) * n + j]);
      }
      if (best > 0) conflict.team_potential.emplace_back(team.team_id, best);
    }
    if (conflict.team_potential.size() < 2) continue;
    if (DailyCap(problem, j) >= conflict.team_potential.size() &&
        (problem.excluded_reason.empty() || problem.excluded_reason[j].empty())) {
      continue;  // room for every team that wants it: no conflict
    }
    if (rep_of[j] >= 0) {
      conflict.assigned_rep_id = territory.reps[rep_of[j]].id;
      conflict.assigned_team_id = territory.reps[rep_of[j]].team_id;
    }
    conflict.reason = ConflictReason(problem, conflict, j);
    conflicts.push_back(std::move(conflict));
  }
  return conflicts;
}

}  // namespace callplan
