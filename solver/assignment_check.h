// Re-checking an assignment against every constraint of the model, from the
// assignment alone. Used to vet the warm start before CBC sees it, and by
// tests to verify what CBC returns.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_CHECK_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_CHECK_H_

#include <string>
#include <vector>

#include "solver/assignment_model.h"

namespace callplan {

// Every violated constraint, in words; empty when the assignment is feasible.
// `rep_of_physician` has one entry per physician, -1 = not visited.
std::vector<std::string> AssignmentViolations(
    const AssignmentProblem& problem, const std::vector<int>& rep_of_physician);

// Sum of P_ij over the assignment: the model's objective (1).
double AssignmentPotential(const AssignmentProblem& problem,
                           const std::vector<int>& rep_of_physician);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_CHECK_H_
