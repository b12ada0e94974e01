#include "solver/assignment/state.h"

#include <algorithm>
#include <limits>

#include "absl/strings/str_cat.h"
#include "solver/assignment/families.h"

namespace callplan {

std::vector<int> TeamOfRep(const AssignmentProblem& p) {
  std::vector<int> team_of(p.num_reps, 0);
  for (size_t t = 0; t < p.teams.size(); ++t) {
    for (int i : p.teams[t].reps) team_of[i] = static_cast<int>(t);
  }
  return team_of;
}

std::string PhysicianName(const AssignmentProblem& p, int physician) {
  return p.physician_ids.empty() ? absl::StrCat("#", physician)
                                 : p.physician_ids[physician];
}

std::string RepName(const AssignmentProblem& p, int rep) {
  return p.rep_ids.empty() ? absl::StrCat("rep #", rep) : p.rep_ids[rep];
}

AssignmentState::AssignmentState(const AssignmentProblem& problem)
    : p_(problem),
      team_of_(TeamOfRep(problem)),
      has_(static_cast<size_t>(problem.num_reps) * problem.num_physicians),
      physician_visits_(problem.num_physicians, 0),
      team_visits_(problem.teams.size() * problem.num_physicians, 0),
      visits_of_(problem.num_reps),
      position_(static_cast<size_t>(problem.num_reps) * problem.num_physicians, -1),
      visits_(problem.num_reps, 0),
      potential_(problem.num_reps, 0),
      team_sum_(problem.teams.size(), 0),
      team_squares_(problem.teams.size(), 0),
      used_(problem.capacities.size() * problem.num_reps, 0) {}

AssignmentState::AssignmentState(const AssignmentProblem& problem,
                                 const RepVisits& visits)
    : AssignmentState(problem) {
  for (int i = 0; i < problem.num_reps && i < static_cast<int>(visits.size()); ++i) {
    for (int j : visits[i]) Add(i, j);
  }
}

void AssignmentState::Add(int i, int j) {
  has_[Index(i, j)] = true;
  ++physician_visits_[j];
  ++team_visits_[static_cast<size_t>(team_of_[i]) * p_.num_physicians + j];
  position_[Index(i, j)] = static_cast<int>(visits_of_[i].size());
  visits_of_[i].push_back(j);
  ++visits_[i];
  SetPotential(i, potential_[i] + P(i, j));
  for (size_t k = 0; k < p_.capacities.size(); ++k) {
    used_[k * p_.num_reps + i] += p_.capacities[k].weight[Index(i, j)];
  }
}

void AssignmentState::Remove(int i, int j) {
  has_[Index(i, j)] = false;
  --physician_visits_[j];
  --team_visits_[static_cast<size_t>(team_of_[i]) * p_.num_physicians + j];
  // Swap with the last: O(1), order does not matter.
  std::vector<int>& mine = visits_of_[i];
  const int at = position_[Index(i, j)];
  mine[at] = mine.back();
  position_[Index(i, mine[at])] = at;
  mine.pop_back();
  --visits_[i];
  SetPotential(i, potential_[i] - P(i, j));
  for (size_t k = 0; k < p_.capacities.size(); ++k) {
    used_[k * p_.num_reps + i] -= p_.capacities[k].weight[Index(i, j)];
  }
}

void AssignmentState::SetPotential(int i, double potential) {
  const int t = team_of_[i];
  team_sum_[t] += potential - potential_[i];
  team_squares_[t] += potential * potential - potential_[i] * potential_[i];
  potential_[i] = potential;
}

bool AssignmentState::HoldsAfterMoves(int i) const {
  for (const ConstraintFamily* family : AllFamilies()) {
    if (!family->monotone() && !family->Holds(*this, i)) return false;
  }
  return true;
}

bool AssignmentState::CanAdd(int i, int j) const {
  if (has_[Index(i, j)]) return false;
  for (const ConstraintFamily* family : AllFamilies()) {
    if (!family->AllowsPair(p_, i, j) || !family->AllowsAdding(*this, i, j)) {
      return false;
    }
  }
  return true;
}

bool AssignmentState::Holds(int i) const {
  for (const ConstraintFamily* family : AllFamilies()) {
    if (!family->Holds(*this, i)) return false;
  }
  return true;
}

std::string AssignmentState::WhyNot(int i, int j) const {
  for (const ConstraintFamily* family : AllFamilies()) {
    std::string why = family->WhyNot(*this, i, j);
    if (!why.empty()) return why;
  }
  return "";
}

std::pair<int, double> AssignmentState::TeamSpreads(int t) const {
  // On a hot path (every move's balance test): no list is built.
  int vmin = std::numeric_limits<int>::max(), vmax = std::numeric_limits<int>::min();
  double pmin = std::numeric_limits<double>::infinity(), pmax = -pmin;
  for (int i : p_.teams[t].reps) {
    if (!InBalance(p_, i)) continue;
    vmin = std::min(vmin, visits_[i]);
    vmax = std::max(vmax, visits_[i]);
    pmin = std::min(pmin, potential_[i]);
    pmax = std::max(pmax, potential_[i]);
  }
  if (vmax < vmin) return {0, 0};  // no rep to compare
  return {vmax - vmin, pmax - pmin};
}

double AssignmentState::PotentialImbalance(int t) const {
  const size_t n = p_.teams[t].reps.size();
  if (n == 0) return 0;
  // sum (p_i - mean)^2 = sum p_i^2 - (sum p_i)^2 / n, kept up to date.
  return team_squares_[t] - team_sum_[t] * team_sum_[t] / static_cast<double>(n);
}

double AssignmentState::ImbalanceIf(int t, int a, double pa, int b,
                                    double pb) const {
  const double n = static_cast<double>(p_.teams[t].reps.size());
  const double sum = team_sum_[t] - potential_[a] - potential_[b] + pa + pb;
  const double squares = team_squares_[t] - potential_[a] * potential_[a] -
                         potential_[b] * potential_[b] + pa * pa + pb * pb;
  return squares - sum * sum / n;
}

RepVisits AssignmentState::Visits() const {
  RepVisits visits = visits_of_;
  for (std::vector<int>& mine : visits) std::sort(mine.begin(), mine.end());
  return visits;
}

}  // namespace callplan
