// A server stream of progress messages and then exactly one final message,
// for the streaming RPCs (PlanDayStream, PlanCycleStream). Progress is sent
// as fast as the caller reads it; when it reads slower than the engine
// reports, only the newest report waits, so a slow reader never holds up
// the solve. A subclass starts the work, calls Send from any thread, and
// SolveDone once, after its final Send.
#ifndef CALLPLAN_SERVER_PROGRESS_STREAM_H_
#define CALLPLAN_SERVER_PROGRESS_STREAM_H_

#include <atomic>
#include <optional>
#include <utility>

#include <grpcpp/support/server_callback.h>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace callplan {

template <typename Message>
class ProgressStreamReactor : public grpc::ServerWriteReactor<Message> {
 public:
  virtual ~ProgressStreamReactor() = default;

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

 protected:
  bool cancelled() const { return cancelled_.load(); }

  // A newer progress message replaces one not yet sent; the final one goes
  // after it.
  void Send(Message message, bool is_final) {
    {
      absl::MutexLock lock(&mu_);
      (is_final ? final_ : progress_) = std::move(message);
    }
    Pump();
  }

  // The work is over: the call finishes with `status` once every message
  // queued is out.
  void SolveDone(grpc::Status status) {
    {
      absl::MutexLock lock(&mu_);
      status_ = std::move(status);
      solve_done_ = true;
    }
    Pump();
  }

 private:
  // Starts the next write, or finishes once the work is done and every
  // message is out. gRPC calls are made after unlocking: Finish may run
  // OnDone, which deletes this, on another thread at once.
  void Pump() {
    enum { kNothing, kWrite, kFinish } action = kNothing;
    grpc::Status status;
    {
      absl::MutexLock lock(&mu_);
      if (writing_ || finished_) return;
      if (!broken_ && (progress_ || final_)) {
        std::optional<Message>& next = progress_ ? progress_ : final_;
        in_flight_ = std::move(*next);
        next.reset();
        writing_ = true;
        action = kWrite;
      } else if (solve_done_) {
        finished_ = true;
        status = status_;
        action = kFinish;
      }
    }
    // Safe unlocked: in_flight_ is ours until OnWriteDone, and nothing
    // touches this object after Finish.
    if (action == kWrite) this->StartWrite(&in_flight_);
    if (action == kFinish) this->Finish(status);
  }

  std::atomic<bool> cancelled_{false};
  absl::Mutex mu_;
  std::optional<Message> progress_ ABSL_GUARDED_BY(mu_);
  std::optional<Message> final_ ABSL_GUARDED_BY(mu_);
  Message in_flight_;  // owned by gRPC while writing_
  grpc::Status status_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool broken_ ABSL_GUARDED_BY(mu_) = false;
  bool solve_done_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace callplan

#endif  // CALLPLAN_SERVER_PROGRESS_STREAM_H_
