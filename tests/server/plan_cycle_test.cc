// PlanCycle and PlanCycleStream over a real sidecar on a loopback socket, as
// a CRM calls them, on a small two-week cycle: every date answered, an
// attainment row for every physician-team that adds up with the days' visits,
// no visit on a day its rep does not work, the stream's single final
// message, bad input named field by field, the log line and the audit record.
#include <map>
#include <set>
#include <string>

#include <grpcpp/client_context.h>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "server/status_mapping.h"
#include "tests/fixtures/cycle_request.h"
#include "tests/fixtures/field_violations.h"
#include "tests/fixtures/process.h"
#include "tests/server/admin_test_support.h"

namespace callplan {
namespace {

using ::callplan::testing::AllAuditEvents;
using ::callplan::testing::AdminStub;
using ::callplan::testing::EventsOfKind;
using ::callplan::testing::Fields;
using ::callplan::testing::MakeTempDir;
using ::callplan::testing::Names;
using ::callplan::testing::SidecarProcess;
using ::callplan::testing::SmallCycleRequest;
using ::callplan::testing::StartSidecarOn;

class PlanCycleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string dir = MakeTempDir("callplan-cycle");
    sidecar_ = StartSidecarOn(absl::StrCat("sqlite:", dir, "/policies.db"),
                              "solver_threads: 2\n")
                   .release();
  }
  static void TearDownTestSuite() {
    if (sidecar_ != nullptr) {
      EXPECT_EQ(sidecar_->Stop(), 0) << sidecar_->Log();
    }
    delete sidecar_;
  }
  void SetUp() override {
    ASSERT_NE(sidecar_, nullptr);
    stub_ = sidecar_->NewStub();
  }

  static SidecarProcess* sidecar_;
  std::unique_ptr<v1::PlannerService::Stub> stub_;
};
SidecarProcess* PlanCycleTest::sidecar_ = nullptr;

// What any cycle answer for SmallCycleRequest() must be, whatever the plan.
void ExpectWellFormed(const v1::PlanCycleResponse& response) {
  ASSERT_EQ(response.days_size(), 14);
  const std::set<std::string> weekend = {"2026-03-07", "2026-03-08",
                                         "2026-03-14", "2026-03-15"};
  std::map<std::string, std::vector<std::string>> calls_of;
  for (int k = 0; k < response.days_size(); ++k) {
    const v1::CycleDay& day = response.days(k);
    EXPECT_EQ(day.date(), absl::StrFormat("2026-03-%02d", 2 + k));
    for (const v1::RepDay& rep : day.plan().rep_days()) {
      if (weekend.count(day.date()) ||
          (rep.rep_id() == "R2" &&
           (day.date() == "2026-03-06" || day.date() == "2026-03-10" ||
            day.date() == "2026-03-13"))) {
        EXPECT_EQ(rep.visits_size(), 0) << rep.rep_id() << " does not work " << day.date();
      }
      for (const v1::Visit& visit : rep.visits()) {
        calls_of[visit.physician_id()].push_back(day.date());
      }
    }
  }
  // One row per physician and the territory's one team, adding up.
  ASSERT_EQ(response.attainment_size(), 8);
  std::set<std::string> rows;
  for (const v1::CallAttainment& row : response.attainment()) {
    rows.insert(row.physician_id());
    EXPECT_EQ(row.team_id(), "cardio");
    EXPECT_EQ(row.planned_calls(), static_cast<uint32_t>(row.dates_size()));
    EXPECT_EQ(std::vector<std::string>(row.dates().begin(), row.dates().end()),
              calls_of[row.physician_id()])
        << row.physician_id();
    EXPECT_EQ(row.target_met(), row.planned_calls() >= row.target_calls());
    EXPECT_EQ(row.reason().empty(), row.target_met()) << row.physician_id();
  }
  EXPECT_EQ(rows.size(), 8u);
  EXPECT_EQ(response.stats().targets(), 8u);
  EXPECT_TRUE(response.stats().status() == v1::OPTIMAL ||
              response.stats().status() == v1::FEASIBLE);
}

TEST_F(PlanCycleTest, PlansEveryDateWithAttainmentForEveryPhysicianTeam) {
  grpc::ClientContext context;
  v1::PlanCycleResponse response;
  const grpc::Status status = stub_->PlanCycle(&context, SmallCycleRequest(), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ExpectWellFormed(response);
  EXPECT_GT(response.stats().calls(), 0u);
  EXPECT_FALSE(response.rep_weeks().empty());
}

TEST_F(PlanCycleTest, StreamSendsProgressThenExactlyOneFinalCycle) {
  grpc::ClientContext context;
  auto reader = stub_->PlanCycleStream(&context, SmallCycleRequest());
  std::vector<v1::PlanCycleProgress> messages;
  v1::PlanCycleProgress message;
  while (reader->Read(&message)) messages.push_back(message);
  const grpc::Status status = reader->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_FALSE(messages.empty());
  int finals = 0;
  for (const v1::PlanCycleProgress& m : messages) finals += m.has_final_response();
  EXPECT_EQ(finals, 1);
  ASSERT_TRUE(messages.back().has_final_response());
  EXPECT_EQ(messages.back().days_total(), 14u);
  ExpectWellFormed(messages.back().final_response());
}

TEST_F(PlanCycleTest, BadCyclesAreRefusedNamingEveryField) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  request.set_last_date("2026-02-27");
  request.mutable_tiers(1)->mutable_calls()->set_min_calls(5);
  request.mutable_territory()->mutable_physicians(2)->set_tier("D");
  grpc::ClientContext context;
  v1::PlanCycleResponse response;
  const grpc::Status status = stub_->PlanCycle(&context, request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const std::vector<FieldViolation> violations = BadRequestViolations(status);
  EXPECT_TRUE(Names(violations, "last_date", "before first_date")) << Fields(violations);
  EXPECT_TRUE(Names(violations, "tiers[1].calls.min_calls", "more than target_calls"));
  EXPECT_TRUE(Names(violations, "territory.physicians[2].tier",
                    "unknown tier \"D\" (tiers: A, B, C)"));
  EXPECT_EQ(violations.size(), 3u) << Fields(violations);

  grpc::ClientContext stream_context;
  auto reader = stub_->PlanCycleStream(&stream_context, request);
  v1::PlanCycleProgress message;
  EXPECT_FALSE(reader->Read(&message));
  const grpc::Status stream_status = reader->Finish();
  EXPECT_EQ(stream_status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadRequestViolations(stream_status).size(), 3u);
}

TEST_F(PlanCycleTest, EachCycleIsLoggedAndAudited) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  request.mutable_territory()->set_territory_id("audited-cycle");
  grpc::ClientContext context;
  v1::PlanCycleResponse response;
  ASSERT_TRUE(stub_->PlanCycle(&context, request, &response).ok());

  const std::string log = sidecar_->Log();
  const size_t at = log.find("territory=\"audited-cycle\"");
  ASSERT_NE(at, std::string::npos) << log;
  const size_t begin = log.rfind('\n', at) + 1;
  const std::string line = log.substr(begin, log.find('\n', at) - begin);
  EXPECT_NE(line.find("method=PlanCycle "), std::string::npos) << line;
  EXPECT_NE(line.find("code=OK"), std::string::npos) << line;
  EXPECT_NE(line.find("reps=2 physicians=8"), std::string::npos) << line;
  EXPECT_EQ(line.find("P1"), std::string::npos) << "ids are hashed: " << line;

  auto admin = AdminStub(sidecar_->NewChannel());
  int cycles = 0;
  for (const v1::AuditEvent& event :
       EventsOfKind(AllAuditEvents(*admin), v1::PLAN_DAY)) {
    if (event.territory_id() != "audited-cycle") continue;
    ++cycles;
    EXPECT_TRUE(absl::StartsWith(event.detail(), "cycle=2026-03-02..2026-03-15"))
        << event.detail();
    EXPECT_EQ(event.status(), "OK");
    EXPECT_EQ(event.counts().at("days"), 14);
    EXPECT_EQ(event.counts().at("targets"), 8);
    EXPECT_DOUBLE_EQ(event.objective(), response.stats().objective());
  }
  EXPECT_EQ(cycles, 1);
}

}  // namespace
}  // namespace callplan
