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
  v1::PlanCycleResponse response = CyclePlanToProto(*plan);
  // Which model scored the potentials: the cycle's and every day's.
  const std::string& model = request.territory().potential_model_id();
  response.mutable_stats()->set_potential_model_id(model);
  for (v1::CycleDay& day : *response.mutable_days()) {
    day.mutable_plan()->mutable_stats()->set_potential_model_id(model);
  }
  return response;
}

}  // namespace callplan
