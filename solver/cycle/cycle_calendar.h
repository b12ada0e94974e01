// When each physician can be called in a cycle (internal to solver/cycle/):
// the physician-team pairs the cycle wants (call goals), on which days each
// may be called at all and why not on the others (closed, office hours
// that never meet a working rep's shift, no rep of the team working, a
// contact rule), and what each day's reps can hold at most. One home for
// callability: the cycle model's columns, the day-by-day baseline's
// candidates, the re-check and the explanations all ask this.
//
// Everything here is a necessary condition of a real day (built from each
// day's assignment problem, the same rows PlanDay's model has), so the
// cycle model built on it is a relaxation and its bound a true bound.
#ifndef CALLPLAN_SOLVER_CYCLE_CYCLE_CALENDAR_H_
#define CALLPLAN_SOLVER_CYCLE_CYCLE_CALENDAR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "solver/cycle/cycle_territory.h"

namespace callplan {

// One physician-team pair the cycle wants to call.
struct CallGoal {
  int physician = 0;  // index into every day's territory.physicians
  std::string physician_id;
  std::string team_id;  // "" when the territory has no teams
  std::string tier;
  CallTargets targets;
  std::vector<double> response;
  double potential = 0;  // the best visit potential of the team's reps
  // Calls beyond this earn nothing and meet no target (max_calls, the
  // response curve, the target).
  uint32_t useful_calls = 0;
  // The k-th call's score in the cycle model (k from 1): response value,
  // plus the minimum's and the target's weights (cycle_plan.h).
  double CallScore(uint32_t k) const;
  double CallValue(uint32_t k) const;  // response value only
};

// A necessary condition on one team's calls of one day:
// sum over goals g of weight[g] * y_gd <= capacity.
struct DayCapacityRow {
  int day = 0;
  std::vector<std::pair<int, double>> goal_weights;  // (goal, weight)
  double capacity = 0;
  std::string what;  // "visit caps", "working time", "route distance"
};

struct CycleCalendar {
  int num_days = 0;
  std::vector<int> day_numbers;  // per day index
  std::vector<std::string> dates;
  std::vector<CallGoal> goals;
  // why_not[g][d]: why goal g cannot be called on day d ("" = it can).
  std::vector<std::vector<std::string>> why_not;
  // Per physician: days that must pass between calls (contact rules; <= 1
  // means none), rep visits per day across teams, and the day number of
  // the latest call in the history before the cycle.
  std::vector<std::string> physician_ids;
  std::vector<uint32_t> gap_days;
  std::vector<uint32_t> daily_cap;
  std::vector<std::optional<int>> last_history_day;
  std::vector<std::string> last_history_date;
  std::vector<DayCapacityRow> capacities;
  // The team of each rep id seen on any day ("" without teams).
  std::vector<std::pair<std::string, std::string>> rep_teams;

  bool Callable(int goal, int day) const { return why_not[goal][day].empty(); }
  std::vector<int> GoalsOf(int physician) const;
};

// InvalidArgument when the days disagree on the physicians or a day's
// territory is malformed.
absl::StatusOr<CycleCalendar> BuildCycleCalendar(const CycleTerritory& cycle);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_CYCLE_CYCLE_CALENDAR_H_
