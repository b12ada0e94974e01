#include "server/plan_districts.h"

#include <atomic>
#include <deque>
#include <memory>
#include <string>
#include <utility>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "server/district_batch.h"
#include "server/status_mapping.h"

namespace callplan {
namespace {

constexpr char kMethod[] = "PlanDistricts";

class DistrictsReactor final
    : public grpc::ServerWriteReactor<v1::DistrictResult> {
 public:
  DistrictsReactor(const PlannerShared& s, grpc::CallbackServerContext* context,
                   const v1::PlanDistrictsRequest* request)
      : s_(s), context_(context), request_(request),
        max_running_(s.solve_pool->threads()) {}

  void Start() {
    if (absl::Status batch = AdmitBatch(); !batch.ok()) {
      Finish(ToGrpcStatus(batch));
      return;
    }
    {
      absl::MutexLock lock(&mu_);
      for (int i = 0; i < request_->districts_size(); ++i) pending_.push_back(i);
    }
    Pump();
  }

  void OnWriteDone(bool ok) override {
    {
      absl::MutexLock lock(&mu_);
      writing_ = false;
      if (!ok) broken_ = true;
    }
    Pump();
  }
  // Only flags: running districts stop through should_stop, and the next
  // Pump (each running district and write ends in one) starts no more.
  void OnCancel() override { cancelled_ = true; }
  void OnDone() override { delete this; }

 private:
  absl::Status AdmitBatch() {
    if (*s_.draining) return Unavailable();
    absl::Status valid = ViolationsToStatus(
        ValidatePlanDistrictsRequest(*request_, s_.limits));
    if (!valid.ok()) return valid;
    if (s_.governance == nullptr) return absl::OkStatus();
    absl::StatusOr<std::string> actor = s_.governance->Admit(
        *context_, kMethod, "", RequestDigest(*request_));
    if (!actor.ok()) return actor.status();
    actor_ = *actor;
    return absl::OkStatus();
  }

  // One district: PlanDay's checks, then the pool. Called by the pumping
  // thread with the district already counted in running_.
  void StartDistrict(int index) {
    const v1::PlanDayRequest& day = request_->districts(index).day();
    const absl::Time started = absl::Now();
    absl::StatusOr<PreparedPlan> prepared = PrepareAdmitted(
        s_, context_, actor_, day, [this] { return cancelled_.load(); });
    if (!prepared.ok()) {
      LogPlan(s_, PlanEntry(kMethod, day), started,
              ToGrpcStatus(prepared.status()), nullptr);
      return Done(index, prepared.status(), /*pool_freed=*/false);
    }
    auto job = std::make_shared<PreparedPlan>(*std::move(prepared));
    auto result = std::make_shared<absl::StatusOr<v1::PlanDayResponse>>();
    const bool accepted = s_.solve_pool->TrySubmit(
        [job, result, s = s_] { *result = RunPlan(s, *job); },
        [this, index, result, started, &day] {
          const grpc::Status status = ToGrpcStatus(result->status());
          LogPlan(s_, PlanEntry(kMethod, day), started, status,
                  result->ok() ? &**result : nullptr);
          Done(index, std::move(*result), /*pool_freed=*/true);
        });
    if (!accepted) PoolRefused(index, *job, started);
  }

  // The pool is full of other callers' solves. With a district of ours
  // running, this one waits for it to end; with none, it is answered.
  void PoolRefused(int index, const PreparedPlan& job, absl::Time started) {
    {
      absl::MutexLock lock(&mu_);
      if (running_ > 1) {
        --running_;
        pending_.push_front(index);
        pool_full_ = true;
        return;
      }
    }
    const absl::Status refused = RefusedByPool(s_, job);
    LogPlan(s_, PlanEntry(kMethod, job.request), started,
            ToGrpcStatus(refused), nullptr);
    Done(index, refused, /*pool_freed=*/false);
  }

  void Done(int index, const absl::StatusOr<v1::PlanDayResponse>& outcome,
            bool pool_freed) {
    v1::DistrictResult result = DistrictResultOf(*request_, index, outcome);
    {
      absl::MutexLock lock(&mu_);
      --running_;
      if (pool_freed) pool_full_ = false;
      outbox_.push_back(std::move(result));
    }
    Pump();
  }

  // One thread at a time moves the call on (starts districts, writes
  // results, finishes); a thread that finds it moving returns, since the
  // mover re-reads the state under the lock before it stops. Finish may run
  // OnDone, which deletes this, at once on another thread: the pumping
  // thread calls it last and touches nothing after, and it is only called
  // with no district running and no write outstanding, so no other thread
  // can come back in.
  void Pump() {
    {
      absl::MutexLock lock(&mu_);
      if (pumping_) return;
      pumping_ = true;
    }
    for (;;) {
      int start = -1;
      bool write = false;
      {
        absl::MutexLock lock(&mu_);
        const bool stopping = cancelled_ || broken_;
        if (!stopping && !pool_full_ && running_ < max_running_ &&
            !pending_.empty()) {
          start = pending_.front();
          pending_.pop_front();
          ++running_;
        } else if (!writing_ && !broken_ && !outbox_.empty()) {
          in_flight_ = std::move(outbox_.front());
          outbox_.pop_front();
          writing_ = true;
          write = true;
        } else if (running_ == 0 && !writing_ &&
                   (stopping || (pending_.empty() && outbox_.empty()))) {
          break;  // pumping_ stays set: nobody moves this call again
        } else {
          pumping_ = false;
          return;
        }
      }
      if (start >= 0) StartDistrict(start);
      if (write) StartWrite(&in_flight_);
    }
    Finish(cancelled_ || broken_
               ? grpc::Status(grpc::StatusCode::CANCELLED,
                              "cancelled; districts not yet planned were not "
                              "started")
               : grpc::Status::OK);
  }

  const PlannerShared s_;
  grpc::CallbackServerContext* const context_;
  const v1::PlanDistrictsRequest* const request_;  // gRPC's until Finish
  const int max_running_;
  std::string actor_;  // with governance: who asked
  std::atomic<bool> cancelled_{false};

  absl::Mutex mu_;
  std::deque<int> pending_ ABSL_GUARDED_BY(mu_);  // districts not started
  std::deque<v1::DistrictResult> outbox_ ABSL_GUARDED_BY(mu_);
  v1::DistrictResult in_flight_;  // owned by gRPC while writing_
  int running_ ABSL_GUARDED_BY(mu_) = 0;
  bool pool_full_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool broken_ ABSL_GUARDED_BY(mu_) = false;
  bool pumping_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace

grpc::ServerWriteReactor<v1::DistrictResult>* StartPlanDistricts(
    const PlannerShared& shared, grpc::CallbackServerContext* context,
    const v1::PlanDistrictsRequest* request) {
  auto* reactor = new DistrictsReactor(shared, context, request);
  reactor->Start();
  return reactor;
}

}  // namespace callplan
