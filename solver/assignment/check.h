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
// Sum of Earning(i, j): what the search maximises, the potential plus the
// change penalties a re-plan's kept visits save (equal to the potential
// without continuity).
double AssignmentEarning(const AssignmentProblem& problem, const RepVisits& visits);
// A bound on earnings, shown on top of the plan's potential: what the
// penalised objective could still gain (PlanStats' contract for re-plans);
// the bound itself without continuity.
double BoundOnTopOfPotential(double potential, double earning, double earning_bound);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_CHECK_H_
