// Route at the allowed maximum (issue 10, finding 1): a 5,000-place Route
// answers within its time limit with its best order so far, Routes whose
// deadline passes free their threads for the next caller, and a sidecar
// with such Routes running drains within its grace period.
#include <set>
#include <thread>

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/fixtures/sidecar_process.h"

namespace callplan {
namespace {

using ::callplan::testing::SampleRouteRequest;
using ::callplan::testing::SidecarOptions;
using ::callplan::testing::SidecarProcess;

// `n` places spread over a 1000 x 1000 plane, the same for the same n.
v1::RouteRequest PlanarRoute(int n, double time_limit_seconds) {
  v1::RouteRequest request;
  uint64_t state = static_cast<uint64_t>(n) * 2654435761u + 1;
  auto next = [&state] {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return static_cast<double>(state >> 11) / static_cast<double>(1ull << 53);
  };
  for (int k = 0; k < n; ++k) {
    v1::Place* place = request.add_places();
    place->set_id(absl::StrCat("X", k));
    place->mutable_location()->mutable_planar()->set_x(1000 * next());
    place->mutable_location()->mutable_planar()->set_y(1000 * next());
  }
  request.set_start_id("X0");
  request.set_time_limit_seconds(time_limit_seconds);
  return request;
}

// Every place exactly once, from the start back to it.
void ExpectRoundTripOverEveryPlace(const v1::RouteRequest& request,
                                   const v1::RouteResponse& response) {
  ASSERT_EQ(response.order_size(), request.places_size() + 1);
  EXPECT_EQ(response.order(0), request.start_id());
  EXPECT_EQ(response.order(response.order_size() - 1), request.start_id());
  std::set<std::string> seen(response.order().begin(),
                             response.order().end() - 1);
  EXPECT_EQ(seen.size(), static_cast<size_t>(request.places_size()));
  EXPECT_GT(response.distance(), 0);
  EXPECT_FALSE(response.proven_optimal());
}

TEST(RouteLimits, LargestAllowedRouteAnswersWithItsBestOrderSoFar) {
  auto sidecar = SidecarProcess::Start();
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const v1::RouteRequest request = PlanarRoute(5000, 0.5);
  {  // the call's context closes before the sidecar drains (it waits for it)
    grpc::ClientContext context;
    // Far more than the limit needs; before the fix this Route took minutes.
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    v1::RouteResponse response;
    const grpc::Status status = (*sidecar)->NewStub()->Route(&context, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
    ExpectRoundTripOverEveryPlace(request, response);
  }
  EXPECT_EQ((*sidecar)->Stop(), 0) << (*sidecar)->Log();
}

TEST(RouteLimits, RoutesPastTheirDeadlineFreeTheirThreadsAndTheDrainEnds) {
  SidecarOptions options;
  options.config = "route_threads: 2\ndrain_grace_seconds: 2\n";
  auto sidecar = SidecarProcess::Start(options);
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  // A 10-minute budget: only the callers' 3 s deadlines can stop these.
  const v1::RouteRequest large = PlanarRoute(3000, 600);
  std::vector<std::thread> callers;
  std::vector<grpc::Status> statuses(2);
  for (int k = 0; k < 2; ++k) {
    callers.emplace_back([&, k] {
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
      v1::RouteResponse response;
      statuses[k] = (*sidecar)->NewStub()->Route(&context, large, &response);
      if (statuses[k].ok()) ExpectRoundTripOverEveryPlace(large, response);
    });
  }
  for (std::thread& caller : callers) caller.join();
  for (const grpc::Status& status : statuses) {
    // The best order before the deadline, or no answer in time: either way
    // the caller heard back by its deadline.
    EXPECT_TRUE(status.ok() ||
                status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED)
        << status.error_code() << " " << status.error_message();
  }

  // Both route threads are free again for the 9-place sample.
  auto sample = SampleRouteRequest();
  ASSERT_TRUE(sample.ok()) << sample.status();
  for (int k = 0; k < 2; ++k) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    v1::RouteResponse response;
    const grpc::Status status = (*sidecar)->NewStub()->Route(&context, *sample, &response);
    EXPECT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
  }

  // A drain with two large Routes running ends within its grace: exit 0,
  // not the fixture's SIGKILL after a minute.
  std::vector<std::thread> running;
  for (int k = 0; k < 2; ++k) {
    running.emplace_back([&] {
      grpc::ClientContext context;
      v1::RouteResponse response;
      (void)(*sidecar)->NewStub()->Route(&context, large, &response);
    });
  }
  absl::SleepFor(absl::Milliseconds(500));
  EXPECT_EQ((*sidecar)->Stop(), 0) << (*sidecar)->Log();
  for (std::thread& caller : running) caller.join();
}

}  // namespace
}  // namespace callplan
