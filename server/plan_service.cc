#include "server/plan_service.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/field_checks.h"
#include "server/plan_diff.h"
#include "server/plan_proto.h"
#include "server/replan.h"
#include "server/status_mapping.h"
#include "server/unary_reply.h"
#include "server/validate.h"

namespace callplan {
namespace {

absl::Status CheckStepRequest(const v1::PlanStepRequest& request) {
  std::vector<FieldViolation> violations;
  if (request.plan_id().empty()) violations.push_back({"plan_id", "is required"});
  if (request.expected_version() < 1) {
    violations.push_back(
        {"expected_version",
         absl::StrCat("must be the version of the plan you reviewed (1 or "
                      "more), got ", request.expected_version())});
  }
  return ViolationsToStatus(violations);
}

// A draft is a plan to review: a day without one is refused with what
// would have to change, as PlanDay's INFEASIBLE answer says it.
absl::Status NoPlanToStore(const v1::Infeasibility& infeasibility) {
  std::string message = "no plan satisfies the bounds, so no draft was stored";
  for (const std::string& reason : infeasibility.reasons()) {
    absl::StrAppend(&message, "; ", reason);
  }
  return absl::FailedPreconditionError(message);
}

}  // namespace

absl::StatusOr<std::string> PlanServiceImpl::Admit(
    const grpc::CallbackServerContext& context,
    std::initializer_list<Permission> any_of, const char* method,
    const std::string& territory_id) {
  return shared_->governance->AdmitFor(context, any_of, method, territory_id, "");
}

grpc::ServerUnaryReactor* PlanServiceImpl::CreateDraft(
    grpc::CallbackServerContext* context, const v1::CreateDraftRequest* request,
    v1::StoredPlan* response) {
  const PlannerShared& s = *shared_;
  const absl::Time started = absl::Now();
  RequestLogEntry entry = PlanEntry("CreateDraft", request->day());
  auto refuse = [&](const absl::Status& status) {
    LogPlan(s, entry, started, ToGrpcStatus(status), nullptr);
    return FinishWith(context, status);
  };
  absl::StatusOr<PreparedPlan> prepared =
      AdmitAndPrepare(s, context, "CreateDraft", request->day(),
                      [context] { return context->IsCancelled(); });
  if (!prepared.ok()) return refuse(prepared.status());
  // Checked after admission so that strangers learn nothing of the rules.
  if (request->day().territory_id().empty()) {
    return refuse(ViolationsToStatus(
        {{"day.territory_id", "is required: a stored plan is the plan of one "
                              "territory-day"}}));
  }
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  auto job = std::make_shared<PreparedPlan>(*std::move(prepared));
  auto result = std::make_shared<absl::StatusOr<v1::StoredPlan>>();
  const std::string reason = request->reason();
  store::Store* plans = store_;
  const bool accepted = s.solve_pool->TrySubmit(
      [job, result, &s, plans, reason] {
        absl::StatusOr<v1::PlanDayResponse> planned = RunPlan(s, *job);
        if (!planned.ok()) {
          *result = planned.status();
          return;
        }
        if (planned->stats().status() == v1::INFEASIBLE) {
          *result = NoPlanToStore(planned->stats().infeasibility());
          return;
        }
        absl::StatusOr<store::StoredPlan> stored = plans->CreatePlan(
            NewDraft(job->request, *planned, job->digest, job->actor, reason));
        if (!stored.ok()) {
          *result = StoreError(stored.status(), "plan store");
          return;
        }
        *result = StoredPlanToProto(*stored);
      },
      [&s, entry, started, reactor, response, result] {
        const grpc::Status status = ToGrpcStatus(result->status());
        LogPlan(s, entry, started, status,
                result->ok() ? &(*result)->response() : nullptr);
        if (result->ok()) *response = *std::move(*result);
        reactor->Finish(status);
      });
  if (!accepted) {
    const absl::Status full = RefusedByPool(s, *job);
    LogPlan(s, entry, started, ToGrpcStatus(full), nullptr);
    reactor->Finish(ToGrpcStatus(full));
  }
  return reactor;
}

grpc::ServerUnaryReactor* PlanServiceImpl::GetPlan(
    grpc::CallbackServerContext* context, const v1::GetPlanRequest* request,
    v1::StoredPlan* response) {
  absl::StatusOr<std::string> actor =
      Admit(*context, {Permission::kReadPlans}, "GetPlan", "");
  if (!actor.ok()) return FinishWith(context, actor.status());
  if (request->plan_id().empty()) {
    return FinishWith(context, ViolationsToStatus({{"plan_id", "is required"}}));
  }
  absl::StatusOr<store::StoredPlan> plan = store_->GetPlan(request->plan_id());
  if (!plan.ok()) return FinishWith(context, StoreError(plan.status(), "plan store"));
  absl::StatusOr<v1::StoredPlan> out = StoredPlanToProto(*plan);
  if (!out.ok()) return FinishWith(context, out.status());
  *response = *std::move(out);
  return FinishWith(context, absl::OkStatus());
}

grpc::ServerUnaryReactor* PlanServiceImpl::ListPlans(
    grpc::CallbackServerContext* context, const v1::ListPlansRequest* request,
    v1::ListPlansResponse* response) {
  absl::StatusOr<std::string> actor =
      Admit(*context, {Permission::kReadPlans}, "ListPlans", request->territory_id());
  if (!actor.ok()) return FinishWith(context, actor.status());
  std::vector<FieldViolation> violations;
  validation::Collector c(violations);
  if (!request->date().empty()) validation::CheckDate(c, "date", request->date());
  if (request->page_size() < 0) {
    c.Add("page_size", absl::StrCat("must be 0 (50) or more, got ",
                                    request->page_size()));
  }
  if (request->state() != v1::PLAN_STATE_UNSPECIFIED &&
      !PlanStateFromProto(request->state())) {
    c.Add("state", absl::StrCat("is not a plan state: ", request->state()));
  }
  if (!violations.empty()) return FinishWith(context, ViolationsToStatus(violations));
  store::PlanFilter filter;
  if (!request->territory_id().empty()) filter.territory_id = request->territory_id();
  if (!request->date().empty()) filter.date = request->date();
  filter.state = PlanStateFromProto(request->state());
  absl::StatusOr<store::PlanPage> page =
      store_->ListPlans(filter, request->page_size(), request->page_token());
  if (!page.ok()) return FinishWith(context, StoreError(page.status(), "plan store"));
  for (const store::StoredPlan& plan : page->plans) {
    *response->add_plans() = PlanSummaryToProto(plan);
  }
  response->set_next_page_token(page->next_page_token);
  return FinishWith(context, absl::OkStatus());
}

absl::StatusOr<v1::PlanDiff> PlanServiceImpl::Diff(
    const v1::DiffPlansRequest& request) {
  if (request.plan_id().empty()) {
    return ViolationsToStatus({{"plan_id", "is required"}});
  }
  absl::StatusOr<store::StoredPlan> plan = store_->GetPlan(request.plan_id());
  if (!plan.ok()) return StoreError(plan.status(), "plan store");
  std::optional<store::StoredPlan> base;
  if (!request.base_plan_id().empty()) {
    absl::StatusOr<store::StoredPlan> named = store_->GetPlan(request.base_plan_id());
    if (!named.ok()) return StoreError(named.status(), "plan store");
    if (named->territory_id != plan->territory_id || named->date != plan->date) {
      return ViolationsToStatus(
          {{"base_plan_id",
            absl::StrCat("plan ", named->plan_id, " is for ", named->territory_id,
                         " on ", named->date, ", not ", plan->territory_id,
                         " on ", plan->date)}});
    }
    base = *std::move(named);
  } else {
    absl::StatusOr<std::optional<store::StoredPlan>> published =
        store_->GetPublishedPlan(plan->territory_id, plan->date);
    if (!published.ok()) return StoreError(published.status(), "plan store");
    base = *std::move(published);
  }
  absl::StatusOr<v1::PlanDayResponse> after = StoredResponse(*plan);
  if (!after.ok()) return after.status();
  v1::PlanDayResponse before;
  if (base) {
    absl::StatusOr<v1::PlanDayResponse> read = StoredResponse(*base);
    if (!read.ok()) return read.status();
    before = *std::move(read);
  }
  v1::PlanDiff diff = callplan::DiffPlans(before, *after);
  diff.set_plan_id(plan->plan_id);
  if (base) diff.set_base_plan_id(base->plan_id);
  return diff;
}

grpc::ServerUnaryReactor* PlanServiceImpl::DiffPlans(
    grpc::CallbackServerContext* context, const v1::DiffPlansRequest* request,
    v1::PlanDiff* response) {
  absl::StatusOr<std::string> actor =
      Admit(*context, {Permission::kReadPlans}, "DiffPlans", "");
  if (!actor.ok()) return FinishWith(context, actor.status());
  absl::StatusOr<v1::PlanDiff> diff = Diff(*request);
  if (!diff.ok()) return FinishWith(context, diff.status());
  *response = *std::move(diff);
  return FinishWith(context, absl::OkStatus());
}

absl::StatusOr<v1::StoredPlan> PlanServiceImpl::TakeStep(
    const grpc::CallbackServerContext& context, const char* method,
    const v1::PlanStepRequest& request, store::PlanStepKind step) {
  // A planner may publish its own drafts where no team asks for approval;
  // everything else is a manager's.
  const bool publish = step == store::PlanStepKind::kPublish;
  absl::StatusOr<std::string> actor =
      publish ? Admit(context, {Permission::kManagePlans, Permission::kPlan},
                      method, "")
              : Admit(context, {Permission::kManagePlans}, method, "");
  if (!actor.ok()) return actor.status();
  if (absl::Status s = CheckStepRequest(request); !s.ok()) return s;
  store::PlanStepRequest taken;
  taken.plan_id = request.plan_id();
  taken.expected_version = request.expected_version();
  taken.step = step;
  taken.actor = *actor;
  taken.reason = request.reason();
  if (publish) {
    absl::StatusOr<store::StoredPlan> plan = store_->GetPlan(request.plan_id());
    if (!plan.ok()) return StoreError(plan.status(), "plan store");
    absl::StatusOr<bool> required =
        shared_->governance->ApprovalRequired(plan->team_ids);
    if (!required.ok()) return required.status();
    taken.approval_required = *required;
    if (*required &&
        !authorizer_->Check(context, Permission::kManagePlans).status.ok()) {
      // Audited as a refusal of the manager's part of publishing.
      absl::StatusOr<std::string> manager = Admit(
          context, {Permission::kManagePlans}, method, plan->territory_id);
      if (!manager.ok()) return manager.status();
    }
  }
  if (step == store::PlanStepKind::kReject && request.reason().empty()) {
    return ViolationsToStatus({{"reason", "say why the plan is rejected"}});
  }
  absl::StatusOr<store::StoredPlan> moved = store_->StepPlan(taken);
  if (!moved.ok()) return StoreError(moved.status(), "plan store");
  return StoredPlanToProto(*moved);
}

grpc::ServerUnaryReactor* PlanServiceImpl::ApprovePlan(
    grpc::CallbackServerContext* context, const v1::PlanStepRequest* request,
    v1::StoredPlan* response) {
  absl::StatusOr<v1::StoredPlan> plan =
      TakeStep(*context, "ApprovePlan", *request, store::PlanStepKind::kApprove);
  if (plan.ok()) *response = *std::move(plan);
  return FinishWith(context, plan.status());
}

grpc::ServerUnaryReactor* PlanServiceImpl::RejectPlan(
    grpc::CallbackServerContext* context, const v1::PlanStepRequest* request,
    v1::StoredPlan* response) {
  absl::StatusOr<v1::StoredPlan> plan =
      TakeStep(*context, "RejectPlan", *request, store::PlanStepKind::kReject);
  if (plan.ok()) *response = *std::move(plan);
  return FinishWith(context, plan.status());
}

grpc::ServerUnaryReactor* PlanServiceImpl::PublishPlan(
    grpc::CallbackServerContext* context, const v1::PlanStepRequest* request,
    v1::StoredPlan* response) {
  absl::StatusOr<v1::StoredPlan> plan =
      TakeStep(*context, "PublishPlan", *request, store::PlanStepKind::kPublish);
  if (plan.ok()) *response = *std::move(plan);
  return FinishWith(context, plan.status());
}

}  // namespace callplan

namespace callplan {

grpc::ServerUnaryReactor* PlanServiceImpl::Replan(
    grpc::CallbackServerContext* context, const v1::ReplanRequest* request,
    v1::ReplanResponse* response) {
  const PlannerShared& s = *shared_;
  absl::StatusOr<std::string> actor = Admit(
      *context, {Permission::kPlan, Permission::kManagePlans}, "Replan", "");
  if (!actor.ok()) return FinishWith(context, actor.status());
  if (request->plan_id().empty()) {
    return FinishWith(context, ViolationsToStatus({{"plan_id", "is required"}}));
  }
  absl::StatusOr<store::StoredPlan> stored = store_->GetPlan(request->plan_id());
  if (!stored.ok()) return FinishWith(context, StoreError(stored.status(), "plan store"));
  if (stored->state == store::PlanState::kRejected ||
      stored->state == store::PlanState::kSuperseded) {
    return FinishWith(context, absl::FailedPreconditionError(absl::StrCat(
        "plan ", stored->plan_id, " is ", store::PlanStateName(stored->state),
        ": re-plan the day's published plan or a draft")));
  }
  absl::StatusOr<v1::StoredPlan> base = StoredPlanToProto(*stored);
  if (!base.ok()) return FinishWith(context, base.status());
  absl::StatusOr<v1::PlanDayRequest> day =
      BuildReplan(base->request(), base->response(), *request);
  if (!day.ok()) return FinishWith(context, day.status());
  absl::StatusOr<PreparedPlan> prepared = PrepareAdmitted(
      s, context, *actor, *day, [context] { return context->IsCancelled(); });
  if (!prepared.ok()) return FinishWith(context, prepared.status());

  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  auto job = std::make_shared<PreparedPlan>(*std::move(prepared));
  auto result = std::make_shared<absl::StatusOr<v1::ReplanResponse>>();
  auto original = std::make_shared<v1::StoredPlan>(*std::move(base));
  const std::string reason = absl::StrCat("re-plan of ", request->plan_id(),
                                          request->reason().empty() ? "" : ": ",
                                          request->reason());
  const bool publish = request->publish_if_allowed();
  const bool accepted = s.solve_pool->TrySubmit(
      [this, job, result, original, reason, publish] {
        *result = RunReplan(*job, *original, reason, publish);
      },
      [reactor, response, result] {
        if (result->ok()) *response = *std::move(*result);
        reactor->Finish(ToGrpcStatus(result->status()));
      });
  if (!accepted) reactor->Finish(ToGrpcStatus(RefusedByPool(s, *job)));
  return reactor;
}

absl::StatusOr<v1::ReplanResponse> PlanServiceImpl::RunReplan(
    const PreparedPlan& job, const v1::StoredPlan& original, const std::string& reason,
    bool publish) {
  absl::StatusOr<v1::PlanDayResponse> planned = RunPlan(*shared_, job);
  if (!planned.ok()) return planned.status();
  if (planned->stats().status() == v1::INFEASIBLE) {
    return NoPlanToStore(planned->stats().infeasibility());
  }
  absl::StatusOr<store::StoredPlan> draft = store_->CreatePlan(
      NewDraft(job.request, *planned, job.digest, job.actor, reason));
  if (!draft.ok()) return StoreError(draft.status(), "plan store");
  v1::ReplanResponse out;
  *out.mutable_diff() = callplan::DiffPlans(original.response(), *planned);
  out.mutable_diff()->set_base_plan_id(original.summary().plan_id());
  out.mutable_diff()->set_plan_id(draft->plan_id);
  out.set_visits_changed(planned->stats().visits_changed());
  out.set_other_visits_kept(planned->stats().visits_changed() == 0);
  if (publish) {
    absl::StatusOr<bool> required = shared_->governance->ApprovalRequired(draft->team_ids);
    if (!required.ok()) return required.status();
    if (*required) {
      out.set_not_published_because(
          "a team of the day requires a manager's approval before publishing");
    } else {
      store::PlanStepRequest step;
      step.plan_id = draft->plan_id;
      step.expected_version = draft->version;
      step.step = store::PlanStepKind::kPublish;
      step.actor = job.actor;
      step.reason = reason;
      absl::StatusOr<store::StoredPlan> published = store_->StepPlan(step);
      if (!published.ok()) return StoreError(published.status(), "plan store");
      draft = *std::move(published);
      out.set_published(true);
    }
  }
  absl::StatusOr<v1::StoredPlan> stored = StoredPlanToProto(*draft);
  if (!stored.ok()) return stored.status();
  *out.mutable_plan() = *std::move(stored);
  return out;
}

}  // namespace callplan
