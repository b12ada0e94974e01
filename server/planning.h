// The planning path shared by the gRPC service and the one-shot subcommands:
// validate, convert once, run the engine, convert back. Nothing else in the
// server calls the solver.
#ifndef CALLPLAN_SERVER_PLANNING_H_
#define CALLPLAN_SERVER_PLANNING_H_

#include "absl/status/statusor.h"
#include "callplan/v1/schedule.pb.h"
#include "server/validate.h"
#include "solver/solve_options.h"

namespace callplan {

// InvalidArgument (every violation listed) for bad input; an INFEASIBLE plan
// is a response, not an error.
absl::StatusOr<v1::PlanDayResponse> PlanDayFromRequest(
    const v1::PlanDayRequest& request, const ProblemLimits& limits,
    const SolveControl& control = {});

absl::StatusOr<v1::RouteResponse> RouteFromRequest(
    const v1::RouteRequest& request, const ProblemLimits& limits,
    const SolveControl& control = {});

}  // namespace callplan

#endif  // CALLPLAN_SERVER_PLANNING_H_
