// The bounded pool: at most threads + max_queued jobs accepted, overflow
// refused at once, places given back before `then` runs.
#include "server/solve_pool.h"

#include <atomic>

#include "gtest/gtest.h"
#include "absl/synchronization/notification.h"

namespace callplan {
namespace {

TEST(SolvePool, RefusesBeyondThreadsPlusQueueAndAcceptsOnceFree) {
  SolvePool pool(/*threads=*/1, /*max_queued=*/1);
  absl::Notification release, running, then_ran;
  ASSERT_TRUE(pool.TrySubmit([&] {
    running.Notify();
    release.WaitForNotification();
  }));
  running.WaitForNotification();
  std::atomic<int> queued_ran{0};
  ASSERT_TRUE(pool.TrySubmit([&] { ++queued_ran; }, [&] { then_ran.Notify(); }));
  EXPECT_FALSE(pool.TrySubmit([] {}));  // one running, one waiting: full

  release.Notify();
  then_ran.WaitForNotification();
  EXPECT_EQ(queued_ran.load(), 1);
  // `then` ran after its place was given back, so the pool has room.
  absl::Notification third;
  EXPECT_TRUE(pool.TrySubmit([&] { third.Notify(); }));
  third.WaitForNotification();
  EXPECT_TRUE(pool.WaitIdle(absl::InfiniteFuture()));
}

TEST(SolvePool, NoQueueMeansOnlyAsManyJobsAsThreads) {
  SolvePool pool(/*threads=*/2, /*max_queued=*/0);
  absl::Notification release;
  std::atomic<int> started{0};
  absl::Notification both;
  for (int k = 0; k < 2; ++k) {
    ASSERT_TRUE(pool.TrySubmit([&] {
      if (++started == 2) both.Notify();
      release.WaitForNotification();
    }));
  }
  both.WaitForNotification();
  EXPECT_FALSE(pool.TrySubmit([] {}));
  EXPECT_FALSE(pool.WaitIdle(absl::Now()));
  release.Notify();
  EXPECT_TRUE(pool.WaitIdle(absl::InfiniteFuture()));
}

TEST(SolvePool, DestructionRunsEveryAcceptedJob) {
  std::atomic<int> ran{0};
  {
    SolvePool pool(1, 10);
    for (int k = 0; k < 10; ++k) ASSERT_TRUE(pool.TrySubmit([&] { ++ran; }));
  }
  EXPECT_EQ(ran.load(), 10);
}

}  // namespace
}  // namespace callplan
