// What adversarial testing broke in the request path (issue 10), each as a
// regression test through the public interface: the one-shot command and a
// real sidecar over a socket.
//  - finding 3: large whole numbers are refused naming the field, never an
//    INTERNAL "the solver returned an assignment that violates the model";
//  - finding 5: long error lists stay INVALID_ARGUMENT for stock clients,
//    and the channel keeps working;
//  - finding 7: 1e308 coordinates, infinite distances and zero caps are
//    refused, one meaning of 0 and unset everywhere.
#include <cmath>
#include <functional>

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/json_io.h"
#include "server/status_mapping.h"
#include "server/validate.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/paths.h"
#include "tests/fixtures/sidecar_process.h"

namespace callplan {
namespace {

using ::callplan::testing::BinDir;
using ::callplan::testing::RunCommand;
using ::callplan::testing::SampleRouteRequest;
using ::callplan::testing::SampleTerritoryRequest;
using ::callplan::testing::SidecarProcess;
using ::callplan::testing::WriteTempFile;
using ::testing::HasSubstr;

// `callplan-sidecar solve` on the sample territory after `edit`.
::callplan::testing::CommandResult SolveEdited(
    const std::function<void(v1::PlanDayRequest&)>& edit) {
  absl::StatusOr<v1::PlanDayRequest> request = SampleTerritoryRequest();
  EXPECT_TRUE(request.ok()) << request.status();
  edit(*request);
  const std::string path = WriteTempFile("request.json", ToJson(*request));
  return RunCommand(BinDir() + "/callplan-sidecar solve --request " + path);
}

TEST(LargeWholeNumbers, AreRefusedNamingTheFieldNotAnInternalError) {
  const struct {
    std::string field;
    std::function<void(v1::PlanDayRequest&)> edit;
  } cases[] = {
      {"fairness.max_workload_spread",
       [](v1::PlanDayRequest& r) {
         r.mutable_fairness()->set_max_workload_spread(2147483648u);
       }},
      {"fairness.max_visits_per_rep",
       [](v1::PlanDayRequest& r) {
         r.mutable_fairness()->set_max_visits_per_rep(4294967295u);
       }},
      {"reps[0].max_visits",
       [](v1::PlanDayRequest& r) { r.mutable_reps(0)->set_max_visits(4294967295u); }},
      {"contact_rules.max_visits_per_day",
       [](v1::PlanDayRequest& r) {
         r.mutable_contact_rules()->set_max_visits_per_day(4294967295u);
       }},
  };
  for (const auto& c : cases) {
    const auto result = SolveEdited(c.edit);
    EXPECT_EQ(result.exit_code, 2) << c.field << ": " << result.err;
    EXPECT_THAT(result.err, HasSubstr(c.field + ": must be a whole number between"));
    EXPECT_THAT(result.err, ::testing::AnyOf(HasSubstr("got 4294967295"),
                                             HasSubstr("got 2147483648")));
    EXPECT_THAT(result.err, ::testing::Not(HasSubstr("violates the model")));
  }
}

TEST(ZeroAndUnset, OneMeaningEverywhere) {
  // A set cap of 0 is refused (as the admin API does); unset means no cap.
  const auto route = SolveEdited([](v1::PlanDayRequest& r) {
    r.mutable_fairness()->set_max_route_distance(0);
    r.mutable_fairness()->set_max_visits_per_rep(0);
  });
  EXPECT_EQ(route.exit_code, 2) << route.err;
  EXPECT_THAT(route.err, HasSubstr("fairness.max_route_distance: must be greater "
                                   "than 0"));
  EXPECT_THAT(route.err, HasSubstr("fairness.max_visits_per_rep: must be a whole "
                                   "number between 1 and 10000, got 0 (leave it "
                                   "unset for no cap)"));
  // As in physicians.csv, at least one visit a day; optional says "maybe none".
  const auto daily = SolveEdited([](v1::PlanDayRequest& r) {
    r.mutable_physicians(2)->mutable_contact()->set_max_visits_per_day(0);
  });
  EXPECT_EQ(daily.exit_code, 2) << daily.err;
  EXPECT_THAT(daily.err, HasSubstr("physicians[2].contact.max_visits_per_day"));
  // A per-rep 0 is the team's cap, as proto3 cannot tell it from unset.
  const auto rep = SolveEdited([](v1::PlanDayRequest& r) {
    r.mutable_reps(0)->set_max_visits(0);
    r.mutable_reps(0)->set_max_route_distance(0);
  });
  EXPECT_EQ(rep.exit_code, 0) << rep.err;
}

TEST(HugeCoordinatesAndInfiniteDistances, AreRefused) {
  const auto far = SolveEdited([](v1::PlanDayRequest& r) {
    r.mutable_physicians(0)->mutable_location()->mutable_planar()->set_x(1e308);
  });
  EXPECT_EQ(far.exit_code, 2) << far.err;
  EXPECT_THAT(far.err, HasSubstr("physicians[0].location.planar.x: must be between"));

  // A Route matrix with an "Infinity" distance, as a road engine might send
  // for an unreachable pair.
  const std::string route = WriteTempFile("route.json", R"({
    "places": [{"id": "H"}, {"id": "A"}, {"id": "B"}],
    "start_id": "H",
    "distances": {"ids": ["H", "A", "B"],
                  "distances": [0, 1, 2, 1, 0, "Infinity", 2, 1, 0]}})");
  const auto result = RunCommand(BinDir() + "/callplan-sidecar route --request " + route);
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_THAT(result.err, HasSubstr("distances.distances[5]: must be a finite number"));
}

class LongErrorLists : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = SidecarProcess::Start();
    ASSERT_TRUE(started.ok()) << started.status();
    sidecar_ = *std::move(started);
    channel_ = sidecar_->NewChannel();
    stub_ = v1::PlannerService::NewStub(channel_);
  }
  // The next call on the same channel still works.
  void ExpectChannelStillWorks() {
    auto sample = SampleRouteRequest();
    ASSERT_TRUE(sample.ok());
    grpc::ClientContext context;
    v1::RouteResponse response;
    const grpc::Status status = stub_->Route(&context, *sample, &response);
    EXPECT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
  }
  void ExpectShortInvalidArgument(const grpc::Status& status, size_t problems) {
    ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << status.error_message();
    EXPECT_LE(status.error_message().size(), 1200u);
    EXPECT_THAT(status.error_message(),
                HasSubstr(absl::StrCat(" in all)")));
    EXPECT_THAT(status.error_message(),
                HasSubstr(absl::StrCat("(", problems, " in all)")));
    const std::vector<FieldViolation> details = BadRequestViolations(status);
    EXPECT_GE(details.size(), 1u);
    EXPECT_LT(details.size(), problems);
  }
  std::unique_ptr<SidecarProcess> sidecar_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::PlannerService::Stub> stub_;
};

TEST_F(LongErrorLists, NaNRouteMatrixIsInvalidArgumentForStockClients) {
  v1::RouteRequest request;
  for (int k = 0; k < 9; ++k) {
    request.add_places()->set_id(absl::StrCat("place-", k));
    request.mutable_distances()->add_ids(absl::StrCat("place-", k));
  }
  for (int k = 0; k < 81; ++k) request.mutable_distances()->add_distances(NAN);
  request.set_start_id("place-0");
  grpc::ClientContext context;
  v1::RouteResponse response;
  ExpectShortInvalidArgument(stub_->Route(&context, request, &response), 81);
  ExpectChannelStillWorks();
}

TEST_F(LongErrorLists, NegativePlanDayMatrixIsInvalidArgumentForStockClients) {
  auto request = SampleTerritoryRequest();
  ASSERT_TRUE(request.ok());
  v1::DistanceMatrix* matrix = request->mutable_distances();
  for (const v1::Rep& rep : request->reps()) matrix->add_ids(rep.id());
  for (const v1::Physician& p : request->physicians()) matrix->add_ids(p.id());
  const int n = matrix->ids_size();
  ASSERT_EQ(n, 27);
  for (int k = 0; k < n * n; ++k) matrix->add_distances(-1);
  grpc::ClientContext context;
  v1::PlanDayResponse response;
  ExpectShortInvalidArgument(stub_->PlanDay(&context, *request, &response), n * n);
  ExpectChannelStillWorks();
}

}  // namespace
}  // namespace callplan
