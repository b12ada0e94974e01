// The steps every planned call of PlannerService takes (PlanDay,
// PlanDayStream and each district of PlanDistricts), in one place so the
// three cannot drift apart: admission (roles, audited refusals), the checks
// that need no engine (draining, field validation, time left before the
// caller's deadline), the run (with or without governance) and the one
// RequestLog line per plan.
#ifndef CALLPLAN_SERVER_PLAN_CALL_H_
#define CALLPLAN_SERVER_PLAN_CALL_H_

#include <atomic>
#include <functional>
#include <string>

#include <grpcpp/server_context.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "callplan/v1/schedule.pb.h"
#include "server/plan_governance.h"
#include "server/request_log.h"
#include "server/solve_pool.h"
#include "server/validate.h"
#include "solver/solve_options.h"

namespace callplan {

// What the service's reactors share; owned by PlannerServiceImpl.
struct PlannerShared {
  ProblemLimits limits;
  absl::Duration deadline_margin;
  SolvePool* solve_pool;
  SolvePool* route_pool;
  RequestLog* log;
  std::atomic<bool>* draining;
  std::atomic<bool>* stop_solves;
  PlanGovernance* governance;  // null: no roles, policies or audit
};

// The request as the engine will run it, and how the solve is stopped.
struct PreparedPlan {
  v1::PlanDayRequest request;
  SolveControl control;
  std::string actor;   // with governance: who asked
  std::string digest;  // with governance: RequestDigest of the caller's request
};

absl::Status Unavailable();
absl::Status Full(const char* what, const SolvePool* pool);

// When the engine must be done: the caller's deadline less the margin for
// sending the answer; InfiniteFuture when the caller set none.
absl::Time EngineDeadline(const grpc::CallbackServerContext* context,
                          absl::Duration margin);

// min(requested or default, time left before the engine deadline). An error
// when no time is left.
absl::StatusOr<double> ClipTimeLimit(double requested, double default_seconds,
                                     absl::Time engine_deadline);

// Roles first (a refusal is audited as DENIED), then PrepareAdmitted.
absl::StatusOr<PreparedPlan> AdmitAndPrepare(
    const PlannerShared& s, grpc::CallbackServerContext* context,
    const char* method, const v1::PlanDayRequest& request,
    std::function<bool()> cancelled);

// For a caller already admitted as `actor` (empty without governance):
// draining, validation, time left; a refusal is recorded as a PLAN_DAY with
// its status when governed.
absl::StatusOr<PreparedPlan> PrepareAdmitted(
    const PlannerShared& s, grpc::CallbackServerContext* context,
    const std::string& actor, const v1::PlanDayRequest& request,
    std::function<bool()> cancelled);

// The status for a plan the full pool refused, recorded when audited.
absl::Status RefusedByPool(const PlannerShared& s, const PreparedPlan& job);

// Plans (on a solver thread), with policies and audit when governed.
absl::StatusOr<v1::PlanDayResponse> RunPlan(const PlannerShared& s,
                                            const PreparedPlan& job);

RequestLogEntry PlanEntry(const char* method, const v1::PlanDayRequest& request);
void LogPlan(const PlannerShared& s, RequestLogEntry entry, absl::Time started,
             const grpc::Status& status, const v1::PlanDayResponse* response);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_PLAN_CALL_H_
