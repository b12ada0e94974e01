#include "solver/assignment_check.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace callplan {
namespace {

constexpr double kTolerance = 1e-6;

}  // namespace

std::vector<std::string> AssignmentViolations(
    const AssignmentProblem& p, const std::vector<int>& rep_of_physician) {
  std::vector<std::string> violations;
  if (rep_of_physician.size() != static_cast<size_t>(p.num_physicians)) {
    return {"assignment does not cover every physician"};
  }
  std::vector<int> visits(p.num_reps, 0);
  std::vector<double> potential(p.num_reps, 0), distance(p.num_reps, 0);
  for (int j = 0; j < p.num_physicians; ++j) {
    const int i = rep_of_physician[j];
    if (i < 0) {
      if (!p.physician_optional[j]) {
        violations.push_back(absl::StrCat("required physician ", j,
                                          " is not visited"));
      }
      continue;
    }
    const size_t ij = static_cast<size_t>(i) * p.num_physicians + j;
    if (!p.allowed.empty() && !p.allowed[ij]) {
      violations.push_back(absl::StrCat("rep ", i, " may not visit physician ", j));
    }
    ++visits[i];
    potential[i] += p.potential[ij];
    distance[i] += p.home_distance[ij];
  }
  for (int i = 0; i < p.num_reps; ++i) {
    if (p.max_visits[i] > 0 && visits[i] > static_cast<int>(p.max_visits[i])) {
      violations.push_back(absl::StrCat("rep ", i, " has ", visits[i],
                                        " visits, cap ", p.max_visits[i]));
    }
    if (p.route_cap[i] > 0 &&
        p.safety_factor[i] * distance[i] > p.route_cap[i] + kTolerance) {
      violations.push_back(absl::StrCat("rep ", i,
                                        " exceeds the approximated route cap"));
    }
  }
  const auto [vmin, vmax] = std::minmax_element(visits.begin(), visits.end());
  if (p.max_workload_spread &&
      *vmax - *vmin > static_cast<int>(*p.max_workload_spread)) {
    violations.push_back(absl::StrCat("workload spread ", *vmax - *vmin,
                                      " exceeds ", *p.max_workload_spread));
  }
  const auto [pmin, pmax] =
      std::minmax_element(potential.begin(), potential.end());
  if (p.max_potential_spread &&
      *pmax - *pmin > *p.max_potential_spread + kTolerance) {
    violations.push_back(absl::StrCat("potential spread ", *pmax - *pmin,
                                      " exceeds ", *p.max_potential_spread));
  }
  return violations;
}

double AssignmentPotential(const AssignmentProblem& p,
                           const std::vector<int>& rep_of_physician) {
  double total = 0;
  for (int j = 0; j < p.num_physicians; ++j) {
    const int i = rep_of_physician[j];
    if (i >= 0) total += p.potential[static_cast<size_t>(i) * p.num_physicians + j];
  }
  return total;
}

}  // namespace callplan
