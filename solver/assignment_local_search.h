// Improves a feasible assignment by local moves that keep every constraint
// of the model: move a physician to another rep, swap two physicians between
// reps, visit a left-out optional physician. First improvement, fixed scan
// order, so the result is deterministic. Gives CBC a strong incumbent, whose
// cutoff prunes the tree from the first node.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_LOCAL_SEARCH_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_LOCAL_SEARCH_H_

#include <vector>

#include "solver/assignment_model.h"

namespace callplan {

// `rep_of_physician` must be feasible (AssignmentViolations empty); it stays
// feasible and its potential never decreases. Stops after `max_passes`
// passes over all moves or when no move improves.
void ImproveAssignment(const AssignmentProblem& problem,
                       std::vector<int>& rep_of_physician, int max_passes = 25);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_LOCAL_SEARCH_H_
