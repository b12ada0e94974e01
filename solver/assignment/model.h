// The assignment model of Hertel & Gautam on COIN-OR CBC: which rep visits
// which physician today.
//
//   maximize   sum_ij P_ij x_ij                                  (1)
//   s.t.       1 <= sum_i x_ij <= cap_j (required), 0 <= ... (optional) (2)
//              sum_{i in team t} x_ij <= 1 for every team t (if cap_j > 1)
//              within each team, visit counts of two reps differ <= workload
//              spread (3-5) and potentials <= potential spread (6-8)
//              f_i * sum_j D_ij x_ij <= MD_i                     (9)
//              sum_j x_ij <= max_visits_i
//              sum_{j in S} x_ij <= |S| - 1 for each forbidden set (i, S)
//
// COMPACT states (3)-(8) as per-rep rows against shared min/max variables;
// PAIRWISE keeps the paper's O(reps^2) slack rows. Results are deterministic.
// Contract: the problem's vectors are consistent in size (checked, returns
// InvalidArgument otherwise). CBC exceptions never escape.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_MODEL_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "solver/assignment/problem.h"
#include "solver/plan.h"
#include "solver/solve_options.h"

namespace callplan {

// Solves to the options' gap or time limit (whichever first, and never past
// control.deadline); stops early when control.should_stop() says so.
// Returns status kInfeasible (not an error) when no assignment exists, and
// DeadlineExceeded when time ran out before any feasible assignment was found.
absl::StatusOr<Assignment> SolveAssignment(const AssignmentProblem& problem,
                                           const SolveOptions& options,
                                           const SolveControl& control = {});
// The same, starting from the plan of a nearby model (the plan loop's last,
// before it learnt more forbidden sets): kept as far as this model allows
// (greedy.h's AssignmentNear) and improved, it is CBC's incumbent when it
// earns more than the turn-taking one. A later iteration of the loop often
// has little time left, and its plan would otherwise start from scratch.
absl::StatusOr<Assignment> SolveAssignment(const AssignmentProblem& problem,
                                           const SolveOptions& options,
                                           const SolveControl& control,
                                           const RepVisits& hint);

// For an infeasible problem: which bounds make it so, and the smallest
// workload/potential spread that would be feasible with every other bound
// kept. Each auxiliary solve gets a quarter of the options' time limit (at
// least a second), never past control.deadline; what time does not allow is
// left out rather than guessed.
Infeasibility ExplainInfeasibility(const AssignmentProblem& problem,
                                   const SolveOptions& options,
                                   const SolveControl& control = {});

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_MODEL_H_
