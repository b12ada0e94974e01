// Improves a feasible assignment by local moves that keep every constraint
// of the model: hand a visit to another rep, swap two visits between reps,
// add a visit a physician may still take. First improvement, fixed scan
// order, so the result is deterministic. Gives CBC a strong incumbent whose
// cutoff prunes the tree from the first node.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_LOCAL_SEARCH_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_LOCAL_SEARCH_H_

#include "absl/time/time.h"
#include "solver/assignment/model.h"

namespace callplan {

// `visits` must be feasible (AssignmentViolations empty); it stays feasible
// and its potential never decreases. Stops after `max_passes` passes over
// all moves, when no move improves, or at `stop_at`.
void ImproveAssignment(const AssignmentProblem& problem, RepVisits& visits,
                       absl::Time stop_at, int max_passes = 25);

// Repairs the potential balance of an assignment that breaks only its
// teams' potential spreads: moves and swaps inside each team that lower the
// team's imbalance while every other bound holds. True when every spread
// holds at the end.
bool RepairPotentialBalance(const AssignmentProblem& problem,
                            RepVisits& visits, absl::Time stop_at);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_LOCAL_SEARCH_H_
