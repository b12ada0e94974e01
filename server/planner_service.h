// callplan.v1.PlannerService on gRPC's callback API. The gRPC threads only
// validate, check the pool and hand over: solves run on the SolvePool, Route
// on its own pool, so health checks and Route stay answerable while every
// solver thread is busy.
//
// What callers can rely on:
//  - invalid input: INVALID_ARGUMENT at once, naming every offending field in
//    the message and as a google.rpc.BadRequest detail;
//  - pool and queue full: RESOURCE_EXHAUSTED at once;
//  - the engine's time limit is min(the request's, deadline - margin); out of
//    time with a plan: that plan, status FEASIBLE, with its gap; without one:
//    DEADLINE_EXCEEDED;
//  - a cancelled call stops its solve, which frees its thread;
//  - while draining, new calls get UNAVAILABLE and running ones finish.
// Every call writes one RequestLog line.
// With governance (UseGovernance): callers need the planner role, refusals
// are audited, stored fairness policies fill requests that carry no bounds,
// and every PlanDay / PlanDayStream is recorded (server/plan_governance.h).
// PlanDistricts (server/plan_districts.h) plans each district as PlanDay
// would, at most `solver threads` of one call at a time. PlanCycle and
// PlanCycleStream (server/plan_cycle.h) plan a call cycle by the same rules.
#ifndef CALLPLAN_SERVER_PLANNER_SERVICE_H_
#define CALLPLAN_SERVER_PLANNER_SERVICE_H_

#include <atomic>

#include "absl/time/time.h"
#include "callplan/v1/planner_service.grpc.pb.h"
#include "server/plan_call.h"
#include "server/plan_governance.h"
#include "server/request_log.h"
#include "server/solve_pool.h"
#include "server/validate.h"

namespace callplan {

class PlannerServiceImpl final : public v1::PlannerService::CallbackService {
 public:
  // The pools and the log must outlive the service.
  PlannerServiceImpl(const ProblemLimits& limits, absl::Duration deadline_margin,
                     SolvePool* solve_pool, SolvePool* route_pool,
                     RequestLog* log);

  // New calls get UNAVAILABLE from now on; calls already accepted go on.
  void StartDraining() { draining_ = true; }
  // Every running solve is asked to stop with its best plan.
  void StopSolves() { stop_solves_ = true; }
  // Before serving; `governance` must outlive the service.
  void UseGovernance(PlanGovernance* governance) {
    shared_.governance = governance;
  }

  grpc::ServerUnaryReactor* PlanDay(grpc::CallbackServerContext* context,
                                    const v1::PlanDayRequest* request,
                                    v1::PlanDayResponse* response) override;
  grpc::ServerWriteReactor<v1::PlanDayProgress>* PlanDayStream(
      grpc::CallbackServerContext* context,
      const v1::PlanDayRequest* request) override;
  grpc::ServerWriteReactor<v1::DistrictResult>* PlanDistricts(
      grpc::CallbackServerContext* context,
      const v1::PlanDistrictsRequest* request) override;
  grpc::ServerUnaryReactor* PlanCycle(grpc::CallbackServerContext* context,
                                      const v1::PlanCycleRequest* request,
                                      v1::PlanCycleResponse* response) override;
  grpc::ServerWriteReactor<v1::PlanCycleProgress>* PlanCycleStream(
      grpc::CallbackServerContext* context,
      const v1::PlanCycleRequest* request) override;
  grpc::ServerUnaryReactor* Route(grpc::CallbackServerContext* context,
                                  const v1::RouteRequest* request,
                                  v1::RouteResponse* response) override;

  // Shared with the reactors (planner_service.cc, plan_districts.cc) and
  // with PlanService's drafts (server/plan_service.h).
  using Shared = PlannerShared;
  const Shared* shared() const { return &shared_; }

 private:
  std::atomic<bool> draining_{false};
  std::atomic<bool> stop_solves_{false};
  Shared shared_;
};

}  // namespace callplan

#endif  // CALLPLAN_SERVER_PLANNER_SERVICE_H_
