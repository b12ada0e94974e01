// PlanService.Replan with the CRM's actuals, published at once where the
// policy allows, and its new fields' bad values, against a real sidecar.
#include <map>
#include <string>

#include "callplan/v1/admin_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/server/replan_fixture.h"

namespace callplan {
namespace {

using ::testing::HasSubstr;

const v1::VisitPin* PinOf(const v1::PlanDayRequest& day, const std::string& physician) {
  for (const v1::VisitPin& pin : day.pins()) {
    if (pin.physician_id() == physician) return &pin;
  }
  return nullptr;
}

TEST_F(ReplanTest, TheCrmsActualsDecideWhichVisitsWereMade) {
  const auto before = VisitsOf(base_.response());
  // Of the morning's visits one was missed; an afternoon visit was made
  // early, at 10:59 (time enough to drive there from any morning visit),
  // by its rep.
  std::string missed, early;
  for (const auto& [id, v] : before) {
    if (v.start < 10 * kHour && missed.empty()) missed = id;
    if (v.start >= 13 * kHour) early = id;
  }
  ASSERT_FALSE(missed.empty());
  ASSERT_FALSE(early.empty());
  v1::ReplanRequest request = At(11 * kHour);
  v1::VisitsMade* made = request.add_events()->mutable_visits_made();
  for (const auto& [id, v] : before) {
    if (v.start >= 11 * kHour || id == missed) continue;
    v1::MadeVisit* m = made->add_visits();
    m->set_physician_id(id);
    m->set_rep_id(v.rep);
    m->set_start_seconds(v.start);
  }
  v1::MadeVisit* m = made->add_visits();
  m->set_physician_id(early);
  m->set_rep_id(before.at(early).rep);
  m->set_start_seconds(10 * kHour + 59 * 60);

  v1::ReplanResponse replanned;
  const grpc::Status status = Replan(request, &replanned);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const auto after = VisitsOf(replanned.plan().response());
  for (const v1::MadeVisit& visit : made->visits()) {
    SCOPED_TRACE(visit.physician_id());
    ASSERT_EQ(after.count(visit.physician_id()), 1u);
    EXPECT_EQ(after.at(visit.physician_id()).rep, visit.rep_id());
    EXPECT_EQ(after.at(visit.physician_id()).start, visit.start_seconds());
    const v1::VisitPin* pin = PinOf(replanned.plan().request(), visit.physician_id());
    ASSERT_NE(pin, nullptr);
    EXPECT_TRUE(pin->done());
  }
  // The missed physician's hours (8:00-10:00) are over: not seen today,
  // and the diff says it was dropped.
  EXPECT_EQ(after.count(missed), 0u);
  bool dropped = false;
  for (const v1::VisitChange& change : replanned.diff().changes()) {
    dropped = dropped || (change.physician_id() == missed &&
                          change.kind() == v1::VisitChange::DROPPED);
  }
  EXPECT_TRUE(dropped) << replanned.diff().DebugString();
  EXPECT_EQ(PinOf(replanned.plan().request(), missed), nullptr);
}

TEST_F(ReplanTest, PublishedAtOnceOnlyWhereNoTeamRequiresApproval) {
  v1::ReplanRequest request = At(11 * kHour);
  request.set_publish_if_allowed(true);
  v1::ReplanResponse replanned;
  grpc::Status status = Replan(request, &replanned);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(replanned.published());
  EXPECT_EQ(replanned.plan().summary().state(), v1::PUBLISHED);
  EXPECT_EQ(replanned.not_published_because(), "");

  auto admin = v1::AdminService::NewStub(sidecar_->NewChannel());
  v1::UpdateFairnessPolicyRequest update;
  update.set_team_id("default");
  update.set_require_approval(true);
  update.set_reason("plans need a manager");
  v1::UpdateFairnessPolicyResponse updated;
  grpc::ClientContext context;
  ASSERT_TRUE(admin->UpdateFairnessPolicy(&context, update, &updated).ok());

  request.set_plan_id(replanned.plan().summary().plan_id());
  v1::ReplanResponse again;
  status = Replan(request, &again);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(again.published());
  EXPECT_EQ(again.plan().summary().state(), v1::DRAFT);
  EXPECT_THAT(again.not_published_because(), HasSubstr("approval"));
}

TEST_F(ReplanTest, BadActualsAndPenaltiesAreNamed) {
  const auto before = VisitsOf(base_.response());
  const std::string some = before.begin()->first;
  v1::ReplanRequest request = At(11 * kHour);
  request.set_change_penalty(-5);
  v1::VisitsMade* made = request.add_events()->mutable_visits_made();
  v1::MadeVisit* late = made->add_visits();
  late->set_physician_id(some);
  late->set_rep_id("R1");
  late->set_start_seconds(12 * kHour);
  v1::MadeVisit* stranger = made->add_visits();
  stranger->set_physician_id(some);
  stranger->set_rep_id("R9");
  stranger->set_start_seconds(9 * kHour);
  request.add_events()->mutable_visits_made();
  v1::ReplanResponse replanned;
  const grpc::Status status = Replan(request, &replanned);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("change_penalty"));
  EXPECT_THAT(status.error_message(),
              HasSubstr("events[0].visits_made.visits[0].start_seconds"));
  EXPECT_THAT(status.error_message(), HasSubstr("events[0].visits_made.visits[1].rep_id"));
  EXPECT_THAT(status.error_message(), HasSubstr("events[1].visits_made"));
}

}  // namespace
}  // namespace callplan
