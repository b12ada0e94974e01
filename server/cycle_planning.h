// A call cycle's planning path, shared by the gRPC service and the one-shot
// `plan-cycle` subcommand as planning.h's is for a day: validate, convert
// once, run the cycle planner, convert back.
#ifndef CALLPLAN_SERVER_CYCLE_PLANNING_H_
#define CALLPLAN_SERVER_CYCLE_PLANNING_H_

#include "absl/status/statusor.h"
#include "callplan/v1/cycle.pb.h"
#include "server/validate.h"
#include "solver/cycle/cycle_plan.h"

namespace callplan {

// InvalidArgument (every violation listed) for bad input; targets not met
// are in the response, not errors. options.time_limit_seconds of the
// territory bounds the whole cycle (0 = 60 s, at most
// limits.max_time_limit_seconds).
absl::StatusOr<v1::PlanCycleResponse> PlanCycleFromRequest(
    const v1::PlanCycleRequest& request, const ProblemLimits& limits,
    const CycleControl& control = {});

}  // namespace callplan

#endif  // CALLPLAN_SERVER_CYCLE_PLANNING_H_
