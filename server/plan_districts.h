// PlanDistricts: a field force's district-days in one server-streaming call.
//  - The batch is checked first (server/district_batch.h); only its own
//    problems, the caller's roles and draining fail the call.
//  - Each district then takes PlanDay's path (server/plan_call.h): checked,
//    planned on the SolvePool with stored policies, recorded as one PLAN_DAY
//    audit record and one RequestLog line; its failure is its own
//    DistrictResult. The roles are checked once, for the call (the caller is
//    the same for every district): a denial is audited once as DENIED.
//  - At most solve_pool->threads() districts of one call are on the pool at
//    once; the rest wait in the call, so a batch larger than the pool's
//    queue is never refused. When the pool is full of other callers' work,
//    the call waits for one of its own districts to finish; with none of
//    its own running, the district is answered RESOURCE_EXHAUSTED.
//  - Results are written as districts finish. On cancellation or the
//    caller's deadline no further district is started and running ones are
//    asked to stop.
#ifndef CALLPLAN_SERVER_PLAN_DISTRICTS_H_
#define CALLPLAN_SERVER_PLAN_DISTRICTS_H_

#include <grpcpp/support/server_callback.h>

#include "callplan/v1/planner_service.pb.h"
#include "server/plan_call.h"

namespace callplan {

// The reactor for one call; it deletes itself when the call is done.
grpc::ServerWriteReactor<v1::DistrictResult>* StartPlanDistricts(
    const PlannerShared& shared, grpc::CallbackServerContext* context,
    const v1::PlanDistrictsRequest* request);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_PLAN_DISTRICTS_H_
