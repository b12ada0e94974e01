// PlanDistricts over a real loopback socket: a field force's district-days
// in one call, bad districts answered as their own errors while the good
// ones are planned, batch errors naming the field, more districts than the
// pool holds, roles and audit per district, and cancellation.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <google/protobuf/util/message_differencer.h>
#include <grpcpp/client_context.h>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/auth.h"
#include "server/planning.h"
#include "server/status_mapping.h"
#include "tests/server/admin_test_support.h"

namespace callplan {
namespace {

using ::callplan::testing::RandomPlanDayRequest;
using ::callplan::testing::SidecarOptions;
using ::callplan::testing::SidecarProcess;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr int kMaxDistricts = 12;

struct Streamed {
  std::vector<v1::DistrictResult> results;
  grpc::Status status;
};

Streamed PlanDistricts(v1::PlannerService::Stub& stub,
                       const v1::PlanDistrictsRequest& request,
                       grpc::ClientContext* context) {
  Streamed out;
  auto reader = stub.PlanDistricts(context, request);
  v1::DistrictResult result;
  while (reader->Read(&result)) out.results.push_back(result);
  out.status = reader->Finish();
  return out;
}

Streamed PlanDistricts(v1::PlannerService::Stub& stub,
                       const v1::PlanDistrictsRequest& request) {
  grpc::ClientContext context;
  return PlanDistricts(stub, request, &context);
}

v1::DistrictDay* AddDistrict(v1::PlanDistrictsRequest& batch,
                             const std::string& id, v1::PlanDayRequest day) {
  v1::DistrictDay* district = batch.add_districts();
  district->set_district_id(id);
  *district->mutable_day() = std::move(day);
  return district;
}

// Small days CBC proves optimal well inside the limit, so the plan is the
// one PlanDay gives.
v1::PlanDayRequest GoodDay(uint64_t seed) {
  return RandomPlanDayRequest(3, 12, 1000, 6, 10, seed);
}

// Two required physicians, one rep allowed one visit.
v1::PlanDayRequest InfeasibleDay() {
  v1::PlanDayRequest day;
  day.set_territory_id("infeasible");
  v1::Rep* rep = day.add_reps();
  rep->set_id("R1");
  rep->mutable_home()->mutable_planar();
  rep->add_products("D1");
  rep->set_max_visits(1);
  for (int k = 1; k <= 2; ++k) {
    v1::Physician* physician = day.add_physicians();
    physician->set_id(absl::StrCat("P", k));
    physician->mutable_location()->mutable_planar()->set_x(k);
    (*physician->mutable_product_potential())["D1"] = 10 * k;
  }
  return day;
}

// One RequestLog line per district planned (or refused).
size_t PlanDistrictsLogLines(const std::string& log) {
  size_t lines = 0;
  for (size_t at = log.find("method=PlanDistricts"); at != std::string::npos;
       at = log.find("method=PlanDistricts", at + 1)) {
    ++lines;
  }
  return lines;
}

v1::PlanDayResponse WithoutTiming(v1::PlanDayResponse response) {
  response.mutable_stats()->clear_solve_seconds();
  return response;
}

class PlanDistrictsTest : public ::testing::Test {
 protected:
  // Two solver threads and no queue: a batch of more than two districts
  // only gets through if the call queues its own districts.
  static void SetUpTestSuite() {
    SidecarOptions options;
    options.config = absl::StrCat("solver_threads: 2\nmax_queued: 0\n",
                                  "limits { max_districts: ", kMaxDistricts, " }\n");
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
SidecarProcess* PlanDistrictsTest::sidecar_ = nullptr;

TEST_F(PlanDistrictsTest, GoodDistrictsArePlannedAndBadOnesNamed) {
  v1::PlanDistrictsRequest batch;
  for (int k = 0; k < 3; ++k) AddDistrict(batch, absl::StrCat("good-", k), GoodDay(k + 1));
  v1::PlanDayRequest invalid = GoodDay(9);
  (*invalid.mutable_physicians(4)->mutable_product_potential())["D1"] = -5;
  AddDistrict(batch, "invalid", invalid);  // districts[3]
  AddDistrict(batch, "infeasible", InfeasibleDay());
  for (int k = 3; k < 6; ++k) AddDistrict(batch, absl::StrCat("good-", k), GoodDay(k + 1));

  const Streamed streamed = PlanDistricts(*stub_, batch);
  ASSERT_TRUE(streamed.status.ok()) << streamed.status.error_message();
  std::map<std::string, v1::DistrictResult> by_id;
  for (const v1::DistrictResult& r : streamed.results) {
    EXPECT_TRUE(by_id.emplace(r.district_id(), r).second)
        << r.district_id() << " answered twice";
    ASSERT_LT(r.index(), static_cast<uint32_t>(batch.districts_size()));
    EXPECT_EQ(batch.districts(r.index()).district_id(), r.district_id());
  }
  ASSERT_EQ(by_id.size(), static_cast<size_t>(batch.districts_size()));
  EXPECT_EQ(streamed.results.size(), by_id.size());

  for (const v1::DistrictDay& district : batch.districts()) {
    if (!absl::StartsWith(district.district_id(), "good-")) continue;
    const v1::DistrictResult& r = by_id.at(district.district_id());
    ASSERT_TRUE(r.has_plan()) << r.district_id() << ": " << r.error().message();
    auto alone = PlanDayFromRequest(district.day(), ProblemLimits{});
    ASSERT_TRUE(alone.ok()) << alone.status();
    EXPECT_TRUE(MessageDifferencer::Equals(WithoutTiming(r.plan()),
                                           WithoutTiming(*alone)))
        << r.district_id();
  }
  const v1::DistrictResult& bad = by_id.at("invalid");
  ASSERT_TRUE(bad.has_error());
  EXPECT_EQ(bad.error().code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  ASSERT_GT(bad.error().field_violations_size(), 0);
  EXPECT_THAT(bad.error().field_violations(0).field(),
              StartsWith("districts[3].day.physicians[4].product_potential"));
  EXPECT_THAT(bad.error().message(), HasSubstr("districts[3].day.physicians[4]"));

  const v1::DistrictResult& none = by_id.at("infeasible");
  ASSERT_TRUE(none.has_error());
  EXPECT_EQ(none.error().code(),
            static_cast<int>(grpc::StatusCode::FAILED_PRECONDITION));
  EXPECT_GT(none.error().infeasibility().reasons_size(), 0);
  EXPECT_THAT(none.error().message(), HasSubstr(none.error().infeasibility().reasons(0)));
}

TEST_F(PlanDistrictsTest, BatchErrorsNameTheField) {
  {
    const Streamed empty = PlanDistricts(*stub_, v1::PlanDistrictsRequest{});
    EXPECT_EQ(empty.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_TRUE(empty.results.empty());
    const auto violations = BadRequestViolations(empty.status);
    ASSERT_EQ(violations.size(), 1u);
    EXPECT_EQ(violations[0].field, "districts");
  }
  {
    v1::PlanDistrictsRequest batch;
    AddDistrict(batch, "D1", GoodDay(1));
    AddDistrict(batch, "D7", GoodDay(2));
    AddDistrict(batch, "", GoodDay(3));
    AddDistrict(batch, "D7", GoodDay(4));
    const Streamed twice = PlanDistricts(*stub_, batch);
    EXPECT_EQ(twice.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_TRUE(twice.results.empty()) << "nothing is planned for a bad batch";
    EXPECT_THAT(twice.status.error_message(),
                HasSubstr("districts[3].district_id: \"D7\" appears twice"));
    EXPECT_THAT(twice.status.error_message(),
                HasSubstr("districts[2].district_id: is required"));
  }
  {
    v1::PlanDistrictsRequest batch;
    for (int k = 0; k <= kMaxDistricts; ++k) {
      AddDistrict(batch, absl::StrCat("D", k), InfeasibleDay());
    }
    const Streamed many = PlanDistricts(*stub_, batch);
    EXPECT_EQ(many.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(many.status.error_message(),
                HasSubstr(absl::StrCat("limit of ", kMaxDistricts)));
  }
}

TEST_F(PlanDistrictsTest, MoreDistrictsThanThreadsAndQueueAreAllPlanned) {
  v1::PlanDistrictsRequest batch;
  for (int k = 0; k < kMaxDistricts; ++k) {
    AddDistrict(batch, absl::StrCat("D", k), GoodDay(100 + k));
  }
  const Streamed streamed = PlanDistricts(*stub_, batch);
  ASSERT_TRUE(streamed.status.ok()) << streamed.status.error_message();
  std::set<std::string> planned;
  for (const v1::DistrictResult& r : streamed.results) {
    EXPECT_TRUE(r.has_plan()) << r.district_id() << ": " << r.error().message();
    planned.insert(r.district_id());
  }
  EXPECT_EQ(planned.size(), static_cast<size_t>(kMaxDistricts));
  EXPECT_EQ(streamed.results.size(), static_cast<size_t>(kMaxDistricts));
}

TEST_F(PlanDistrictsTest, ACancelledCallStartsNoFurtherDistrict) {
  // Days that use their whole time limit; the caller gives up long before
  // twelve of them could run two at a time.
  v1::PlanDistrictsRequest batch;
  for (int k = 0; k < kMaxDistricts; ++k) {
    AddDistrict(batch, absl::StrCat("D", k),
                RandomPlanDayRequest(40, 300, 1, 8, 30, 200 + k));
  }
  const size_t lines_before = PlanDistrictsLogLines(sidecar_->Log());
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  const Streamed streamed = PlanDistricts(*stub_, batch, &context);
  EXPECT_EQ(streamed.status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_LT(streamed.results.size(), static_cast<size_t>(kMaxDistricts));
  // The cancelled districts stop and give their threads back: a new batch
  // is answered (RESOURCE_EXHAUSTED only while they are still stopping).
  v1::PlanDistrictsRequest next;
  AddDistrict(next, "after", GoodDay(1));
  Streamed after;
  size_t after_calls = 0;
  for (int attempt = 0; attempt < 100; ++attempt) {
    after = PlanDistricts(*stub_, next);
    ++after_calls;
    ASSERT_TRUE(after.status.ok()) << after.status.error_message();
    ASSERT_EQ(after.results.size(), 1u);
    if (after.results[0].has_plan()) break;
    ASSERT_EQ(after.results[0].error().code(),
              static_cast<int>(grpc::StatusCode::RESOURCE_EXHAUSTED))
        << after.results[0].error().message();
    absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_TRUE(after.results[0].has_plan());
  // Every district writes exactly one log line, the refused tries of the
  // district after included; districts never started write none: of the
  // twelve, only those running when the deadline came are logged.
  const size_t lines = PlanDistrictsLogLines(sidecar_->Log()) - lines_before;
  ASSERT_GE(lines, after_calls) << "each try of the district after is logged";
  EXPECT_LT(lines - after_calls, static_cast<size_t>(kMaxDistricts));
}

// A context presenting `token` ("" = none).
std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  return context;
}

TEST(PlanDistrictsGovernance, EachDistrictIsAuditedAndTheCallerNeedsThePlannerRole) {
  const std::string dir = testing::MakeTempDir("callplan-districts");
  const std::string planner = "planner-token-districts";
  const std::string admin = "admin-token-districts";
  auto sidecar = testing::StartSidecarOn(
      absl::StrCat("sqlite:", dir, "/p.db"),
      absl::StrCat("roles { role: \"planner\" token_sha256: \"", Sha256Hex(planner),
                   "\" name: \"crm\" }\nroles { role: \"admin\" token_sha256: \"",
                   Sha256Hex(admin), "\" name: \"alice\" }\n"));
  ASSERT_NE(sidecar, nullptr);
  auto stub = sidecar->NewStub();
  v1::PlanDistrictsRequest batch;
  AddDistrict(batch, "north", testing::TinyTeamRequest());
  AddDistrict(batch, "south", InfeasibleDay());
  v1::PlanDayRequest invalid = testing::TinyTeamRequest();
  invalid.mutable_reps(0)->clear_id();
  AddDistrict(batch, "west", invalid);

  const Streamed denied = PlanDistricts(*stub, batch, As("").get());
  EXPECT_EQ(denied.status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(denied.results.empty());
  const Streamed wrong_role = PlanDistricts(*stub, batch, As(admin).get());
  EXPECT_EQ(wrong_role.status.error_code(), grpc::StatusCode::PERMISSION_DENIED);

  const Streamed planned = PlanDistricts(*stub, batch, As(planner).get());
  ASSERT_TRUE(planned.status.ok()) << planned.status.error_message();
  EXPECT_EQ(planned.results.size(), 3u);

  auto admin_stub = testing::AdminStub(sidecar->NewChannel());
  v1::ListAuditEventsRequest list;
  list.set_page_size(100);
  auto context = As(admin);
  v1::ListAuditEventsResponse events;
  ASSERT_TRUE(admin_stub->ListAuditEvents(context.get(), list, &events).ok());
  std::multiset<std::string> plan_statuses;
  int denials = 0;
  for (const v1::AuditEvent& e : events.events()) {
    if (e.kind() == v1::PLAN_DAY) plan_statuses.insert(e.status());
    if (e.kind() == v1::DENIED && e.detail() == "PlanDistricts") ++denials;
  }
  EXPECT_EQ(denials, 2);  // one per refused call, not one per district
  EXPECT_EQ(plan_statuses,
            (std::multiset<std::string>{"OK", "OK", "INVALID_ARGUMENT"}));
  // Calls' contexts and stubs close before the sidecar drains, which
  // waits for open connections.
  context.reset();
  stub.reset();
  admin_stub.reset();
  EXPECT_EQ(sidecar->Stop(), 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace callplan
