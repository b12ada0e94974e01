// Re-checking an assignment against every constraint of the model, from the
// assignment alone. Used to vet the warm start before CBC sees it, and by
// tests to verify what CBC returns.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_CHECK_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_CHECK_H_

#include <string>
#include <vector>

#include "solver/assignment/model.h"

namespace callplan {

// Every violated constraint, in words; empty when the assignment is feasible.
std::vector<std::string> AssignmentViolations(const AssignmentProblem& problem,
                                              const RepVisits& visits);

// Sum of P_ij over the assignment: the model's objective (1).
double AssignmentPotential(const AssignmentProblem& problem,
                           const RepVisits& visits);

// Per rep, the team (index into problem.teams) it is balanced in.
std::vector<int> TeamOfRep(const AssignmentProblem& problem);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_CHECK_H_
