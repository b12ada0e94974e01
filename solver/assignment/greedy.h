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

// The two halves of GreedyAssignment, for callers that report the first
// plan before improving it: the turns (nullopt when they give no feasible
// plan), then the local moves, which keep it feasible.
std::optional<RepVisits> TurnTakingAssignment(const AssignmentProblem& problem,
                                              absl::Time stop_at);
void ImproveGreedyAssignment(const AssignmentProblem& problem, RepVisits& visits,
                             absl::Time stop_at);

// A feasible assignment as close to `hint` as the model allows: the pins,
// then the hint's visits, the most earning first, wherever still allowed,
// then each required physician left out with the rep that earns most from
// it and may take it, the potentials then balanced; nullopt when that
// gives no feasible plan.
std::optional<RepVisits> AssignmentNear(const AssignmentProblem& problem,
                                        const RepVisits& hint, absl::Time stop_at);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_GREEDY_H_
