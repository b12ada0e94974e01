#include "solver/assignment/check.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "solver/assignment/families.h"
#include "solver/assignment/state.h"

namespace callplan {

std::vector<std::string> AssignmentViolations(const AssignmentProblem& p,
                                              const RepVisits& visits) {
  if (visits.size() != static_cast<size_t>(p.num_reps)) {
    return {"assignment does not list every rep"};
  }
  for (const std::vector<int>& mine : visits) {
    std::vector<int> sorted = mine;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end() ||
        (!sorted.empty() && (sorted.front() < 0 || sorted.back() >= p.num_physicians))) {
      return {"assignment lists a physician twice for one rep, or an unknown one"};
    }
  }
  const AssignmentState state(p, visits);
  std::vector<std::string> violations;
  for (const ConstraintFamily* family : AllFamilies()) {
    family->Check(state, violations);
  }
  return violations;
}

double AssignmentPotential(const AssignmentProblem& p,
                           const RepVisits& visits) {
  double total = 0;
  for (int i = 0; i < p.num_reps; ++i) {
    for (int j : visits[i]) total += p.potential[PairIndex(p, i, j)];
  }
  return total;
}

double BoundOnTopOfPotential(double potential, double earning, double earning_bound) {
  return potential + std::max(0.0, earning_bound - earning);
}

double AssignmentEarning(const AssignmentProblem& p, const RepVisits& visits) {
  double total = 0;
  for (int i = 0; i < p.num_reps; ++i) {
    for (int j : visits[i]) total += Earning(p, i, j);
  }
  return total;
}

}  // namespace callplan
