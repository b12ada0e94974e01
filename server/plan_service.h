// callplan.v1.PlanService (proto/callplan/v1/plan_service.proto): plans as
// stored objects a manager reviews, approves, rejects and publishes.
//  - CreateDraft plans the day exactly as PlanDay does (same admission,
//    validation, pool, policies and PLAN_DAY record), then stores the plan
//    as a DRAFT. A day without a plan (INFEASIBLE) is not stored: the call
//    fails with FAILED_PRECONDITION carrying the infeasibility's reasons.
//  - Steps are taken by the store (server/store/plan_store.h), which checks
//    the version and the order and audits each step with it.
//  - Roles: drafts need `planner`; approve and reject need `manager`;
//    publish needs `manager`, or `planner` when none of the plan's teams
//    requires approval (FairnessPolicy.require_approval); reading needs any
//    role. Every refusal is audited as DENIED with the method.
//  - Replan (server/replan.h) plans what is left of a day for its
//    potential minus a penalty per changed visit and stores the result as
//    a draft, published at once when asked and no team requires approval.
#ifndef CALLPLAN_SERVER_PLAN_SERVICE_H_
#define CALLPLAN_SERVER_PLAN_SERVICE_H_

#include <string>

#include "absl/status/statusor.h"
#include "callplan/v1/plan_service.grpc.pb.h"
#include "server/auth.h"
#include "server/plan_call.h"
#include "server/store/store.h"

namespace callplan {

class PlanServiceImpl final : public v1::PlanService::CallbackService {
 public:
  // All must outlive the service; `shared.governance` must be set.
  PlanServiceImpl(const PlannerShared* shared, store::Store* store,
                  const Authorizer* authorizer)
      : shared_(shared), store_(store), authorizer_(authorizer) {}

  grpc::ServerUnaryReactor* CreateDraft(grpc::CallbackServerContext* context,
                                        const v1::CreateDraftRequest* request,
                                        v1::StoredPlan* response) override;
  grpc::ServerUnaryReactor* GetPlan(grpc::CallbackServerContext* context,
                                    const v1::GetPlanRequest* request,
                                    v1::StoredPlan* response) override;
  grpc::ServerUnaryReactor* ListPlans(grpc::CallbackServerContext* context,
                                      const v1::ListPlansRequest* request,
                                      v1::ListPlansResponse* response) override;
  grpc::ServerUnaryReactor* DiffPlans(grpc::CallbackServerContext* context,
                                      const v1::DiffPlansRequest* request,
                                      v1::PlanDiff* response) override;
  grpc::ServerUnaryReactor* ApprovePlan(grpc::CallbackServerContext* context,
                                        const v1::PlanStepRequest* request,
                                        v1::StoredPlan* response) override;
  grpc::ServerUnaryReactor* RejectPlan(grpc::CallbackServerContext* context,
                                       const v1::PlanStepRequest* request,
                                       v1::StoredPlan* response) override;
  grpc::ServerUnaryReactor* PublishPlan(grpc::CallbackServerContext* context,
                                        const v1::PlanStepRequest* request,
                                        v1::StoredPlan* response) override;
  // Builds what is left of the day (server/replan.h) and plans it for its
  // potential minus the penalty per changed visit (RunReplan).
  grpc::ServerUnaryReactor* Replan(grpc::CallbackServerContext* context,
                                   const v1::ReplanRequest* request,
                                   v1::ReplanResponse* response) override;

 private:
  // Admission for a step or a read: the actor, or the audited refusal.
  absl::StatusOr<std::string> Admit(const grpc::CallbackServerContext& context,
                                    std::initializer_list<Permission> any_of,
                                    const char* method,
                                    const std::string& territory_id);
  absl::StatusOr<v1::StoredPlan> TakeStep(
      const grpc::CallbackServerContext& context, const char* method,
      const v1::PlanStepRequest& request, store::PlanStepKind step);
  absl::StatusOr<v1::PlanDiff> Diff(const v1::DiffPlansRequest& request);
  // On the solve pool: plans the re-plan, stores it as a draft with its
  // diff, and publishes it when asked and no team requires approval.
  absl::StatusOr<v1::ReplanResponse> RunReplan(const PreparedPlan& job,
                                               const v1::StoredPlan& original,
                                               const std::string& reason, bool publish);

  const PlannerShared* shared_;
  store::Store* store_;
  const Authorizer* authorizer_;
};

}  // namespace callplan

#endif  // CALLPLAN_SERVER_PLAN_SERVICE_H_
