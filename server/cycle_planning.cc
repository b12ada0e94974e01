#include "server/cycle_planning.h"

#include "server/cycle_convert.h"
#include "server/validate_cycle.h"
#include "solver/cycle/cycle_planner.h"

namespace callplan {

absl::StatusOr<v1::PlanCycleResponse> PlanCycleFromRequest(
    const v1::PlanCycleRequest& request, const ProblemLimits& limits,
    const CycleControl& control) {
  absl::Status valid =
      ViolationsToStatus(ValidatePlanCycleRequest(request, limits));
  if (!valid.ok()) return valid;
  absl::StatusOr<CyclePlan> plan =
      PlanCycle(CycleTerritoryFromProto(request),
                CycleSolveOptionsFromProto(request, limits.max_time_limit_seconds),
                control);
  if (!plan.ok()) return plan.status();
  return CyclePlanToProto(*plan);
}

}  // namespace callplan
