// SIGTERM while a solve runs: health turns NOT_SERVING at once, new calls
// are turned away, the running solve gets its grace period and then answers
// with its best plan, and the process exits 0.
#include <grpcpp/client_context.h>

#include "gtest/gtest.h"
#include "absl/time/clock.h"
#include "tests/fixtures/sidecar_process.h"

namespace callplan {
namespace {

using ::callplan::testing::CheckHealth;
using ::callplan::testing::RandomPlanDayRequest;
using ::callplan::testing::SampleTerritoryRequest;
using ::callplan::testing::SidecarOptions;
using ::callplan::testing::SidecarProcess;

TEST(SidecarDrain, NotServingWhileInFlightSolveFinishesThenExitZero) {
  SidecarOptions options;
  options.config = "solver_threads: 1\nmax_queued: 0\ndrain_grace_seconds: 2\n";
  auto sidecar = SidecarProcess::Start(options);
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  auto stub = (*sidecar)->NewStub();
  auto channel = (*sidecar)->NewChannel();

  // Finds a plan at once, cannot prove it optimal for a long time.
  const v1::PlanDayRequest request = RandomPlanDayRequest(40, 800, 200, 8, 600);
  grpc::ClientContext stream_context;
  auto stream = stub->PlanDayStream(&stream_context, request);
  v1::PlanDayProgress progress;
  do {
    ASSERT_TRUE(stream->Read(&progress)) << "stream ended before a plan";
  } while (!progress.has_incumbent());

  (*sidecar)->SendTerminate();
  int health = 1;
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  while (health == 1 && absl::Now() < give_up) {
    auto checked = CheckHealth(*channel);
    ASSERT_TRUE(checked.ok()) << checked.status();
    health = *checked;
  }
  EXPECT_EQ(health, 2) << "NOT_SERVING expected during the drain";

  auto sample = SampleTerritoryRequest();
  ASSERT_TRUE(sample.ok());
  grpc::ClientContext refused_context;
  v1::PlanDayResponse refused;
  EXPECT_EQ(stub->PlanDay(&refused_context, *sample, &refused).error_code(),
            grpc::StatusCode::UNAVAILABLE);

  // The grace period ends the solve; its best plan still reaches the caller.
  v1::PlanDayProgress last;
  while (stream->Read(&progress)) last = progress;
  const grpc::Status status = stream->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_TRUE(last.has_final_response());
  EXPECT_EQ(last.final_response().stats().status(), v1::FEASIBLE);
  EXPECT_GT(last.final_response().rep_days_size(), 0);

  EXPECT_EQ((*sidecar)->Stop(), 0) << (*sidecar)->Log();
  EXPECT_NE((*sidecar)->Log().find("draining"), std::string::npos);
}

}  // namespace
}  // namespace callplan
