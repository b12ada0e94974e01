// PlanCycle and PlanCycleStream (issue 12): a call cycle takes PlanDay's
// path (server/plan_call.h) with its own request. Admission: the planner
// role (a refusal audited as DENIED); then draining (UNAVAILABLE), field
// validation (INVALID_ARGUMENT naming every field from the request's root)
// and the time left before the caller's deadline, the cycle's own limit
// being min(territory.options.time_limit_seconds or 60 s, the sidecar's
// max_time_limit_seconds, deadline - margin). The cycle runs on the
// SolvePool (RESOURCE_EXHAUSTED when it is full), with stored policies and
// one PLAN_DAY audit record when governed, and writes one RequestLog line
// (the physicians below target, hashed). Cancellation, draining's stop and
// the deadline end the cycle with its best plan so far; DEADLINE_EXCEEDED
// only without one. The stream sends the planner's progress, then exactly
// one message with final_response.
#ifndef CALLPLAN_SERVER_PLAN_CYCLE_H_
#define CALLPLAN_SERVER_PLAN_CYCLE_H_

#include <grpcpp/support/server_callback.h>

#include "callplan/v1/planner_service.pb.h"
#include "server/plan_call.h"

namespace callplan {

grpc::ServerUnaryReactor* StartPlanCycle(const PlannerShared& shared,
                                         grpc::CallbackServerContext* context,
                                         const v1::PlanCycleRequest* request,
                                         v1::PlanCycleResponse* response);

// The reactor for one call; it deletes itself when the call is done.
grpc::ServerWriteReactor<v1::PlanCycleProgress>* StartPlanCycleStream(
    const PlannerShared& shared, grpc::CallbackServerContext* context,
    const v1::PlanCycleRequest* request);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_PLAN_CYCLE_H_
