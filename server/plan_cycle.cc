#include "server/plan_cycle.h"

#include <algorithm>
#include <memory>
#include <set>
#include <utility>

#include "absl/time/clock.h"
#include "server/cycle_convert.h"
#include "server/cycle_planning.h"
#include "server/progress_stream.h"
#include "server/status_mapping.h"
#include "server/validate_cycle.h"

namespace callplan {
namespace {

// The cycle as the engine will run it, and how it is stopped.
struct PreparedCycle {
  v1::PlanCycleRequest request;
  CycleControl control;
  std::string actor;   // with governance: who asked
  std::string digest;  // with governance: RequestDigest of the caller's request
};

// Checks that need no engine: draining, field validation, time left.
absl::StatusOr<PreparedCycle> PrepareCycle(const PlannerShared& s,
                                           grpc::CallbackServerContext* context,
                                           const v1::PlanCycleRequest& request,
                                           std::function<bool()> cancelled) {
  if (*s.draining) return Unavailable();
  absl::Status valid =
      ViolationsToStatus(ValidatePlanCycleRequest(request, s.limits));
  if (!valid.ok()) return valid;
  PreparedCycle prepared{request, {}, "", ""};
  prepared.control.deadline = EngineDeadline(context, s.deadline_margin);
  absl::StatusOr<double> limit = ClipTimeLimit(
      request.territory().options().time_limit_seconds(),
      std::min(kDefaultCycleTimeLimitSeconds, s.limits.max_time_limit_seconds),
      prepared.control.deadline);
  if (!limit.ok()) return limit.status();
  prepared.request.mutable_territory()->mutable_options()->set_time_limit_seconds(
      *limit);
  std::atomic<bool>* stop = s.stop_solves;
  prepared.control.should_stop = [cancelled = std::move(cancelled), stop] {
    return stop->load() || cancelled();
  };
  return prepared;
}

// Roles first (a refusal is audited as DENIED), then PrepareCycle, whose
// refusals are recorded when governed.
absl::StatusOr<PreparedCycle> AdmitAndPrepare(const PlannerShared& s,
                                              grpc::CallbackServerContext* context,
                                              const char* method,
                                              const v1::PlanCycleRequest& request,
                                              std::function<bool()> cancelled) {
  if (s.governance == nullptr) {
    return PrepareCycle(s, context, request, std::move(cancelled));
  }
  const std::string digest = RequestDigest(request);
  absl::StatusOr<std::string> actor = s.governance->Admit(
      *context, method, request.territory().territory_id(), digest);
  if (!actor.ok()) return actor.status();
  absl::StatusOr<PreparedCycle> prepared =
      PrepareCycle(s, context, request, std::move(cancelled));
  if (!prepared.ok()) {
    absl::Status audited = s.governance->AuditRefusedCycle(
        *actor, digest, request, prepared.status());
    if (!audited.ok()) return absl::UnavailableError("audit trail unavailable");
    return prepared.status();
  }
  prepared->actor = *actor;
  prepared->digest = digest;
  return prepared;
}

absl::Status RefusedByPool(const PlannerShared& s, const PreparedCycle& job) {
  const absl::Status full = Full("solver", s.solve_pool);
  if (s.governance == nullptr) return full;
  absl::Status audited =
      s.governance->AuditRefusedCycle(job.actor, job.digest, job.request, full);
  return audited.ok() ? full : absl::UnavailableError("audit trail unavailable");
}

absl::StatusOr<v1::PlanCycleResponse> RunCycle(const PlannerShared& s,
                                               const PreparedCycle& job) {
  if (s.governance == nullptr) {
    return PlanCycleFromRequest(job.request, s.limits, job.control);
  }
  return s.governance->PlanCycleAndAudit(job.actor, job.digest, job.request,
                                         s.limits, job.control);
}

// One line per cycle, as PlanEntry/LogPlan write one per day; the
// physicians named (hashed) are those planned below a target.
void LogCycle(const PlannerShared& s, const char* method,
              const v1::PlanCycleRequest& request, absl::Time started,
              const grpc::Status& status, const v1::PlanCycleResponse* response) {
  RequestLogEntry entry = PlanEntry(method, request.territory());
  entry.code = GrpcCodeName(status.error_code());
  entry.wall_seconds = absl::ToDoubleSeconds(absl::Now() - started);
  if (response != nullptr) {
    const v1::CycleStats& stats = response->stats();
    entry.plan_status = v1::Status_Name(stats.status());
    entry.solve_seconds = stats.solve_seconds();
    entry.gap = stats.relative_gap();
    std::set<std::string> below;
    for (const v1::CallAttainment& row : response->attainment()) {
      if (!row.target_met() && below.insert(row.physician_id()).second) {
        entry.physician_ids.push_back(row.physician_id());
      }
    }
  }
  s.log->Write(entry);
}

v1::PlanCycleProgress FinalProgress(v1::PlanCycleResponse response) {
  v1::PlanCycleProgress out;
  const v1::CycleStats& stats = response.stats();
  out.set_elapsed_seconds(stats.solve_seconds());
  out.set_stage("done");
  out.set_days_planned(response.days_size());
  out.set_days_total(response.days_size());
  out.set_has_plan(stats.status() == v1::OPTIMAL || stats.status() == v1::FEASIBLE);
  out.set_objective(stats.objective());
  out.set_best_bound(stats.best_bound());
  *out.mutable_final_response() = std::move(response);
  return out;
}

constexpr char kStreamMethod[] = "PlanCycleStream";

class CycleStreamReactor final
    : public ProgressStreamReactor<v1::PlanCycleProgress> {
 public:
  CycleStreamReactor(const PlannerShared& s, grpc::CallbackServerContext* context,
                     const v1::PlanCycleRequest* request)
      : s_(s), context_(context), request_(request), started_(absl::Now()) {}

  void Start() {
    absl::StatusOr<PreparedCycle> prepared = AdmitAndPrepare(
        s_, context_, kStreamMethod, *request_, [this] { return cancelled(); });
    if (!prepared.ok()) return FinishNow(ToGrpcStatus(prepared.status()));
    auto job = std::make_shared<PreparedCycle>(*std::move(prepared));
    job->control.on_progress = [this](const CycleProgress& p) {
      Send(CycleProgressToProto(p), /*is_final=*/false);
    };
    auto result = std::make_shared<absl::StatusOr<v1::PlanCycleResponse>>();
    const bool accepted = s_.solve_pool->TrySubmit(
        [job, result, s = s_] { *result = RunCycle(s, *job); },
        [this, result] { SolveFinished(std::move(*result)); });
    if (!accepted) FinishNow(ToGrpcStatus(RefusedByPool(s_, *job)));
  }

 private:
  void FinishNow(const grpc::Status& status) {
    LogCycle(s_, kStreamMethod, *request_, started_, status, nullptr);
    Finish(status);
  }

  void SolveFinished(absl::StatusOr<v1::PlanCycleResponse> result) {
    const grpc::Status status = ToGrpcStatus(result.status());
    LogCycle(s_, kStreamMethod, *request_, started_, status,
             result.ok() ? &*result : nullptr);
    // The request is valid only until Finish; nothing reads it after this.
    if (result.ok()) Send(FinalProgress(*std::move(result)), /*is_final=*/true);
    SolveDone(status);
  }

  const PlannerShared s_;
  grpc::CallbackServerContext* const context_;
  const v1::PlanCycleRequest* const request_;
  const absl::Time started_;
};

}  // namespace

grpc::ServerUnaryReactor* StartPlanCycle(const PlannerShared& s,
                                         grpc::CallbackServerContext* context,
                                         const v1::PlanCycleRequest* request,
                                         v1::PlanCycleResponse* response) {
  static constexpr char kMethod[] = "PlanCycle";
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  const absl::Time started = absl::Now();
  auto finish = [s, request, started, reactor](
                    const grpc::Status& status,
                    const v1::PlanCycleResponse* planned) {
    LogCycle(s, kMethod, *request, started, status, planned);
    reactor->Finish(status);
  };
  absl::StatusOr<PreparedCycle> prepared =
      AdmitAndPrepare(s, context, kMethod, *request,
                      [context] { return context->IsCancelled(); });
  if (!prepared.ok()) {
    finish(ToGrpcStatus(prepared.status()), nullptr);
    return reactor;
  }
  auto job = std::make_shared<PreparedCycle>(*std::move(prepared));
  auto result = std::make_shared<absl::StatusOr<v1::PlanCycleResponse>>();
  const bool accepted = s.solve_pool->TrySubmit(
      [job, result, s] { *result = RunCycle(s, *job); },
      [finish, response, result] {
        const grpc::Status status = ToGrpcStatus(result->status());
        if (result->ok()) *response = *std::move(*result);
        finish(status, result->ok() ? response : nullptr);
      });
  if (!accepted) finish(ToGrpcStatus(RefusedByPool(s, *job)), nullptr);
  return reactor;
}

grpc::ServerWriteReactor<v1::PlanCycleProgress>* StartPlanCycleStream(
    const PlannerShared& shared, grpc::CallbackServerContext* context,
    const v1::PlanCycleRequest* request) {
  auto* reactor = new CycleStreamReactor(shared, context, request);
  reactor->Start();
  return reactor;
}

}  // namespace callplan
