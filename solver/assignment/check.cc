#include "solver/assignment/check.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "solver/assignment/state.h"

namespace callplan {
namespace {

constexpr double kTolerance = 1e-6;

void CheckTeamBalance(const AssignmentState& state, int t,
                      std::vector<std::string>& violations) {
  const BalanceGroup& g = state.problem().teams[t];
  const auto [visit_spread, potential_spread] = state.TeamSpreads(t);
  if (g.max_workload_spread &&
      visit_spread > static_cast<int64_t>(*g.max_workload_spread)) {
    violations.push_back(absl::StrCat("team ", g.team_id, ": workload spread ",
                                      visit_spread, " exceeds ",
                                      *g.max_workload_spread));
  }
  if (g.max_potential_spread &&
      potential_spread > *g.max_potential_spread + kTolerance) {
    violations.push_back(absl::StrCat("team ", g.team_id, ": potential spread ",
                                      potential_spread, " exceeds ",
                                      *g.max_potential_spread));
  }
}

void CheckPhysicians(const AssignmentProblem& p, const RepVisits& visits,
                     std::vector<std::string>& violations) {
  const std::vector<int> team_of = TeamOfRep(p);
  std::vector<int> count(p.num_physicians, 0);
  std::vector<std::vector<int>> teams_of(p.num_physicians);
  for (int i = 0; i < p.num_reps; ++i) {
    for (int j : visits[i]) {
      ++count[j];
      teams_of[j].push_back(team_of[i]);
      const size_t ij = static_cast<size_t>(i) * p.num_physicians + j;
      if (!p.allowed.empty() && !p.allowed[ij]) {
        violations.push_back(absl::StrCat("rep ", i, " may not visit physician ", j));
      }
    }
  }
  for (int j = 0; j < p.num_physicians; ++j) {
    if (count[j] == 0 && !p.physician_optional[j]) {
      violations.push_back(absl::StrCat("required physician ", j, " is not visited"));
    }
    if (count[j] > static_cast<int64_t>(DailyCap(p, j))) {
      violations.push_back(absl::StrCat("physician ", j, " has ", count[j],
                                        " visits, daily cap ", DailyCap(p, j)));
    }
    std::sort(teams_of[j].begin(), teams_of[j].end());
    if (std::adjacent_find(teams_of[j].begin(), teams_of[j].end()) !=
        teams_of[j].end()) {
      violations.push_back(absl::StrCat("physician ", j,
                                        " is visited twice by one team"));
    }
  }
}

}  // namespace

std::vector<int> TeamOfRep(const AssignmentProblem& p) {
  std::vector<int> team_of(p.num_reps, 0);
  for (size_t t = 0; t < p.teams.size(); ++t) {
    for (int i : p.teams[t].reps) team_of[i] = static_cast<int>(t);
  }
  return team_of;
}

std::vector<std::string> AssignmentViolations(const AssignmentProblem& p,
                                              const RepVisits& visits) {
  if (visits.size() != static_cast<size_t>(p.num_reps)) {
    return {"assignment does not list every rep"};
  }
  std::vector<std::string> violations;
  CheckPhysicians(p, visits, violations);
  std::vector<int> count(p.num_reps, 0);
  for (int i = 0; i < p.num_reps; ++i) {
    double distance = 0;
    for (int j : visits[i]) {
      const size_t ij = static_cast<size_t>(i) * p.num_physicians + j;
      ++count[i];
      distance += p.home_distance[ij];
    }
    if (p.max_visits[i] > 0 && count[i] > static_cast<int64_t>(p.max_visits[i])) {
      violations.push_back(absl::StrCat("rep ", i, " has ", count[i],
                                        " visits, cap ", p.max_visits[i]));
    }
    if (p.route_cap[i] > 0 &&
        p.safety_factor[i] * distance > p.route_cap[i] + kTolerance) {
      violations.push_back(absl::StrCat("rep ", i,
                                        " exceeds the approximated route cap"));
    }
  }
  const AssignmentState state(p, visits);
  for (size_t t = 0; t < p.teams.size(); ++t) {
    CheckTeamBalance(state, static_cast<int>(t), violations);
  }
  for (const ForbiddenVisitSet& set : p.forbidden_sets) {
    const auto& mine = visits[set.rep];
    const bool all = std::all_of(
        set.physicians.begin(), set.physicians.end(), [&mine](int j) {
          return std::find(mine.begin(), mine.end(), j) != mine.end();
        });
    if (all) {
      violations.push_back(absl::StrCat(
          "rep ", set.rep, " visits a set of physicians whose route breaks its cap"));
    }
  }
  return violations;
}

double AssignmentPotential(const AssignmentProblem& p,
                           const RepVisits& visits) {
  double total = 0;
  for (int i = 0; i < p.num_reps; ++i) {
    for (int j : visits[i]) {
      total += p.potential[static_cast<size_t>(i) * p.num_physicians + j];
    }
  }
  return total;
}

}  // namespace callplan
