// The numbers of the assignment model (internal to solver/): who may visit
// whom, what each visit earns, and each constraint family's data. Built from
// a territory-day by BuildAssignmentProblem (problem_builder.h); read by the
// families in this folder, one file per family, which turn it into MIP rows,
// heuristic tests, re-checks and explanations.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_PROBLEM_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_PROBLEM_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "solver/plan.h"

namespace callplan {

struct BalanceGroup {
  std::string team_id;
  std::vector<int> reps;
  std::optional<uint32_t> max_workload_spread;
  std::optional<double> max_potential_spread;
};

// Physicians rep `rep` may not all visit on one day, learnt by the plan loop
// from real routes (forbidden_sets.h). A proven set comes from an exact
// route: no order of these visits fits the rep's route cap or shift, so
// with `closed_upward` (distances and travel times obeying the triangle
// inequality, as geometric ones do) no day containing them fits either,
// and without it only this exact set is ruled out. An unproven set comes
// from a heuristic route and only guides the search: a day the model calls
// infeasible while such sets are in it is not reported INFEASIBLE.
struct ForbiddenVisitSet {
  int rep = 0;
  std::vector<int> physicians;  // ascending
  bool proven = true;
  bool closed_upward = true;
  std::string reason;  // in words, e.g. "its shortest route is 71.2, over its cap of 60"
};

// One knapsack row per rep: sum_j weight[i * P + j] x_ij <= capacity[i]
// (capacity <= 0: no row). A necessary condition of a real route, never an
// approximation that could rule out a day whose routes fit (issue 9).
struct RepCapacity {
  enum class Kind { kRouteDistance, kWorkingTime };
  Kind kind = Kind::kRouteDistance;
  std::vector<double> weight;    // per (rep, physician)
  std::vector<double> capacity;  // per rep
};

// A manager's pin in the model's indices (pins.cc): rep `rep` visits
// `physician` today. A done pin is a fact the other families' pair rules
// and caps were widened for (pin_rules.cc).
struct PinnedVisit {
  int rep = 0;
  int physician = 0;
  bool done = false;
  std::optional<int64_t> start_seconds;
  std::string pinned_by;
  std::string reason;
};

struct AssignmentProblem {
  int num_reps = 0;
  int num_physicians = 0;
  // potential[i * num_physicians + j] = P_ij; 0 where rep i promotes nothing
  // physician j prescribes (such a visit is still allowed, it earns nothing).
  std::vector<double> potential;
  // home_distance[i * num_physicians + j] = D_ij, rep i's home to physician j:
  // explanations and the warm start's nearest-first turns.
  std::vector<double> home_distance;
  std::vector<bool> physician_optional;  // per physician
  std::vector<double> route_cap;          // MD_i per rep, 0 = uncapped
  std::vector<uint32_t> max_visits;       // per rep, 0 = uncapped
  std::vector<double> max_potential;      // per rep, < 0 = uncapped
  // Route distance and working time (route_capacity.h); empty = none.
  std::vector<RepCapacity> capacities;
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
  // Per (rep, physician): why the physician's hours never meet the rep's
  // shift ("" = they may; empty vector = no time dimension).
  std::vector<std::string> unavailable_reason;
  std::vector<ForbiddenVisitSet> forbidden_sets;
  // Managers' decisions (pins.cc). Per (rep, physician): why a pin, a
  // forbidden visit or a locked day rules the pair out ("" = they do not;
  // empty vector = no decisions today). Per rep: indices into `pins`.
  std::vector<PinnedVisit> pins;
  std::vector<std::string> decision_reason;
  std::vector<std::vector<int>> pins_of_rep;
  // Per rep: its day is locked (empty = no locked day). A locked day is
  // decided by hand, so the team's spreads compare the other reps (InBalance).
  std::vector<bool> day_locked;
  // A re-plan's continuity (continuity.cc): per (rep, physician), what
  // keeping the plan's visit earns on top of its potential, the change
  // penalty saved (empty = no continuity). Only the objective reads it;
  // caps, balance and reports read `potential`.
  std::vector<double> keep_bonus;
  std::vector<std::pair<int, int>> kept_visits;  // (rep, physician)
  // Ids, for explanations only (empty = "#index").
  std::vector<std::string> physician_ids;
  std::vector<std::string> rep_ids;
};

// Rep `rep` counts in its team's workload and potential spreads: a rep on
// training or sick does not cut the others' days to its own.
inline bool InBalance(const AssignmentProblem& p, int rep) {
  return p.day_locked.empty() || !p.day_locked[rep];
}

inline size_t PairIndex(const AssignmentProblem& p, int rep, int physician) {
  return static_cast<size_t>(rep) * p.num_physicians + physician;
}

// What the search maximises for visit (rep, physician): its potential,
// plus the change penalty a re-plan saves by keeping it.
inline double Earning(const AssignmentProblem& p, int rep, int physician) {
  const size_t k = PairIndex(p, rep, physician);
  return p.keep_bonus.empty() ? p.potential[k] : p.potential[k] + p.keep_bonus[k];
}

// "P07" (or "#7" without ids), "R03".
std::string PhysicianName(const AssignmentProblem& p, int physician);
std::string RepName(const AssignmentProblem& p, int rep);

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

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_PROBLEM_H_
