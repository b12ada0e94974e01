#include "server/admin_service.h"

#include "absl/strings/str_cat.h"
#include "server/convert.h"
#include "server/plan_governance.h"
#include "server/policy_proto.h"
#include "server/status_mapping.h"
#include "server/unary_reply.h"
#include "server/validate.h"

namespace callplan {

absl::StatusOr<std::string> AdminServiceImpl::Admit(
    const grpc::CallbackServerContext& context, Permission needed,
    const char* method, const std::string& team_id) {
  const AccessDecision decision = authorizer_->Check(context, needed);
  if (decision.status.ok()) return decision.actor;
  store::AuditEvent event;
  event.kind = store::AuditKind::kDenied;
  event.actor = decision.actor;
  event.team_id = team_id;
  event.status = StatusCodeName(decision.status);
  event.detail = method;
  if (!store_->AppendAudit(event).ok()) {
    return absl::UnavailableError(
        "the audit trail cannot be written; call refused");
  }
  return decision.status;
}

grpc::ServerUnaryReactor* AdminServiceImpl::GetFairnessPolicy(
    grpc::CallbackServerContext* context,
    const v1::GetFairnessPolicyRequest* request,
    v1::GetFairnessPolicyResponse* response) {
  absl::StatusOr<std::string> actor = Admit(
      *context, Permission::kManagePolicies, "GetFairnessPolicy", request->team_id());
  if (!actor.ok()) return FinishWith(context, actor.status());
  if (request->team_id().empty()) {
    return FinishWith(context, ViolationsToStatus({{"team_id", "is required"}}));
  }
  absl::StatusOr<store::StoredPolicy> policy = store_->GetPolicy(request->team_id());
  if (!policy.ok()) return FinishWith(context, StoreError(policy.status(), "policy store"));
  *response->mutable_policy() = PolicyToProto(*policy);
  return FinishWith(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* AdminServiceImpl::UpdateFairnessPolicy(
    grpc::CallbackServerContext* context,
    const v1::UpdateFairnessPolicyRequest* request,
    v1::UpdateFairnessPolicyResponse* response) {
  absl::StatusOr<std::string> actor =
      Admit(*context, Permission::kManagePolicies, "UpdateFairnessPolicy",
            request->team_id());
  if (!actor.ok()) return FinishWith(context, actor.status());
  absl::Status valid = ViolationsToStatus(ValidatePolicyUpdate(*request));
  if (!valid.ok()) return FinishWith(context, valid);
  store::PolicyUpdate update;
  update.team_id = request->team_id();
  update.bounds = FairnessFromProto(request->bounds());
  update.expected_version = request->expected_version();
  update.actor = *actor;
  update.reason = request->reason();
  update.require_approval = request->require_approval();
  absl::StatusOr<store::StoredPolicy> policy = store_->UpdatePolicy(update);
  if (!policy.ok()) return FinishWith(context, StoreError(policy.status(), "policy store"));
  *response->mutable_policy() = PolicyToProto(*policy);
  return FinishWith(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* AdminServiceImpl::ListFairnessPolicies(
    grpc::CallbackServerContext* context,
    const v1::ListFairnessPoliciesRequest* request,
    v1::ListFairnessPoliciesResponse* response) {
  absl::StatusOr<std::string> actor =
      Admit(*context, Permission::kManagePolicies, "ListFairnessPolicies", "");
  if (!actor.ok()) return FinishWith(context, actor.status());
  absl::StatusOr<std::vector<store::StoredPolicy>> policies =
      store_->ListPolicies();
  if (!policies.ok()) return FinishWith(context, StoreError(policies.status(), "policy store"));
  for (const store::StoredPolicy& policy : *policies) {
    *response->add_policies() = PolicyToProto(policy);
  }
  return FinishWith(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* AdminServiceImpl::ListAuditEvents(
    grpc::CallbackServerContext* context,
    const v1::ListAuditEventsRequest* request,
    v1::ListAuditEventsResponse* response) {
  absl::StatusOr<std::string> actor =
      Admit(*context, Permission::kReadAudit, "ListAuditEvents",
            request->filter().team_id());
  if (!actor.ok()) return FinishWith(context, actor.status());
  if (request->page_size() < 0) {
    return FinishWith(context, ViolationsToStatus(
        {{"page_size", absl::StrCat("must be >= 0, got ", request->page_size())}}));
  }
  absl::StatusOr<store::AuditPage> page =
      store_->ListAudit(AuditFilterFromProto(request->filter()),
                        request->page_size(), request->page_token());
  if (!page.ok()) {
    if (absl::IsInvalidArgument(page.status())) {
      return FinishWith(context, ViolationsToStatus(
          {{"page_token", std::string(page.status().message())}}));
    }
    return FinishWith(context, StoreError(page.status(), "policy store"));
  }
  for (const store::AuditEvent& event : page->events) {
    *response->add_events() = AuditEventToProto(event);
  }
  response->set_next_page_token(page->next_page_token);
  return FinishWith(context, absl::OkStatus());
}

// On the gRPC thread like the other store calls; the store reads the trail
// a page at a time, so appends from other calls go on meanwhile.
grpc::ServerUnaryReactor* AdminServiceImpl::VerifyAuditTrail(
    grpc::CallbackServerContext* context,
    const v1::VerifyAuditTrailRequest* request,
    v1::VerifyAuditTrailResponse* response) {
  absl::StatusOr<std::string> actor =
      Admit(*context, Permission::kReadAudit, "VerifyAuditTrail", "");
  if (!actor.ok()) return FinishWith(context, actor.status());
  absl::StatusOr<store::AuditChainCheck> check = store_->VerifyAuditChain();
  if (!check.ok()) return FinishWith(context, StoreError(check.status(), "policy store"));
  *response = AuditChainCheckToProto(*check);
  return FinishWith(context, absl::OkStatus());
}

}  // namespace callplan
