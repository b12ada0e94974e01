#include "server/planner_service.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/plan_cycle.h"
#include "server/plan_districts.h"
#include "server/progress_stream.h"
#include "server/planning.h"
#include "server/status_mapping.h"
#include "solver/router/router.h"

namespace callplan {
namespace {

using Shared = PlannerServiceImpl::Shared;

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
// message carrying the plan.
class PlanStreamReactor final
    : public ProgressStreamReactor<v1::PlanDayProgress> {
 public:
  PlanStreamReactor(const Shared& s, grpc::CallbackServerContext* context,
                    const v1::PlanDayRequest* request)
      : s_(s), context_(context), request_(request),
        entry_(PlanEntry("PlanDayStream", *request)), started_(absl::Now()) {}

  void Start() {
    absl::StatusOr<PreparedPlan> prepared =
        AdmitAndPrepare(s_, context_, "PlanDayStream", *request_,
                        [this] { return cancelled(); });
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

 private:
  void FinishNow(const grpc::Status& status) {
    LogPlan(s_, entry_, started_, status, nullptr);
    Finish(status);
  }

  void SolveFinished(absl::StatusOr<v1::PlanDayResponse> result) {
    const grpc::Status status = ToGrpcStatus(result.status());
    LogPlan(s_, entry_, started_, status, result.ok() ? &*result : nullptr);
    if (result.ok()) {
      // The request is valid only until Finish; nothing reads it after this.
      Send(FinalProgress(*std::move(result)), /*is_final=*/true);
    }
    SolveDone(status);
  }

  const Shared s_;
  grpc::CallbackServerContext* const context_;
  const v1::PlanDayRequest* const request_;
  const RequestLogEntry entry_;
  const absl::Time started_;
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

grpc::ServerWriteReactor<v1::DistrictResult>* PlannerServiceImpl::PlanDistricts(
    grpc::CallbackServerContext* context,
    const v1::PlanDistrictsRequest* request) {
  return StartPlanDistricts(shared_, context, request);
}

grpc::ServerUnaryReactor* PlannerServiceImpl::PlanCycle(
    grpc::CallbackServerContext* context, const v1::PlanCycleRequest* request,
    v1::PlanCycleResponse* response) {
  return StartPlanCycle(shared_, context, request, response);
}

grpc::ServerWriteReactor<v1::PlanCycleProgress>*
PlannerServiceImpl::PlanCycleStream(grpc::CallbackServerContext* context,
                                    const v1::PlanCycleRequest* request) {
  return StartPlanCycleStream(shared_, context, request);
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
