// A call cycle as the solver sees it (issue 12): every day of the cycle as
// the territory-day PlanDay would plan, and each physician's call targets
// and response to repeated calls. No protobuf: the server converts a
// PlanCycleRequest into this once, resolving tiers into targets and curves.
//
// Contract: `days` holds every date from the first to the last, in order,
// day_number counting from 0; each day's territory is that date's (only the
// reps who work it, physicians' availability that date's office hours, the
// request's history), with every physician optional. Every physician of the
// territory has exactly one goal.
#ifndef CALLPLAN_SOLVER_CYCLE_CYCLE_TERRITORY_H_
#define CALLPLAN_SOLVER_CYCLE_CYCLE_TERRITORY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "solver/territory.h"

namespace callplan {

struct CallTargets {
  uint32_t min_calls = 0;
  uint32_t target_calls = 0;
  std::optional<uint32_t> max_calls;  // unset = no cap but the gap's
};

// The cycle's score of a call beside its response value: each call up to a
// minimum, and each up to a target, first (cycle.proto, CycleStats).
inline constexpr double kMinimumCallWeight = 1000;
inline constexpr double kTargetCallWeight = 100;

// The 1st, 2nd, 3rd... call's value as a share of the visit's potential.
std::vector<double> DefaultResponse();  // 1, 0.6, 0.35, 0.2

struct PhysicianGoal {
  std::string physician_id;
  std::string tier;                    // "" = none
  std::vector<double> response;        // never rising; beyond it: nothing
  CallTargets targets;                 // for each team that wants them
  std::map<std::string, CallTargets> team_targets;  // per-team overrides
};

struct CycleDay {
  std::string date;      // YYYY-MM-DD
  int day_number = 0;    // days since the cycle's first date
  Territory territory;   // that day as PlanDay plans it
};

struct CycleFairness {
  std::optional<uint32_t> max_workload_spread;
  std::optional<double> max_potential_spread;
};

struct CycleTerritory {
  std::vector<CycleDay> days;
  std::vector<PhysicianGoal> goals;  // one per physician, territory order
  CycleFairness fairness;
};

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_CYCLE_CYCLE_TERRITORY_H_
