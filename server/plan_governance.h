// What PlannerService does with the policy store and the roles:
//  - Admit: the caller must have the planner role (server/auth.h); a denial
//    is appended to the audit trail before the caller hears of it.
//  - PlanAndAudit: when the request carries no bounds (request.fairness has
//    no field set), each team without a policy in the request gets its
//    stored one, and request.fairness gets the "default" team's. A request
//    without teams whose reps all name a team gets one Team per rep team
//    when at least one of them has a stored policy of its own (otherwise
//    all reps stay one team under the default policy, as before). Bounds
//    that came with the request always win. PlanStats.policy_versions maps
//    each stored policy used (by its team id, "default" included) to its
//    version. Every PlanDay, whatever its outcome, appends one PLAN_DAY
//    record; a plan whose record cannot be written is not returned.
//  - PlanCycleAndAudit: the same for a call cycle, the policies applied to
//    its territory. The trail has no kind of record for cycles (a new kind
//    would change both stores' schemas), so a cycle is one PLAN_DAY record
//    whose detail starts "cycle=FIRST..LAST" and whose counts add days,
//    calls and targets met.
// Records hold a SHA-256 digest of the request, never its content.
#ifndef CALLPLAN_SERVER_PLAN_GOVERNANCE_H_
#define CALLPLAN_SERVER_PLAN_GOVERNANCE_H_

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include <grpcpp/server_context.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "callplan/v1/cycle.pb.h"
#include "callplan/v1/schedule.pb.h"
#include "server/auth.h"
#include "server/store/store.h"
#include "server/validate.h"
#include "solver/cycle/cycle_plan.h"
#include "solver/solve_options.h"

namespace callplan {

class PlanGovernance {
 public:
  // Both must outlive this object.
  PlanGovernance(store::PolicyStore* store, const Authorizer* authorizer)
      : store_(store), authorizer_(authorizer) {}

  // The caller's actor name, or the denial (already audited as DENIED with
  // `method` and the request's territory and digest).
  absl::StatusOr<std::string> Admit(const grpc::ServerContextBase& context,
                                    const std::string& method,
                                    const std::string& territory_id,
                                    const std::string& request_digest);

  // True when one of the teams (or, with none, the default team) has a
  // stored policy that requires approval before publishing.
  absl::StatusOr<bool> ApprovalRequired(const std::vector<std::string>& team_ids);

  // Admit for a caller that needs any one of `any_of` (PlanService's
  // steps: server/plan_service.h).
  absl::StatusOr<std::string> AdmitFor(const grpc::ServerContextBase& context,
                                       std::initializer_list<Permission> any_of,
                                       const std::string& method,
                                       const std::string& territory_id,
                                       const std::string& request_digest);

  // Applies the stored policies to `request` and returns the team id ->
  // version of each one used. UNAVAILABLE when the store cannot be read.
  absl::StatusOr<std::map<std::string, int64_t>> ApplyPolicies(
      v1::PlanDayRequest& request);

  // ApplyPolicies, plan, record. `request` is the request as it will be run;
  // `digest` is RequestDigest of the request as the caller sent it.
  absl::StatusOr<v1::PlanDayResponse> PlanAndAudit(
      const std::string& actor, const std::string& digest,
      v1::PlanDayRequest request, const ProblemLimits& limits,
      const SolveControl& control);

  // PlanAndAudit for a call cycle.
  absl::StatusOr<v1::PlanCycleResponse> PlanCycleAndAudit(
      const std::string& actor, const std::string& digest,
      v1::PlanCycleRequest request, const ProblemLimits& limits,
      const CycleControl& control);

  // Called after any audit write fails (health turns NOT_SERVING); may be
  // empty. Set before serving.
  void OnAuditFailure(std::function<void()> callback) {
    on_audit_failure_ = std::move(callback);
  }

  // A PLAN_DAY record for a call that ended before planning (invalid,
  // pool full, shutting down). Errors writing it are returned.
  absl::Status AuditRefusedPlan(const std::string& actor,
                                const std::string& digest,
                                const v1::PlanDayRequest& request,
                                const absl::Status& status);
  // The same for a call cycle.
  absl::Status AuditRefusedCycle(const std::string& actor,
                                 const std::string& digest,
                                 const v1::PlanCycleRequest& request,
                                 const absl::Status& status);

 private:
  absl::Status AuditPlan(const std::string& actor, const std::string& digest,
                         const v1::PlanDayRequest& request,
                         const std::map<std::string, int64_t>& versions,
                         const absl::Status& status,
                         const v1::PlanDayResponse* response);
  absl::Status AuditCycle(const std::string& actor, const std::string& digest,
                          const v1::PlanCycleRequest& request,
                          const std::map<std::string, int64_t>& versions,
                          const absl::Status& status,
                          const v1::PlanCycleResponse* response);

  // AppendAudit, telling on_audit_failure_ when it fails.
  absl::StatusOr<int64_t> Append(const store::AuditEvent& event);

  store::PolicyStore* store_;
  const Authorizer* authorizer_;
  std::function<void()> on_audit_failure_;
};

// Lowercase hex SHA-256 of the message's deterministic serialization.
std::string RequestDigest(const google::protobuf::Message& request);

// "OK", "INVALID_ARGUMENT", ... as gRPC names them.
std::string StatusCodeName(const absl::Status& status);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_PLAN_GOVERNANCE_H_
