// A re-plan's continuity (issue 13) in the assignment model: keeping a
// visit of the plan being replaced earns the change penalty on top of its
// potential (AssignmentProblem::keep_bonus), so the search maximises
// "potential minus a penalty per changed visit" with no rows of its own
// and every constraint family exactly as in any other plan. Kept visits
// are wishes, never pins: a day on which they cannot all be kept is still
// planned, changing as few as the objective says.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_CONTINUITY_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_CONTINUITY_H_

#include "absl/status/status.h"
#include "solver/assignment/problem.h"
#include "solver/territory.h"

namespace callplan {

// Fills problem.keep_bonus from territory.continuity (nothing without
// visits). INVALID_ARGUMENT for a kept visit naming an unknown rep or
// physician, or a negative or non-finite penalty.
absl::Status AddContinuity(const Territory& territory, AssignmentProblem& problem);

// How many of the continuity's visits `visits` does not keep with their
// reps (0 without continuity).
int VisitsChanged(const AssignmentProblem& problem, const RepVisits& visits);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_CONTINUITY_H_
