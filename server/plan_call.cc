#include "server/plan_call.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/planning.h"
#include "server/status_mapping.h"

namespace callplan {

using Shared = PlannerShared;

namespace {
// Of the time to the caller's deadline, at most this share is kept back for
// sending the answer.
constexpr double kMaxMarginShare = 0.5;
}  // namespace

// When the engine must be done: the caller's deadline less the margin for
// sending the answer; InfiniteFuture when the caller set none. The margin
// shrinks to half the time left for short deadlines: a fixed 0.5 s
// turned a 0.3 s deadline on a 40 ms day into DEADLINE_EXCEEDED at once
// (issue 10, finding 11).
absl::Time EngineDeadline(const grpc::CallbackServerContext* context,
                          absl::Duration margin) {
  const auto deadline = context->deadline();
  const auto far = std::chrono::system_clock::now() + std::chrono::hours(24 * 365);
  if (deadline >= far) return absl::InfiniteFuture();
  const absl::Time end = absl::FromChrono(deadline);
  const absl::Duration left = end - absl::Now();
  return end - std::min(margin, std::max(absl::ZeroDuration(),
                                         left * kMaxMarginShare));
}

// min(requested or default, time left before the engine deadline). An error
// when no time is left: no plan can be found in none.
absl::StatusOr<double> ClipTimeLimit(double requested, double default_seconds,
                                     absl::Time engine_deadline) {
  double limit = requested > 0 ? requested : default_seconds;
  if (engine_deadline == absl::InfiniteFuture()) return limit;
  const double left = absl::ToDoubleSeconds(engine_deadline - absl::Now());
  if (left <= 0) {
    return absl::DeadlineExceededError(
        "the deadline leaves no time to solve; no plan was found");
  }
  return std::min(limit, left);
}

absl::Status Unavailable() {
  return absl::UnavailableError("the sidecar is shutting down; retry elsewhere");
}

absl::Status Full(const char* what, const SolvePool* pool) {
  return absl::ResourceExhaustedError(absl::StrCat(
      "all ", pool->threads(), " ", what,
      " threads are busy and the queue is full; retry later"));
}

namespace {

// Checks that need no engine: draining, field validation, time left.
absl::StatusOr<PreparedPlan> PreparePlan(
    const Shared& s, grpc::CallbackServerContext* context,
    const v1::PlanDayRequest& request, std::function<bool()> cancelled) {
  if (*s.draining) return Unavailable();
  absl::Status valid =
      ViolationsToStatus(ValidatePlanDayRequest(request, s.limits));
  if (!valid.ok()) return valid;
  PreparedPlan prepared{request, {}, "", ""};
  prepared.control.deadline = EngineDeadline(context, s.deadline_margin);
  absl::StatusOr<double> limit =
      ClipTimeLimit(request.options().time_limit_seconds(),
                    SolveOptions{}.time_limit_seconds, prepared.control.deadline);
  if (!limit.ok()) return limit.status();
  prepared.request.mutable_options()->set_time_limit_seconds(*limit);
  std::atomic<bool>* stop = s.stop_solves;
  prepared.control.should_stop = [cancelled = std::move(cancelled), stop] {
    return stop->load() || cancelled();
  };
  return prepared;
}

}  // namespace

absl::StatusOr<PreparedPlan> PrepareAdmitted(
    const Shared& s, grpc::CallbackServerContext* context,
    const std::string& actor, const v1::PlanDayRequest& request,
    std::function<bool()> cancelled) {
  if (s.governance == nullptr) {
    return PreparePlan(s, context, request, std::move(cancelled));
  }
  const std::string digest = RequestDigest(request);
  absl::StatusOr<PreparedPlan> prepared =
      PreparePlan(s, context, request, std::move(cancelled));
  if (!prepared.ok()) {
    absl::Status audited = s.governance->AuditRefusedPlan(
        actor, digest, request, prepared.status());
    if (!audited.ok()) return absl::UnavailableError("audit trail unavailable");
    return prepared.status();
  }
  prepared->actor = actor;
  prepared->digest = digest;
  return prepared;
}

absl::StatusOr<PreparedPlan> AdmitAndPrepare(
    const Shared& s, grpc::CallbackServerContext* context, const char* method,
    const v1::PlanDayRequest& request, std::function<bool()> cancelled) {
  if (s.governance == nullptr) {
    return PreparePlan(s, context, request, std::move(cancelled));
  }
  absl::StatusOr<std::string> actor = s.governance->Admit(
      *context, method, request.territory_id(), RequestDigest(request));
  if (!actor.ok()) return actor.status();
  return PrepareAdmitted(s, context, *actor, request, std::move(cancelled));
}

// The status for a plan the full pool refused, recorded when audited.
absl::Status RefusedByPool(const Shared& s, const PreparedPlan& job) {
  const absl::Status full = Full("solver", s.solve_pool);
  if (s.governance == nullptr) return full;
  absl::Status audited =
      s.governance->AuditRefusedPlan(job.actor, job.digest, job.request, full);
  return audited.ok() ? full : absl::UnavailableError("audit trail unavailable");
}

absl::StatusOr<v1::PlanDayResponse> RunPlan(const Shared& s,
                                            const PreparedPlan& job) {
  if (s.governance == nullptr) {
    return PlanDayFromRequest(job.request, s.limits, job.control);
  }
  return s.governance->PlanAndAudit(job.actor, job.digest, job.request,
                                    s.limits, job.control);
}

RequestLogEntry PlanEntry(const char* method, const v1::PlanDayRequest& request) {
  RequestLogEntry e;
  e.method = method;
  e.territory_id = request.territory_id();
  e.reps = request.reps_size();
  e.physicians = request.physicians_size();
  return e;
}

void LogPlan(const Shared& s, RequestLogEntry entry, absl::Time started,
             const grpc::Status& status, const v1::PlanDayResponse* response) {
  entry.code = GrpcCodeName(status.error_code());
  entry.wall_seconds = absl::ToDoubleSeconds(absl::Now() - started);
  if (response != nullptr) {
    const v1::PlanStats& stats = response->stats();
    entry.plan_status = v1::Status_Name(stats.status());
    entry.solve_seconds = stats.solve_seconds();
    entry.gap = stats.relative_gap();
    entry.rep_ids.assign(stats.reps_over_route_cap().begin(),
                         stats.reps_over_route_cap().end());
    for (const v1::Unassigned& u : response->unassigned()) {
      entry.physician_ids.push_back(u.physician_id());
    }
  }
  s.log->Write(entry);
}

}  // namespace callplan
