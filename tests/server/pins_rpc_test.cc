// Pins over a real loopback socket (issue 13): the sidecar plans the
// sample day with a manager's pin and forbidden visit and honours both,
// and refuses a pin to an unknown rep naming the field.
#include <grpcpp/client_context.h>

#include "gtest/gtest.h"
#include "tests/fixtures/sidecar_process.h"

namespace callplan {
namespace {

using ::callplan::testing::SampleTerritoryRequest;
using ::callplan::testing::SidecarProcess;

const v1::Visit* VisitOf(const v1::PlanDayResponse& response, const std::string& rep,
                         const std::string& physician) {
  for (const v1::RepDay& day : response.rep_days()) {
    if (day.rep_id() != rep) continue;
    for (const v1::Visit& visit : day.visits()) {
      if (visit.physician_id() == physician) return &visit;
    }
  }
  return nullptr;
}

// Visits of `physician` by anyone but `rep`.
int OthersVisiting(const v1::PlanDayResponse& response, const std::string& rep,
                   const std::string& physician) {
  int others = 0;
  for (const v1::RepDay& day : response.rep_days()) {
    if (day.rep_id() != rep && VisitOf(response, day.rep_id(), physician)) ++others;
  }
  return others;
}

class PinsRpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = SidecarProcess::Start();
    ASSERT_TRUE(started.ok()) << started.status();
    sidecar_ = *std::move(started);
    stub_ = sidecar_->NewStub();
  }
  void TearDown() override {
    stub_.reset();  // the sidecar's drain waits (5 s) for open connections
    if (sidecar_) {
      EXPECT_EQ(sidecar_->Stop(), 0) << sidecar_->Log();
    }
  }
  grpc::Status Plan(const v1::PlanDayRequest& request, v1::PlanDayResponse& response) {
    grpc::ClientContext context;
    return stub_->PlanDay(&context, request, &response);
  }

  std::unique_ptr<SidecarProcess> sidecar_;
  std::unique_ptr<v1::PlannerService::Stub> stub_;
};

TEST_F(PinsRpcTest, TheSidecarHonoursAPinAndAForbiddenVisit) {
  absl::StatusOr<v1::PlanDayRequest> request = SampleTerritoryRequest();
  ASSERT_TRUE(request.ok()) << request.status();
  v1::PlanDayResponse free;
  ASSERT_TRUE(Plan(*request, free).ok());
  ASSERT_NE(free.stats().status(), v1::INFEASIBLE);
  // A visit of one rep's, pinned to the next rep of the same team; another
  // of its visits forbidden to it.
  const v1::RepDay* from = nullptr;
  const v1::Rep* to = nullptr;
  for (const v1::RepDay& day : free.rep_days()) {
    if (day.visits_size() < 2) continue;
    for (const v1::Rep& rep : request->reps()) {
      const v1::Rep* own = nullptr;
      for (const v1::Rep& r : request->reps()) {
        if (r.id() == day.rep_id()) own = &r;
      }
      if (rep.id() != day.rep_id() && own && rep.team_id() == own->team_id()) to = &rep;
    }
    if (to != nullptr) {
      from = &day;
      break;
    }
  }
  ASSERT_NE(from, nullptr) << "the sample has no two reps of one team";
  const std::string moved = from->visits(0).physician_id();
  const std::string forbidden = from->visits(1).physician_id();
  v1::VisitPin* pin = request->add_pins();
  pin->set_physician_id(moved);
  pin->set_rep_id(to->id());
  pin->set_pinned_by("Ann Lee");
  pin->set_reason("key account");
  v1::ForbiddenVisit* forbid = request->add_forbidden_visits();
  forbid->set_physician_id(forbidden);
  forbid->set_rep_id(from->rep_id());
  forbid->set_pinned_by("Bo Chen");

  v1::PlanDayResponse pinned;
  const grpc::Status status = Plan(*request, pinned);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_NE(pinned.stats().status(), v1::INFEASIBLE)
      << pinned.stats().infeasibility().DebugString();
  const v1::Visit* visit = VisitOf(pinned, to->id(), moved);
  ASSERT_NE(visit, nullptr);
  EXPECT_NE(visit->reason().find("pinned by Ann Lee (key account)"), std::string::npos)
      << visit->reason();
  EXPECT_EQ(OthersVisiting(pinned, to->id(), moved), 0);
  EXPECT_EQ(VisitOf(pinned, from->rep_id(), forbidden), nullptr);
  if (free.stats().status() == v1::OPTIMAL) {
    EXPECT_LE(pinned.stats().objective(), free.stats().objective() + 1e-6);
  }
}

TEST_F(PinsRpcTest, APinToAnUnknownRepIsInvalidArgumentNamingTheField) {
  absl::StatusOr<v1::PlanDayRequest> request = SampleTerritoryRequest();
  ASSERT_TRUE(request.ok()) << request.status();
  v1::VisitPin* pin = request->add_pins();
  pin->set_physician_id(request->physicians(0).id());
  pin->set_rep_id("R99");
  v1::PlanDayResponse response;
  const grpc::Status status = Plan(*request, response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("pins[0].rep_id: no rep R99 in the request"),
            std::string::npos)
      << status.error_message();
}

}  // namespace
}  // namespace callplan
