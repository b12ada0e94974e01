#include "solver/assignment/families.h"

namespace callplan {

const std::vector<const ConstraintFamily*>& AllFamilies() {
  // Pair-level families first: their reasons are the most specific.
  static const std::vector<const ConstraintFamily*> kFamilies = {
      &PinsFamily(),          &CoverageFamily(),
      &AvailabilityFamily(),  &RepCapsFamily(),
      &RouteCapacityFamily(), &ForbiddenSetsFamily(),
      &TeamBalanceFamily(),
  };
  return kFamilies;
}

bool PairInModel(const AssignmentProblem& problem, int rep, int physician) {
  for (const ConstraintFamily* family : AllFamilies()) {
    if (!family->AllowsPair(problem, rep, physician)) return false;
  }
  return true;
}

}  // namespace callplan
