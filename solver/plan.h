// The solver's answer for a territory-day: each rep's visits in route order,
// the physicians left out and why, and how good the plan is.
#ifndef CALLPLAN_SOLVER_PLAN_H_
#define CALLPLAN_SOLVER_PLAN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "solver/time_window.h"

namespace callplan {

struct Visit {
  std::string physician_id;
  double potential = 0;
  double leg_distance = 0;  // from the previous stop (home for the first)
  std::string reason;
  // Seconds after local midnight (time_window.h).
  int64_t arrival_seconds = 0;
  int64_t start_seconds = 0;  // inside one of the physician's windows
  int64_t end_seconds = 0;
  int64_t wait_seconds = 0;   // idle before the visit, breaks excluded
};

struct DayBreak {
  int64_t start_seconds = 0;
  int64_t end_seconds = 0;
  uint32_t after_visits = 0;  // 0: at home before leaving
  std::string at_id;          // physician id, or the rep's for home
};

struct RepDay {
  std::string rep_id;
  std::vector<Visit> visits;  // route order
  double route_distance = 0;  // home -> visits -> home
  double total_potential = 0;
  double return_distance = 0;
  double route_cap = 0;  // 0 = uncapped
  int64_t start_seconds = 0;  // leaves home
  int64_t end_seconds = 0;    // back home
  std::vector<DayBreak> breaks;
  std::optional<TimeWindow> shift;
};

struct Unassigned {
  std::string physician_id;
  std::string reason;
};

enum class PlanStatus { kOptimal, kFeasible, kInfeasible };

struct Infeasibility {
  std::vector<std::string> reasons;
  std::optional<uint32_t> min_feasible_workload_spread;
  std::optional<double> min_feasible_potential_spread;
  std::vector<std::string> unreachable_physician_ids;
};

struct TeamStats {
  std::string team_id;
  double objective = 0;
  uint32_t visits = 0;
  uint32_t workload_spread = 0;
  double potential_spread = 0;
};

// A physician more than one team wanted today, and how it was settled.
struct Conflict {
  std::string physician_id;
  std::vector<std::pair<std::string, double>> team_potential;  // team order
  std::string assigned_team_id;  // "" = nobody visits today
  std::string assigned_rep_id;
  std::string reason;
};

struct PlanStats {
  PlanStatus status = PlanStatus::kInfeasible;
  double objective = 0;
  double best_bound = 0;
  double relative_gap = 0;
  uint32_t distance_iterations = 0;
  double solve_seconds = 0;
  Infeasibility infeasibility;
  std::vector<std::string> reps_over_route_cap;
  std::vector<std::string> warnings;
  // Over the reps the fairness bounds compare (not locked days: InBalance).
  uint32_t workload_spread = 0;
  double potential_spread = 0;
  std::vector<TeamStats> team_stats;  // one per team when teams are given
  // A re-plan's continuity visits the plan does not keep with their reps.
  uint32_t visits_changed = 0;
};

struct Plan {
  std::vector<RepDay> rep_days;  // one per rep, in request order
  std::vector<Unassigned> unassigned;
  PlanStats stats;
  std::vector<Conflict> conflicts;  // the deconfliction report
};

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_PLAN_H_
