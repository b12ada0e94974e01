#include "server/solve_pool.h"

#include <algorithm>
#include <utility>

namespace callplan {

SolvePool::SolvePool(int threads, int max_queued)
    : capacity_(std::max(1, threads) + std::max(0, max_queued)) {
  for (int k = 0; k < std::max(1, threads); ++k) {
    workers_.emplace_back([this] { Work(); });
  }
}

SolvePool::~SolvePool() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& worker : workers_) worker.join();
}

bool SolvePool::TrySubmit(std::function<void()> work,
                          std::function<void()> then) {
  absl::MutexLock lock(&mu_);
  if (stopping_ || accepted_ >= capacity_) return false;
  ++accepted_;
  queue_.push_back({std::move(work), std::move(then)});
  return true;
}

bool SolvePool::WaitIdle(absl::Time deadline) {
  absl::MutexLock lock(&mu_);
  auto idle = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return accepted_ == 0;
  };
  return mu_.AwaitWithDeadline(absl::Condition(&idle), deadline);
}

void SolvePool::Work() {
  for (;;) {
    Job job;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
        return !queue_.empty() || stopping_;
      };
      mu_.Await(absl::Condition(&ready));
      // Accepted jobs still run when stopping: their callers are waiting.
      if (queue_.empty()) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    job.work();
    {
      absl::MutexLock lock(&mu_);
      --accepted_;
    }
    if (job.then) job.then();
  }
}

}  // namespace callplan
