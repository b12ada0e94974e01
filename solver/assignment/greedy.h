// A fast warm start for CBC: reps take turns, the one with the least
// potential so far first, each taking the best physician it may still visit
// (required physicians before optional ones). Turn-taking keeps visit counts
// within one of each other, which is what the balance rows ask for. Local
// moves then improve it.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_GREEDY_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_GREEDY_H_

#include <optional>

#include "absl/time/time.h"
#include "solver/assignment/model.h"

namespace callplan {

// A feasible assignment, or nullopt when the greedy turns do not produce
// one (CBC then starts from scratch).
// Local moves stop at `stop_at`.
std::optional<RepVisits> GreedyAssignment(const AssignmentProblem& problem,
                                          absl::Time stop_at);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_GREEDY_H_
