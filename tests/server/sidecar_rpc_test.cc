// PlannerService over a real loopback socket, as a CRM calls it: every RPC,
// bad input, size limits, health, reflection, the request log, and
// concurrent callers.
#include <map>
#include <set>
#include <thread>

#include <google/protobuf/util/message_differencer.h>
#include <grpcpp/client_context.h>

#include "gtest/gtest.h"
#include "server/planning.h"
#include "server/request_log.h"
#include "server/status_mapping.h"
#include "tests/fixtures/sidecar_process.h"

namespace callplan {
namespace {

using ::callplan::testing::CheckHealth;
using ::callplan::testing::ListServices;
using ::callplan::testing::RandomPlanDayRequest;
using ::callplan::testing::SampleRouteRequest;
using ::callplan::testing::SampleTerritoryRequest;
using ::callplan::testing::SidecarOptions;
using ::callplan::testing::SidecarProcess;
using ::google::protobuf::util::MessageDifferencer;

constexpr char kLogKey[] = "support-shared-key";

// Everything but the wall-clock solve time, which differs run to run.
v1::PlanDayResponse WithoutTiming(v1::PlanDayResponse response) {
  response.mutable_stats()->clear_solve_seconds();
  return response;
}

class SidecarRpcTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SidecarOptions options;
    options.config = absl::StrCat("solver_threads: 2\nlog { hmac_key: \"",
                                  kLogKey, "\" }\n");
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

  static SidecarProcess* sidecar_;
  std::unique_ptr<v1::PlannerService::Stub> stub_;
};
SidecarProcess* SidecarRpcTest::sidecar_ = nullptr;

TEST_F(SidecarRpcTest, PlanDayGivesTheSamePlanAsTheOneShotPath) {
  auto request = SampleTerritoryRequest();
  ASSERT_TRUE(request.ok()) << request.status();
  grpc::ClientContext context;
  v1::PlanDayResponse response;
  const grpc::Status status = stub_->PlanDay(&context, *request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.stats().status(), v1::OPTIMAL);

  auto local = PlanDayFromRequest(*request, ProblemLimits{});
  ASSERT_TRUE(local.ok()) << local.status();
  EXPECT_TRUE(MessageDifferencer::Equals(WithoutTiming(response),
                                         WithoutTiming(*local)))
      << response.DebugString() << "\nvs\n" << local->DebugString();
}

TEST_F(SidecarRpcTest, StreamSendsProgressThenExactlyOneFinalPlan) {
  // The warm start is reported as soon as it is in hand, before CBC runs
  // (whose root phase may take the whole limit without an event), then
  // CBC's incumbents; small enough for the warm start to be quick on any
  // machine, sanitizers included.
  const v1::PlanDayRequest request = RandomPlanDayRequest(20, 200, 200, 8, 5);
  grpc::ClientContext context;
  auto reader = stub_->PlanDayStream(&context, request);
  std::vector<v1::PlanDayProgress> messages;
  v1::PlanDayProgress message;
  while (reader->Read(&message)) messages.push_back(message);
  const grpc::Status status = reader->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_GE(messages.size(), 2u) << "no progress before the final message";
  for (size_t k = 0; k + 1 < messages.size(); ++k) {
    EXPECT_FALSE(messages[k].has_final_response()) << "message " << k;
  }
  ASSERT_TRUE(messages.back().has_final_response());
  const v1::PlanDayResponse& plan = messages.back().final_response();
  EXPECT_TRUE(plan.stats().status() == v1::OPTIMAL ||
              plan.stats().status() == v1::FEASIBLE);
  EXPECT_GT(plan.rep_days_size(), 0);
}

TEST_F(SidecarRpcTest, StreamOfTheSampleEndsWithThePlanDayPlan) {
  auto request = SampleTerritoryRequest();
  ASSERT_TRUE(request.ok());
  grpc::ClientContext stream_context;
  auto reader = stub_->PlanDayStream(&stream_context, *request);
  v1::PlanDayProgress message, last;
  int finals = 0;
  while (reader->Read(&message)) {
    finals += message.has_final_response();
    last = message;
  }
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_EQ(finals, 1);
  grpc::ClientContext context;
  v1::PlanDayResponse unary;
  ASSERT_TRUE(stub_->PlanDay(&context, *request, &unary).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(WithoutTiming(last.final_response()),
                                         WithoutTiming(unary)));
}

TEST_F(SidecarRpcTest, RouteOrdersEveryPlaceOfTheDay) {
  auto request = SampleRouteRequest();
  ASSERT_TRUE(request.ok()) << request.status();
  grpc::ClientContext context;
  v1::RouteResponse response;
  const grpc::Status status = stub_->Route(&context, *request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_GE(response.order_size(), 2);
  EXPECT_EQ(response.order(0), request->start_id());
  std::set<std::string> visited(response.order().begin(), response.order().end());
  EXPECT_EQ(visited.size(), static_cast<size_t>(request->places_size()));
  EXPECT_GT(response.distance(), 0);
}

TEST_F(SidecarRpcTest, InvalidFieldIsNamedInMessageAndBadRequestDetail) {
  auto request = SampleTerritoryRequest();
  ASSERT_TRUE(request.ok());
  (*request->mutable_physicians(2)->mutable_product_potential())["D1"] = -5;
  grpc::ClientContext context;
  v1::PlanDayResponse response;
  const grpc::Status status = stub_->PlanDay(&context, *request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("physicians[2]"), std::string::npos)
      << status.error_message();
  const std::vector<FieldViolation> violations = BadRequestViolations(status);
  ASSERT_EQ(violations.size(), 1u) << status.error_message();
  EXPECT_EQ(violations[0].field.rfind("physicians[2].product_potential", 0), 0u)
      << violations[0].field;
  EXPECT_FALSE(violations[0].description.empty());
}

TEST_F(SidecarRpcTest, LineBreaksAndTabsInBadValuesStayInTheirViolation) {
  // Bad values are quoted in the descriptions and ids name fields; a line
  // break or a tab in them once split one violation into two in the
  // BadRequest detail (found by tests/fuzz/plan_day_fuzzer).
  auto request = SampleTerritoryRequest();
  ASSERT_TRUE(request.ok());
  (*request->mutable_physicians(2)->mutable_product_potential())["D\t1"] = -5;
  v1::PastVisit* past = request->add_visit_history();
  past->set_physician_id(request->physicians(0).id());
  past->set_team_id(request->reps(0).team_id());
  past->set_date("2026-03-\n12");
  grpc::ClientContext context;
  v1::PlanDayResponse response;
  const grpc::Status status = stub_->PlanDay(&context, *request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::map<std::string, std::string> by_field;
  for (const FieldViolation& v : BadRequestViolations(status)) {
    EXPECT_FALSE(v.description.empty()) << "field: " << v.field;
    by_field[v.field] = v.description;
  }
  EXPECT_EQ(by_field.size(), 2u) << status.error_message();
  EXPECT_NE(by_field["visit_history[0].date"].find("\"2026-03-\n12\""),
            std::string::npos)
      << status.error_message();
  EXPECT_EQ(by_field["physicians[2].product_potential[\"D\t1\"]"],
            "must be between 0 and 100, got -5")
      << status.error_message();
}

TEST_F(SidecarRpcTest, InvalidStreamAndRouteRequestsAreRejectedToo) {
  v1::PlanDayRequest empty_plan;
  grpc::ClientContext stream_context;
  auto reader = stub_->PlanDayStream(&stream_context, empty_plan);
  v1::PlanDayProgress message;
  EXPECT_FALSE(reader->Read(&message));
  const grpc::Status stream_status = reader->Finish();
  EXPECT_EQ(stream_status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_FALSE(BadRequestViolations(stream_status).empty());

  auto route = SampleRouteRequest();
  ASSERT_TRUE(route.ok());
  route->set_start_id("nobody");
  grpc::ClientContext context;
  v1::RouteResponse response;
  const grpc::Status status = stub_->Route(&context, *route, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto violations = BadRequestViolations(status);
  ASSERT_FALSE(violations.empty());
  EXPECT_EQ(violations[0].field, "start_id");
}

TEST_F(SidecarRpcTest, HealthIsServingAndReflectionListsTheService) {
  auto channel = sidecar_->NewChannel();
  auto overall = CheckHealth(*channel);
  ASSERT_TRUE(overall.ok()) << overall.status();
  EXPECT_EQ(*overall, 1);
  auto planner = CheckHealth(*channel, "callplan.v1.PlannerService");
  ASSERT_TRUE(planner.ok()) << planner.status();
  EXPECT_EQ(*planner, 1);

  auto services = ListServices(*channel);
  ASSERT_TRUE(services.ok()) << services.status();
  const std::set<std::string> names(services->begin(), services->end());
  EXPECT_TRUE(names.count("callplan.v1.PlannerService")) << names.size();
  EXPECT_TRUE(names.count("grpc.health.v1.Health"));
}

TEST_F(SidecarRpcTest, LogHasOneLinePerRequestWithHashedIdsAndNoNames) {
  // Two reps of two visits each leave most physicians unassigned, and the
  // log names them by keyed hash.
  const v1::PlanDayRequest request = RandomPlanDayRequest(2, 10, 1000, 2, 10, 99);
  grpc::ClientContext context;
  v1::PlanDayResponse response;
  ASSERT_TRUE(stub_->PlanDay(&context, request, &response).ok());
  ASSERT_FALSE(response.unassigned().empty());

  const std::string log = sidecar_->Log();
  const std::string territory =
      absl::StrCat("territory=\"", request.territory_id(), "\"");
  std::string line;
  for (size_t at = log.find(territory); at != std::string::npos;
       at = log.find(territory, at + 1)) {
    const size_t begin = log.rfind('\n', at) + 1;
    line = log.substr(begin, log.find('\n', at) - begin);
  }
  ASSERT_FALSE(line.empty()) << log;
  EXPECT_NE(line.find("method=PlanDay "), std::string::npos) << line;
  EXPECT_NE(line.find("code=OK"), std::string::npos) << line;
  EXPECT_NE(line.find("reps=2 physicians=10"), std::string::npos) << line;
  std::ostringstream unused;
  RequestLog hasher(kLogKey, &unused);
  EXPECT_NE(line.find(hasher.HashId(response.unassigned(0).physician_id())),
            std::string::npos)
      << line;
  EXPECT_EQ(log.find("Dr Secret"), std::string::npos);
  EXPECT_EQ(log.find("Rep Name"), std::string::npos);
  for (const auto& physician : request.physicians()) {
    EXPECT_EQ(log.find(physician.id()), std::string::npos) << physician.id();
  }
}

TEST_F(SidecarRpcTest, ConcurrentCallersGetTheSequentialResults) {
  auto plan_request = SampleTerritoryRequest();
  auto route_request = SampleRouteRequest();
  ASSERT_TRUE(plan_request.ok() && route_request.ok());
  const v1::PlanDayRequest small = RandomPlanDayRequest(4, 30, 1000, 6, 10, 3);
  const std::vector<v1::PlanDayRequest> plans = {*plan_request, small};

  std::vector<v1::PlanDayResponse> expected_plans;
  for (const auto& request : plans) {
    grpc::ClientContext context;
    v1::PlanDayResponse response;
    ASSERT_TRUE(stub_->PlanDay(&context, request, &response).ok());
    expected_plans.push_back(WithoutTiming(response));
  }
  v1::RouteResponse expected_route;
  {
    grpc::ClientContext context;
    ASSERT_TRUE(stub_->Route(&context, *route_request, &expected_route).ok());
  }

  constexpr int kThreads = 4;
  constexpr int kRounds = 3;
  // What each thread saw differ, empty when everything matched.
  std::vector<std::string> mismatches(kThreads);
  std::vector<std::thread> callers;
  for (int t = 0; t < kThreads; ++t) {
    callers.emplace_back([&, t] {
      auto stub = sidecar_->NewStub();
      for (int round = 0; round < kRounds; ++round) {
        const size_t which = (t + round) % plans.size();
        grpc::ClientContext plan_context;
        v1::PlanDayResponse plan;
        const grpc::Status planned = stub->PlanDay(&plan_context, plans[which], &plan);
        std::string difference;
        MessageDifferencer differ;
        differ.ReportDifferencesToString(&difference);
        if (!planned.ok()) {
          mismatches[t] += absl::StrCat("PlanDay ", which, ": ",
                                        planned.error_message(), "\n");
        } else if (!differ.Compare(WithoutTiming(plan), expected_plans[which])) {
          mismatches[t] += absl::StrCat("PlanDay ", which, ": ", difference);
        }
        grpc::ClientContext route_context;
        v1::RouteResponse route;
        const grpc::Status routed = stub->Route(&route_context, *route_request, &route);
        if (!routed.ok() || !MessageDifferencer::Equals(route, expected_route)) {
          mismatches[t] += absl::StrCat("Route: ", routed.error_message(), " ",
                                        route.ShortDebugString(), "\n");
        }
      }
    });
  }
  for (std::thread& caller : callers) caller.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[t], "") << "thread " << t;
}

TEST(SidecarLimits, OversizeAndOverLimitRequestsAreRefusedBeforeAnyWork) {
  SidecarOptions options;
  options.config = "limits { max_request_bytes: 600 max_physicians: 15 }\n";
  auto sidecar = SidecarProcess::Start(options);
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  {  // the calls' contexts close before the sidecar drains (it waits for them)
    auto stub = (*sidecar)->NewStub();
    auto request = SampleTerritoryRequest();
    ASSERT_TRUE(request.ok());
    ASSERT_GT(request->ByteSizeLong(), 600u);

    grpc::ClientContext big_context;
    v1::PlanDayResponse response;
    EXPECT_EQ(stub->PlanDay(&big_context, *request, &response).error_code(),
              grpc::StatusCode::RESOURCE_EXHAUSTED);

    // Small in bytes, but more physicians than allowed.
    v1::PlanDayRequest many;
    many.set_territory_id("t");
    for (int k = 0; k < 16; ++k) many.add_physicians()->set_id(absl::StrCat("P", k));
    ASSERT_LT(many.ByteSizeLong(), 600u);
    grpc::ClientContext many_context;
    const grpc::Status status = stub->PlanDay(&many_context, many, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    bool names_physicians = false;
    for (const auto& v : BadRequestViolations(status)) {
      names_physicians |= v.field == "physicians";
    }
    EXPECT_TRUE(names_physicians) << status.error_message();
  }
  EXPECT_EQ((*sidecar)->Stop(), 0);
}

}  // namespace
}  // namespace callplan
