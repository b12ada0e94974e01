// A fixed set of threads with a bounded queue, for work that must not pile
// up: a submission that finds every thread busy and the queue full is
// refused at once (the service answers RESOURCE_EXHAUSTED) instead of
// waiting, so a caller learns immediately that the sidecar is saturated.
// Jobs run in submission order. Destruction waits for every accepted job.
#ifndef CALLPLAN_SERVER_SOLVE_POOL_H_
#define CALLPLAN_SERVER_SOLVE_POOL_H_

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace callplan {

class SolvePool {
 public:
  // threads >= 1; max_queued >= 0 jobs may wait while all threads are busy.
  SolvePool(int threads, int max_queued);
  ~SolvePool();
  SolvePool(const SolvePool&) = delete;
  SolvePool& operator=(const SolvePool&) = delete;

  // Accepts the job, or returns false without running either function when
  // the pool is full. `work` holds a place in the pool until it returns;
  // `then` runs on the same thread after the place is given back, so a caller
  // that has seen the answer sent from `then` can rely on the place being
  // free again.
  bool TrySubmit(std::function<void()> work, std::function<void()> then = {});

  // Waits until no job is queued or running, or the deadline passes; true
  // when idle.
  bool WaitIdle(absl::Time deadline);

  int threads() const { return static_cast<int>(workers_.size()); }

 private:
  void Work();

  const int capacity_;  // threads + max_queued
  absl::Mutex mu_;
  struct Job {
    std::function<void()> work;
    std::function<void()> then;
  };
  std::deque<Job> queue_ ABSL_GUARDED_BY(mu_);
  int accepted_ ABSL_GUARDED_BY(mu_) = 0;  // queued + running
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> workers_;
};

}  // namespace callplan

#endif  // CALLPLAN_SERVER_SOLVE_POOL_H_
