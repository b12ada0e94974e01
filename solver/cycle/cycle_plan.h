// The solver's answer for a call cycle: each day's plan, each physician's
// calls against their targets (with the reason for every target not met),
// each rep's weeks, and how good the cycle is.
#ifndef CALLPLAN_SOLVER_CYCLE_CYCLE_PLAN_H_
#define CALLPLAN_SOLVER_CYCLE_CYCLE_PLAN_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "solver/cycle/cycle_territory.h"
#include "solver/plan.h"

namespace callplan {

struct CycleDayPlan {
  std::string date;
  Plan plan;  // visit potentials are the call's response value
};

struct CallAttainment {
  std::string physician_id;
  std::string team_id;  // "" when the territory has no teams
  std::string tier;
  CallTargets targets;
  std::vector<std::string> dates;  // the planned calls, in order
  double value = 0;                // their response value
  bool target_met() const { return dates.size() >= targets.target_calls; }
  std::string reason;              // why below target ("" when met)
};

struct RepWeek {
  std::string rep_id;
  std::string week_start;  // the Monday
  uint32_t visits = 0;
  double potential = 0;
};

struct CycleStats {
  PlanStatus status = PlanStatus::kFeasible;
  double objective = 0;
  double best_bound = 0;
  double relative_gap = 0;
  double response_value = 0;
  uint32_t calls = 0;
  uint32_t targets = 0;
  uint32_t targets_met = 0;
  uint32_t minimums_missed = 0;
  double solve_seconds = 0;
  uint32_t cycle_iterations = 0;
  std::vector<std::string> warnings;
  uint32_t workload_spread = 0;
  double potential_spread = 0;
  double day_by_day_objective = 0;
};

struct CyclePlan {
  std::vector<CycleDayPlan> days;
  std::vector<CallAttainment> attainment;
  std::vector<RepWeek> rep_weeks;
  CycleStats stats;
};

struct CycleProgress {
  double elapsed_seconds = 0;
  std::string stage;  // "cycle model", "days", "day by day"
  uint32_t days_planned = 0;
  uint32_t days_total = 0;
  bool has_plan = false;
  double objective = 0;
  double best_bound = 0;
};

struct CycleControl {
  std::function<void(const CycleProgress&)> on_progress;
  std::function<bool()> should_stop;
  absl::Time deadline = absl::InfiniteFuture();
};

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_CYCLE_CYCLE_PLAN_H_
