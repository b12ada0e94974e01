// SidecarClient's PlanService calls: unary, each with a deadline, retried
// with backoff only while no sidecar answered (UNAVAILABLE).
#include <grpcpp/grpcpp.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "plugins/sidecar_client.h"

namespace callplan::crm {
namespace {

template <typename Call>
absl::Status CallWithRetry(const SidecarOptions& options,
                           absl::Duration call_limit, const Call& call) {
  const absl::Time give_up = absl::Now() + options.retry_for;
  absl::Duration backoff = options.first_backoff;
  for (int attempt = 1;; ++attempt) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + call_limit));
    const grpc::Status status = call(context);
    if (status.ok()) return absl::OkStatus();
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE) {
      return FromGrpcStatus(status);
    }
    if (absl::Now() + backoff > give_up) {
      return absl::UnavailableError(absl::StrCat(
          "sidecar ", options.address, " unavailable after ", attempt,
          " attempts over ", absl::FormatDuration(options.retry_for), ": ",
          status.error_message()));
    }
    absl::SleepFor(backoff);
    backoff = std::min(backoff * 2, absl::Seconds(5));
  }
}

constexpr absl::Duration kStepLimit = absl::Seconds(30);

}  // namespace

absl::StatusOr<v1::StoredPlan> SidecarClient::CreateDraft(
    const v1::PlanDayRequest& day, const std::string& reason) {
  v1::CreateDraftRequest request;
  *request.mutable_day() = day;
  request.set_reason(reason);
  const double limit = day.options().time_limit_seconds() > 0
                           ? day.options().time_limit_seconds()
                           : 10;
  v1::StoredPlan plan;
  absl::Status status = CallWithRetry(
      options_, absl::Seconds(limit) + options_.call_margin,
      [&](grpc::ClientContext& context) {
        Authorize(context);
        return plans_->CreateDraft(&context, request, &plan);
      });
  if (!status.ok()) return status;
  return plan;
}

absl::StatusOr<v1::StoredPlan> SidecarClient::GetPlan(const std::string& plan_id) {
  v1::GetPlanRequest request;
  request.set_plan_id(plan_id);
  v1::StoredPlan plan;
  absl::Status status =
      CallWithRetry(options_, kStepLimit, [&](grpc::ClientContext& context) {
        Authorize(context);
        return plans_->GetPlan(&context, request, &plan);
      });
  if (!status.ok()) return status;
  return plan;
}

absl::StatusOr<v1::PlanDiff> SidecarClient::DiffPlans(
    const std::string& base_plan_id, const std::string& plan_id) {
  v1::DiffPlansRequest request;
  request.set_base_plan_id(base_plan_id);
  request.set_plan_id(plan_id);
  v1::PlanDiff diff;
  absl::Status status =
      CallWithRetry(options_, kStepLimit, [&](grpc::ClientContext& context) {
        Authorize(context);
        return plans_->DiffPlans(&context, request, &diff);
      });
  if (!status.ok()) return status;
  return diff;
}

absl::StatusOr<v1::ReplanResponse> SidecarClient::Replan(
    const v1::ReplanRequest& request) {
  v1::ReplanResponse response;
  // Up to two plans of the day (keeping the other visits, then afresh).
  absl::Status status = CallWithRetry(
      options_, absl::Seconds(2 * 10) + options_.call_margin,
      [&](grpc::ClientContext& context) {
        Authorize(context);
        return plans_->Replan(&context, request, &response);
      });
  if (!status.ok()) return status;
  return response;
}

absl::StatusOr<v1::StoredPlan> SidecarClient::StepPlan(
    PlanStepKind step, const std::string& plan_id, int64_t expected_version,
    const std::string& reason) {
  v1::PlanStepRequest request;
  request.set_plan_id(plan_id);
  request.set_expected_version(expected_version);
  request.set_reason(reason);
  v1::StoredPlan plan;
  absl::Status status =
      CallWithRetry(options_, kStepLimit, [&](grpc::ClientContext& context) {
        Authorize(context);
        switch (step) {
          case PlanStepKind::kApprove:
            return plans_->ApprovePlan(&context, request, &plan);
          case PlanStepKind::kReject:
            return plans_->RejectPlan(&context, request, &plan);
          case PlanStepKind::kPublish:
            break;
        }
        return plans_->PublishPlan(&context, request, &plan);
      });
  if (!status.ok()) return status;
  return plan;
}

}  // namespace callplan::crm
