// Re-checking an assignment against every constraint family of the model,
// from the assignment alone. Vets the warm start before CBC sees it and
// every answer CBC gives before it reaches a plan; tests use it too.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_CHECK_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_CHECK_H_

#include <string>
#include <vector>

#include "solver/assignment/problem.h"

namespace callplan {

// Every violated constraint, in words; empty when the assignment is feasible.
std::vector<std::string> AssignmentViolations(const AssignmentProblem& problem,
                                              const RepVisits& visits);

// Sum of P_ij over the assignment: the model's objective (1).
double AssignmentPotential(const AssignmentProblem& problem,
                           const RepVisits& visits);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_CHECK_H_
