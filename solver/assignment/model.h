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
#include "solver/plan.h"
#include "solver/solve_options.h"

namespace callplan {

struct BalanceGroup {
  std::string team_id;
  std::vector<int> reps;
  std::optional<uint32_t> max_workload_spread;
  std::optional<double> max_potential_spread;
};

// Physicians rep `rep` may not all visit on one day: their shortest route
// already breaks the rep's cap, and (distances obeying the triangle
// inequality) so does the route of any day containing them. The plan loop
// adds these as it learns them.
struct ForbiddenVisitSet {
  int rep = 0;
  std::vector<int> physicians;
};

struct AssignmentProblem {
  int num_reps = 0;
  int num_physicians = 0;
  // potential[i * num_physicians + j] = P_ij; 0 where rep i promotes nothing
  // physician j prescribes (such a visit is still allowed, it earns nothing).
  std::vector<double> potential;
  // home_distance[i * num_physicians + j] = D_ij, rep i's home to physician j.
  std::vector<double> home_distance;
  std::vector<bool> physician_optional;  // per physician
  std::vector<double> safety_factor;      // f_i per rep, >= 1
  std::vector<double> route_cap;          // MD_i per rep, 0 = uncapped
  std::vector<uint32_t> max_visits;       // per rep, 0 = uncapped
  // Reps balanced against each other: a partition of the reps, one group
  // per team (a single group when the territory has no teams).
  std::vector<BalanceGroup> teams;
  // Rep visits per physician per day across teams; empty = 1 each.
  std::vector<uint32_t> physician_daily_cap;
  // allowed[i * num_physicians + j] = false forbids the pair (empty = all
  // allowed): contact rules exclude physicians this way.
  std::vector<bool> allowed;
  // Per physician: why a contact rule excludes it today ("" = it does not).
  std::vector<std::string> excluded_reason;
  std::vector<ForbiddenVisitSet> forbidden_sets;
  // Per physician id, for explanations only (empty = "#index").
  std::vector<std::string> physician_ids;
};

// Rep visits physician j may receive today (1 unless a contact rule says).
inline uint32_t DailyCap(const AssignmentProblem& p, int j) {
  return p.physician_daily_cap.empty() ? 1 : p.physician_daily_cap[j];
}

// Per rep, the physicians it visits today (ascending indices).
using RepVisits = std::vector<std::vector<int>>;

struct Assignment {
  PlanStatus status = PlanStatus::kInfeasible;
  RepVisits visits;
  double objective = 0;
  double best_bound = 0;
  double relative_gap = 0;
};

// Solves to the options' gap or time limit (whichever first, and never past
// control.deadline); stops early when control.should_stop() says so.
// Returns status kInfeasible (not an error) when no assignment exists, and
// DeadlineExceeded when time ran out before any feasible assignment was found.
absl::StatusOr<Assignment> SolveAssignment(const AssignmentProblem& problem,
                                           const SolveOptions& options,
                                           const SolveControl& control = {});

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
