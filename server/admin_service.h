// callplan.v1.AdminService over a PolicyStore, on gRPC's callback API.
// Store calls are short single-row reads and writes, so they run on the
// gRPC thread; solves never do.
//
// What callers can rely on:
//  - GetFairnessPolicy: the team's policy, else the "default" team's (its
//    team_id says which); NOT_FOUND when neither exists.
//  - UpdateFairnessPolicy: INVALID_ARGUMENT naming every bad field
//    (message and google.rpc.BadRequest), ABORTED when expected_version is
//    not the stored version, NOT_FOUND when replacing a policy never
//    created. The store records every change (old value, new value, who,
//    reason) in the audit trail in the same transaction.
//  - ListAuditEvents: records in the order they were appended, paged;
//    INVALID_ARGUMENT for a bad page token or a negative page size.
//  - VerifyAuditTrail: walks the whole hash chain; OK with intact = false
//    and the first bad record named when it is broken, UNAVAILABLE only
//    when the store cannot be read.
//  - Access (server/auth.h): policies need the admin role, the audit trail
//    admin or auditor. A refused call is recorded as DENIED first.
#ifndef CALLPLAN_SERVER_ADMIN_SERVICE_H_
#define CALLPLAN_SERVER_ADMIN_SERVICE_H_

#include <string>

#include "absl/status/statusor.h"
#include "callplan/v1/admin_service.grpc.pb.h"
#include "server/auth.h"
#include "server/store/store.h"

namespace callplan {

class AdminServiceImpl final : public v1::AdminService::CallbackService {
 public:
  // Both must outlive the service.
  AdminServiceImpl(store::PolicyStore* store, const Authorizer* authorizer)
      : store_(store), authorizer_(authorizer) {}

  grpc::ServerUnaryReactor* GetFairnessPolicy(
      grpc::CallbackServerContext* context,
      const v1::GetFairnessPolicyRequest* request,
      v1::GetFairnessPolicyResponse* response) override;
  grpc::ServerUnaryReactor* UpdateFairnessPolicy(
      grpc::CallbackServerContext* context,
      const v1::UpdateFairnessPolicyRequest* request,
      v1::UpdateFairnessPolicyResponse* response) override;
  grpc::ServerUnaryReactor* ListFairnessPolicies(
      grpc::CallbackServerContext* context,
      const v1::ListFairnessPoliciesRequest* request,
      v1::ListFairnessPoliciesResponse* response) override;
  grpc::ServerUnaryReactor* ListAuditEvents(
      grpc::CallbackServerContext* context,
      const v1::ListAuditEventsRequest* request,
      v1::ListAuditEventsResponse* response) override;
  grpc::ServerUnaryReactor* VerifyAuditTrail(
      grpc::CallbackServerContext* context,
      const v1::VerifyAuditTrailRequest* request,
      v1::VerifyAuditTrailResponse* response) override;

 private:
  // The caller's actor name, or the (audited) refusal.
  absl::StatusOr<std::string> Admit(const grpc::CallbackServerContext& context,
                                    Permission needed, const char* method,
                                    const std::string& team_id);

  store::PolicyStore* const store_;
  const Authorizer* const authorizer_;
};

}  // namespace callplan

#endif  // CALLPLAN_SERVER_ADMIN_SERVICE_H_
