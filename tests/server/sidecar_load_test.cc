// The sidecar under load, with one solver thread and no queue so that a
// single long solve fills it: overflow is refused at once, Route and health
// still answer, cancelling or running out of deadline frees the thread.
// Synchronised on the stream's progress messages, never on sleeps.
#include <grpcpp/client_context.h>

#include "gtest/gtest.h"
#include "absl/time/clock.h"
#include "tests/fixtures/sidecar_process.h"

namespace callplan {
namespace {

using ::callplan::testing::CheckHealth;
using ::callplan::testing::RandomPlanDayRequest;
using ::callplan::testing::SampleRouteRequest;
using ::callplan::testing::SampleTerritoryRequest;
using ::callplan::testing::SidecarOptions;
using ::callplan::testing::SidecarProcess;

// Far too big to finish, or even find a plan, within the test: it holds the
// only solver thread until it is stopped.
// No plan in hand for a long while: a potential spread of 1 that taking
// turns cannot meet, and forty required physicians, so the empty day (which
// the engine would otherwise start from) is no plan either.
v1::PlanDayRequest EndlessRequest() {
  v1::PlanDayRequest request =
      RandomPlanDayRequest(40, 800, 1, 8, /*time_limit_seconds=*/600);
  for (int k = 0; k < 40; ++k) request.mutable_physicians(k)->set_optional(false);
  return request;
}

std::chrono::system_clock::time_point In(absl::Duration d) {
  return absl::ToChronoTime(absl::Now() + d);
}

class SidecarLoadTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SidecarOptions options;
    // On a busy machine the engine can overrun its stop time by seconds (CBC
    // checks it between nodes, not inside a long root phase); the margin
    // absorbs that so that the answer still beats the caller's deadline.
    options.config =
        "solver_threads: 1\nmax_queued: 0\ndeadline_margin_seconds: 4\n";
    auto started = SidecarProcess::Start(options);
    ASSERT_TRUE(started.ok()) << started.status();
    sidecar_ = started->release();
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(sidecar_->Stop(), 0) << sidecar_->Log();
    delete sidecar_;
  }
  void SetUp() override {
    ASSERT_NE(sidecar_, nullptr);
    stub_ = sidecar_->NewStub();
  }

  grpc::Status PlanSample() {
    auto request = SampleTerritoryRequest();
    EXPECT_TRUE(request.ok());
    grpc::ClientContext context;
    v1::PlanDayResponse response;
    return stub_->PlanDay(&context, *request, &response);
  }

  // The thread is given back shortly after a stopped solve's caller hears
  // of it; until then the sidecar truthfully answers RESOURCE_EXHAUSTED. A
  // solve that was not stopped keeps the thread for its 600 s time limit,
  // far beyond this bound.
  grpc::Status PlanSampleOnceThePoolIsFree() {
    const absl::Time give_up = absl::Now() + absl::Seconds(60);
    grpc::Status status;
    do {
      status = PlanSample();
    } while (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED &&
             absl::Now() < give_up);
    return status;
  }

  static SidecarProcess* sidecar_;
  std::unique_ptr<v1::PlannerService::Stub> stub_;
};
SidecarProcess* SidecarLoadTest::sidecar_ = nullptr;

TEST_F(SidecarLoadTest, FullPoolRefusesAtOnceRouteAndHealthStillAnswerCancelFrees) {
  grpc::ClientContext busy_context;
  auto busy = stub_->PlanDayStream(&busy_context, EndlessRequest());
  v1::PlanDayProgress progress;
  ASSERT_TRUE(busy->Read(&progress)) << "the long solve sent no progress";
  ASSERT_FALSE(progress.has_final_response());

  // The only thread is solving and nothing may queue.
  const grpc::Status refused = PlanSample();
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << refused.error_message();

  auto route_request = SampleRouteRequest();
  ASSERT_TRUE(route_request.ok());
  grpc::ClientContext route_context;
  v1::RouteResponse route;
  const grpc::Status routed = stub_->Route(&route_context, *route_request, &route);
  EXPECT_TRUE(routed.ok()) << routed.error_message();
  auto health = CheckHealth(*sidecar_->NewChannel(), "callplan.v1.PlannerService");
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, 1);

  busy_context.TryCancel();
  while (busy->Read(&progress)) {
  }
  EXPECT_EQ(busy->Finish().error_code(), grpc::StatusCode::CANCELLED);

  const grpc::Status after = PlanSampleOnceThePoolIsFree();
  EXPECT_TRUE(after.ok()) << after.error_code() << " " << after.error_message();
}

TEST_F(SidecarLoadTest, DeadlineWithoutAPlanIsDeadlineExceededAndFreesThePool) {
  grpc::ClientContext context;
  context.set_deadline(In(absl::Seconds(6)));
  v1::PlanDayResponse response;
  const grpc::Status status = stub_->PlanDay(&context, EndlessRequest(), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED)
      << status.error_message();

  const grpc::Status after = PlanSampleOnceThePoolIsFree();
  EXPECT_TRUE(after.ok()) << after.error_code() << " " << after.error_message();
  // The sidecar itself gave up at the deadline (less its margin), rather
  // than the caller's library timing out on a solve that went on.
  EXPECT_NE(sidecar_->Log().find("method=PlanDay territory=\"random-40x800\" "
                                 "reps=40 physicians=800 code=DEADLINE_EXCEEDED"),
            std::string::npos)
      << sidecar_->Log();
}

TEST_F(SidecarLoadTest, DeadlineShorterThanTheMarginStillGetsThePlan) {
  // The margin is 4 s; a 1 s deadline keeps half of it for the answer and
  // gives the engine the rest, plenty for the 40 ms sample (issue 10,
  // finding 11: it used to be DEADLINE_EXCEEDED at once).
  auto request = SampleTerritoryRequest();
  ASSERT_TRUE(request.ok());
  request->set_territory_id("short-deadline");
  grpc::ClientContext context;
  context.set_deadline(In(absl::Seconds(1)));
  v1::PlanDayResponse response;
  const grpc::Status status = stub_->PlanDay(&context, *request, &response);
  ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
  // A plan, proven or not: how far the half second gets CBC depends on the
  // machine's load (under the sanitizers on a busy machine it once stopped
  // short of the proof), and any plan in hand is the answer.
  EXPECT_TRUE(response.stats().status() == v1::OPTIMAL ||
              response.stats().status() == v1::FEASIBLE)
      << response.stats().status();
  EXPECT_GT(response.stats().objective(), 0);
  EXPECT_NE(sidecar_->Log().find("territory=\"short-deadline\" reps=7 "
                                 "physicians=20 code=OK"),
            std::string::npos)
      << sidecar_->Log();
}

TEST_F(SidecarLoadTest, DeadlineWithAPlanInHandReturnsItAsFeasibleWithItsGap) {
  // A plan is found early (a greedy start at least) but not proven optimal
  // for a long while.
  const v1::PlanDayRequest request =
      RandomPlanDayRequest(40, 800, 200, 8, /*time_limit_seconds=*/600);
  grpc::ClientContext context;
  context.set_deadline(In(absl::Seconds(9)));
  v1::PlanDayResponse response;
  const grpc::Status status = stub_->PlanDay(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
  EXPECT_EQ(response.stats().status(), v1::FEASIBLE);
  EXPECT_GT(response.stats().relative_gap(), 0);
  EXPECT_GT(response.rep_days_size(), 0);
}

}  // namespace
}  // namespace callplan
