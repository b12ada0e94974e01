// Improves a feasible assignment by local moves that keep every constraint
// of the model: hand a visit to another rep, swap two visits between reps,
// add a visit a physician may still take. First improvement, fixed scan
// order, so the result is deterministic. Gives CBC a strong incumbent whose
// cutoff prunes the tree from the first node.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_LOCAL_SEARCH_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_LOCAL_SEARCH_H_

#include "solver/assignment_model.h"

namespace callplan {

// `visits` must be feasible (AssignmentViolations empty); it stays feasible
// and its potential never decreases. Stops after `max_passes` passes over
// all moves or when no move improves.
void ImproveAssignment(const AssignmentProblem& problem, RepVisits& visits,
                       int max_passes = 25);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_LOCAL_SEARCH_H_
