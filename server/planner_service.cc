#include "server/planner_service.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/planning.h"
#include "server/status_mapping.h"
#include "solver/router/router.h"

namespace callplan {
namespace {

using Shared = PlannerServiceImpl::Shared;

// Of the time to the caller's deadline, at most this share is kept back for
// sending the answer.
constexpr double kMaxMarginShare = 0.5;

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

// The request as the engine will run it, and how the solve is stopped.
struct PreparedPlan {
  v1::PlanDayRequest request;
  SolveControl control;
  std::string actor;   // with governance: who asked
  std::string digest;  // with governance: RequestDigest of the caller's request
};

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

// Roles first (a refusal is audited as DENIED), then PreparePlan; a call it
// refuses is recorded as a PLAN_DAY with its status.
absl::StatusOr<PreparedPlan> AdmitAndPrepare(
    const Shared& s, grpc::CallbackServerContext* context, const char* method,
    const v1::PlanDayRequest& request, std::function<bool()> cancelled) {
  if (s.governance == nullptr) {
    return PreparePlan(s, context, request, std::move(cancelled));
  }
  const std::string digest = RequestDigest(request);
  absl::StatusOr<std::string> actor =
      s.governance->Admit(*context, method, request.territory_id(), digest);
  if (!actor.ok()) return actor.status();
  absl::StatusOr<PreparedPlan> prepared =
      PreparePlan(s, context, request, std::move(cancelled));
  if (!prepared.ok()) {
    absl::Status audited = s.governance->AuditRefusedPlan(
        *actor, digest, request, prepared.status());
    if (!audited.ok()) return absl::UnavailableError("audit trail unavailable");
    return prepared.status();
  }
  prepared->actor = *actor;
  prepared->digest = digest;
  return prepared;
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

v1::PlanDayProgress ProgressToProto(const SolveProgress& p) {
  v1::PlanDayProgress out;
  out.set_elapsed_seconds(p.elapsed_seconds);
  out.set_has_incumbent(p.has_incumbent);
  out.set_incumbent_objective(p.incumbent_objective);
  out.set_best_bound(p.best_bound);
  out.set_relative_gap(p.relative_gap);
  out.set_distance_iteration(p.distance_iteration);
  return out;
}

v1::PlanDayProgress FinalProgress(v1::PlanDayResponse response) {
  v1::PlanDayProgress out;
  const v1::PlanStats& stats = response.stats();
  out.set_elapsed_seconds(stats.solve_seconds());
  out.set_has_incumbent(stats.status() == v1::OPTIMAL ||
                        stats.status() == v1::FEASIBLE);
  out.set_incumbent_objective(stats.objective());
  out.set_best_bound(stats.best_bound());
  out.set_relative_gap(stats.relative_gap());
  out.set_distance_iteration(stats.distance_iterations());
  *out.mutable_final_response() = std::move(response);
  return out;
}

// PlanDayStream: progress messages while the solve runs, then exactly one
// message carrying the plan. Progress is sent as fast as the caller reads
// it; when it reads slower than CBC reports, only the newest report waits,
// so a slow reader never holds up the solve.
class PlanStreamReactor final
    : public grpc::ServerWriteReactor<v1::PlanDayProgress> {
 public:
  PlanStreamReactor(const Shared& s, grpc::CallbackServerContext* context,
                    const v1::PlanDayRequest* request)
      : s_(s), context_(context), request_(request),
        entry_(PlanEntry("PlanDayStream", *request)), started_(absl::Now()) {}

  void Start() {
    absl::StatusOr<PreparedPlan> prepared =
        AdmitAndPrepare(s_, context_, "PlanDayStream", *request_,
                        [this] { return cancelled_.load(); });
    if (!prepared.ok()) return FinishNow(ToGrpcStatus(prepared.status()));
    auto job = std::make_shared<PreparedPlan>(*std::move(prepared));
    job->control.on_progress = [this](const SolveProgress& p) {
      Send(ProgressToProto(p), /*is_final=*/false);
    };
    auto result = std::make_shared<absl::StatusOr<v1::PlanDayResponse>>();
    const bool accepted = s_.solve_pool->TrySubmit(
        [job, result, s = s_] { *result = RunPlan(s, *job); },
        [this, result] { SolveFinished(std::move(*result)); });
    if (!accepted) FinishNow(ToGrpcStatus(RefusedByPool(s_, *job)));
  }

  void OnWriteDone(bool ok) override {
    {
      absl::MutexLock lock(&mu_);
      writing_ = false;
      if (!ok) broken_ = true;
    }
    Pump();
  }
  void OnCancel() override { cancelled_ = true; }
  void OnDone() override { delete this; }

 private:
  void FinishNow(const grpc::Status& status) {
    LogPlan(s_, entry_, started_, status, nullptr);
    Finish(status);
  }

  void Send(v1::PlanDayProgress message, bool is_final) {
    {
      absl::MutexLock lock(&mu_);
      (is_final ? final_ : progress_) = std::move(message);
    }
    Pump();
  }

  void SolveFinished(absl::StatusOr<v1::PlanDayResponse> result) {
    status_ = ToGrpcStatus(result.status());
    LogPlan(s_, entry_, started_, status_, result.ok() ? &*result : nullptr);
    if (result.ok()) {
      // The request is valid only until Finish; nothing reads it after this.
      Send(FinalProgress(*std::move(result)), /*is_final=*/true);
    }
    {
      absl::MutexLock lock(&mu_);
      solve_done_ = true;
    }
    Pump();
  }

  // Starts the next write, or finishes once the solve is done and every
  // message is out. gRPC calls are made after unlocking: Finish may run
  // OnDone, which deletes this, on another thread at once.
  void Pump() {
    enum { kNothing, kWrite, kFinish } action = kNothing;
    {
      absl::MutexLock lock(&mu_);
      if (writing_ || finished_) return;
      if (!broken_ && (progress_ || final_)) {
        std::optional<v1::PlanDayProgress>& next = progress_ ? progress_ : final_;
        in_flight_ = std::move(*next);
        next.reset();
        writing_ = true;
        action = kWrite;
      } else if (solve_done_) {
        finished_ = true;
        action = kFinish;
      }
    }
    // Safe unlocked: in_flight_ is ours until OnWriteDone, and nothing
    // touches this object after Finish.
    if (action == kWrite) StartWrite(&in_flight_);
    if (action == kFinish) Finish(status_);
  }

  const Shared s_;
  grpc::CallbackServerContext* const context_;
  const v1::PlanDayRequest* const request_;
  const RequestLogEntry entry_;
  const absl::Time started_;
  std::atomic<bool> cancelled_{false};
  grpc::Status status_;  // written by the solve thread before solve_done_

  absl::Mutex mu_;
  std::optional<v1::PlanDayProgress> progress_ ABSL_GUARDED_BY(mu_);
  std::optional<v1::PlanDayProgress> final_ ABSL_GUARDED_BY(mu_);
  v1::PlanDayProgress in_flight_;  // owned by gRPC while writing_
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool broken_ ABSL_GUARDED_BY(mu_) = false;
  bool solve_done_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace

PlannerServiceImpl::PlannerServiceImpl(const ProblemLimits& limits,
                                       absl::Duration deadline_margin,
                                       SolvePool* solve_pool,
                                       SolvePool* route_pool, RequestLog* log)
    : shared_{limits, deadline_margin, solve_pool, route_pool,
              log, &draining_, &stop_solves_, nullptr} {}

grpc::ServerUnaryReactor* PlannerServiceImpl::PlanDay(
    grpc::CallbackServerContext* context, const v1::PlanDayRequest* request,
    v1::PlanDayResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  const Shared& s = shared_;
  const absl::Time started = absl::Now();
  RequestLogEntry entry = PlanEntry("PlanDay", *request);
  absl::StatusOr<PreparedPlan> prepared =
      AdmitAndPrepare(s, context, "PlanDay", *request,
                      [context] { return context->IsCancelled(); });
  if (!prepared.ok()) {
    const grpc::Status status = ToGrpcStatus(prepared.status());
    LogPlan(s, entry, started, status, nullptr);
    reactor->Finish(status);
    return reactor;
  }
  auto job = std::make_shared<PreparedPlan>(*std::move(prepared));
  auto result = std::make_shared<absl::StatusOr<v1::PlanDayResponse>>();
  const bool accepted = s.solve_pool->TrySubmit(
      [job, result, s] { *result = RunPlan(s, *job); },
      [s, entry, started, reactor, response, result] {
        const grpc::Status status = ToGrpcStatus(result->status());
        LogPlan(s, entry, started, status, result->ok() ? &**result : nullptr);
        if (result->ok()) *response = *std::move(*result);
        reactor->Finish(status);
      });
  if (!accepted) {
    const grpc::Status status = ToGrpcStatus(RefusedByPool(s, *job));
    LogPlan(s, entry, started, status, nullptr);
    reactor->Finish(status);
  }
  return reactor;
}

grpc::ServerWriteReactor<v1::PlanDayProgress>* PlannerServiceImpl::PlanDayStream(
    grpc::CallbackServerContext* context, const v1::PlanDayRequest* request) {
  auto* reactor = new PlanStreamReactor(shared_, context, request);
  reactor->Start();
  return reactor;
}

grpc::ServerUnaryReactor* PlannerServiceImpl::Route(
    grpc::CallbackServerContext* context, const v1::RouteRequest* request,
    v1::RouteResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  const Shared& s = shared_;
  const absl::Time started = absl::Now();
  RequestLogEntry entry;
  entry.method = "Route";
  entry.places = request->places_size();
  if (!request->start_id().empty()) entry.rep_ids.push_back(request->start_id());
  auto finish = [s, entry, started, reactor](const absl::Status& absl_status) {
    const grpc::Status status = ToGrpcStatus(absl_status);
    RequestLogEntry done = entry;
    done.code = GrpcCodeName(status.error_code());
    done.wall_seconds = absl::ToDoubleSeconds(absl::Now() - started);
    s.log->Write(done);
    reactor->Finish(status);
  };

  absl::Status admitted =
      *s.draining ? Unavailable()
                  : ViolationsToStatus(ValidateRouteRequest(*request, s.limits));
  if (s.governance != nullptr) {
    absl::StatusOr<std::string> actor = s.governance->Admit(
        *context, "Route", "", RequestDigest(*request));
    if (!actor.ok()) admitted = actor.status();
  }
  const absl::Time deadline = EngineDeadline(context, s.deadline_margin);
  absl::StatusOr<double> limit = ClipTimeLimit(
      request->time_limit_seconds(), RouteOptions{}.time_limit_seconds, deadline);
  if (admitted.ok() && !limit.ok()) admitted = limit.status();
  if (!admitted.ok()) {
    finish(admitted);
    return reactor;
  }
  auto job = std::make_shared<v1::RouteRequest>(*request);
  job->set_time_limit_seconds(*limit);
  std::atomic<bool>* stop = s.stop_solves;
  auto result = std::make_shared<absl::StatusOr<v1::RouteResponse>>();
  const bool accepted = s.route_pool->TrySubmit(
      [job, result, context, stop, deadline, limits = s.limits] {
        SolveControl control;
        control.deadline = deadline;
        control.should_stop = [context, stop, deadline] {
          return stop->load() || context->IsCancelled() || absl::Now() >= deadline;
        };
        *result = RouteFromRequest(*job, limits, control);
      },
      [finish, response, result] {
        if (result->ok()) *response = *std::move(*result);
        finish(result->status());
      });
  if (!accepted) finish(Full("route", s.route_pool));
  return reactor;
}

}  // namespace callplan
