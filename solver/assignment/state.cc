#include "solver/assignment/state.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "solver/assignment/check.h"

namespace callplan {
namespace {

constexpr double kEpsilon = 1e-9;

}  // namespace

AssignmentState::AssignmentState(const AssignmentProblem& problem)
    : p_(problem),
      team_of_(TeamOfRep(problem)),
      has_(static_cast<size_t>(problem.num_reps) * problem.num_physicians),
      physician_visits_(problem.num_physicians, 0),
      visits_(problem.num_reps, 0),
      potential_(problem.num_reps, 0),
      distance_(problem.num_reps, 0) {}

AssignmentState::AssignmentState(const AssignmentProblem& problem,
                                 const RepVisits& visits)
    : AssignmentState(problem) {
  for (int i = 0; i < problem.num_reps; ++i) {
    for (int j : visits[i]) Add(i, j);
  }
}

void AssignmentState::Add(int i, int j) {
  has_[Index(i, j)] = true;
  ++physician_visits_[j];
  ++visits_[i];
  potential_[i] += P(i, j);
  distance_[i] += p_.home_distance[Index(i, j)];
}

void AssignmentState::Remove(int i, int j) {
  has_[Index(i, j)] = false;
  --physician_visits_[j];
  --visits_[i];
  potential_[i] -= P(i, j);
  distance_[i] -= p_.home_distance[Index(i, j)];
}

bool AssignmentState::RepFits(int i) const {
  if (p_.max_visits[i] > 0 && visits_[i] > static_cast<int64_t>(p_.max_visits[i])) {
    return false;
  }
  return p_.route_cap[i] <= 0 ||
         p_.safety_factor[i] * distance_[i] <= p_.route_cap[i] + kEpsilon;
}

std::pair<int, double> AssignmentState::TeamSpreads(int t) const {
  const BalanceGroup& g = p_.teams[t];
  if (g.reps.empty()) return {0, 0};
  int vmin = visits_[g.reps[0]], vmax = vmin;
  double pmin = potential_[g.reps[0]], pmax = pmin;
  for (int i : g.reps) {
    vmin = std::min(vmin, visits_[i]);
    vmax = std::max(vmax, visits_[i]);
    pmin = std::min(pmin, potential_[i]);
    pmax = std::max(pmax, potential_[i]);
  }
  return {vmax - vmin, pmax - pmin};
}

double AssignmentState::PotentialImbalance(int t) const {
  const BalanceGroup& g = p_.teams[t];
  if (g.reps.empty()) return 0;
  double mean = 0;
  for (int i : g.reps) mean += potential_[i];
  mean /= g.reps.size();
  double sum = 0;
  for (int i : g.reps) sum += (potential_[i] - mean) * (potential_[i] - mean);
  return sum;
}

bool AssignmentState::TeamFits(int t) const {
  const BalanceGroup& g = p_.teams[t];
  const auto [visit_spread, potential_spread] = TeamSpreads(t);
  if (g.max_workload_spread &&
      visit_spread > static_cast<int64_t>(*g.max_workload_spread)) {
    return false;
  }
  return !g.max_potential_spread ||
         potential_spread <= *g.max_potential_spread + kEpsilon;
}

bool AssignmentState::CanTake(int i, int j) const {
  if (has_[Index(i, j)]) return false;
  if (!p_.allowed.empty() && !p_.allowed[Index(i, j)]) return false;
  if (physician_visits_[j] >= static_cast<int64_t>(DailyCap(p_, j))) return false;
  if (physician_visits_[j] == 0) return true;
  for (int k : p_.teams[team_of_[i]].reps) {
    if (has_[Index(k, j)]) return false;
  }
  return true;
}

bool AssignmentState::CanAdd(int i, int j) {
  if (!CanTake(i, j)) return false;
  Add(i, j);
  const bool fits = RepFits(i);
  Remove(i, j);
  return fits;
}

std::string AssignmentState::WhyNot(int i, int j) {
  if (!p_.excluded_reason.empty() && !p_.excluded_reason[j].empty()) {
    return p_.excluded_reason[j];
  }
  if (!p_.allowed.empty() && !p_.allowed[Index(i, j)]) {
    return "a contact rule forbids this pair";
  }
  if (physician_visits_[j] >= static_cast<int64_t>(DailyCap(p_, j))) {
    return absl::StrCat("the physician's daily cap of ", DailyCap(p_, j),
                        " visits is taken");
  }
  Add(i, j);
  std::string why;
  if (p_.max_visits[i] > 0 && visits_[i] > static_cast<int64_t>(p_.max_visits[i])) {
    why = absl::StrCat("is at its cap of ", p_.max_visits[i], " visits");
  } else if (!RepFits(i)) {
    why = absl::StrFormat("would exceed its route cap of %.1f", p_.route_cap[i]);
  } else if (!TeamFits(team_of_[i])) {
    why = "would break its team's workload or potential spread";
  }
  Remove(i, j);
  return why;
}

RepVisits AssignmentState::Visits() const {
  RepVisits visits(p_.num_reps);
  for (int i = 0; i < p_.num_reps; ++i) {
    for (int j = 0; j < p_.num_physicians; ++j) {
      if (has_[Index(i, j)]) visits[i].push_back(j);
    }
  }
  return visits;
}

}  // namespace callplan
