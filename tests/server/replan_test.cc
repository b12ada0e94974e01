// PlanService.Replan against a real sidecar: a re-plan with no events
// changes nothing; a rep who drops out at 11:00 hands only its remaining
// visits to others, done visits never move and nothing new starts before
// now; cancellations and urgent physicians; bad events named.
#include <map>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "callplan/v1/plan_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fixtures/sidecar_process.h"
#include "tests/server/replan_fixture.h"

namespace callplan {
namespace {

using ::testing::HasSubstr;

TEST_F(ReplanTest, AReplanWithNoEventsChangesNothing) {
  for (int64_t now : {int64_t{0}, 11 * kHour}) {
    v1::ReplanResponse replanned;
    const grpc::Status status = Replan(At(now), &replanned);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_TRUE(replanned.other_visits_kept());
    EXPECT_EQ(replanned.diff().changes_size(), 0) << replanned.diff().DebugString();
    EXPECT_EQ(replanned.plan().summary().state(), v1::DRAFT);
    EXPECT_NE(replanned.plan().summary().plan_id(), base_.summary().plan_id());
    EXPECT_EQ(replanned.diff().base_plan_id(), base_.summary().plan_id());
  }
}

TEST_F(ReplanTest, ARepWhoDropsOutAtElevenHandsOnlyItsRemainingVisitsToOthers) {
  const auto before = VisitsOf(base_.response());
  // The rep with the most visits after 11:00.
  std::map<std::string, int> later;
  for (const auto& [id, v] : before) later[v.rep] += v.start >= 11 * kHour;
  std::string absent = "R1";
  for (const auto& [rep, n] : later) {
    if (n > later[absent]) absent = rep;
  }
  ASSERT_GT(later[absent], 0);

  v1::ReplanRequest request = At(11 * kHour);
  v1::RepAbsent* event = request.add_events()->mutable_rep_absent();
  event->set_rep_id(absent);
  event->set_from_seconds(11 * kHour);
  v1::ReplanResponse replanned;
  const grpc::Status status = Replan(request, &replanned);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(replanned.other_visits_kept());

  const auto after = VisitsOf(replanned.plan().response());
  for (const auto& [id, v] : before) {
    SCOPED_TRACE(id);
    const auto now = after.find(id);
    if (v.start < 11 * kHour) {  // done (or the absent rep's, before it left)
      ASSERT_NE(now, after.end());
      EXPECT_EQ(now->second.rep, v.rep);
      EXPECT_EQ(now->second.start, v.start);
    } else if (v.rep != absent) {  // kept with its rep, perhaps re-timed
      ASSERT_NE(now, after.end());
      EXPECT_EQ(now->second.rep, v.rep);
      EXPECT_GE(now->second.start, 11 * kHour);
    } else if (now != after.end()) {  // handed over
      EXPECT_NE(now->second.rep, absent);
      EXPECT_GE(now->second.start, 11 * kHour);
    }
  }
  int moved = 0;
  for (const v1::VisitChange& change : replanned.diff().changes()) {
    if (change.kind() == v1::VisitChange::RETIMED) continue;
    EXPECT_EQ(change.from_rep_id(), absent) << change.DebugString();
    moved += change.kind() == v1::VisitChange::MOVED;
  }
  for (const auto& [id, v] : after) {
    if (v.rep == absent) {
      EXPECT_LT(v.start, 11 * kHour) << id;
    }
  }
  // The afternoon has room: every visit the rep could not make is made,
  // by another rep.
  EXPECT_EQ(after.size(), before.size());
  EXPECT_EQ(moved, later[absent]);
}

// The physician of the plan's last visit in id order that starts from
// 13:00, well after a re-plan at 11:00 ("" if none).
std::string AnAfternoonVisit(const std::map<std::string, PlacedVisit>& visits) {
  std::string physician;
  for (const auto& [id, v] : visits) {
    if (v.start >= 13 * kHour) physician = id;
  }
  return physician;
}

TEST_F(ReplanTest, ACancellationAndAnUrgentPhysician) {
  const auto before = VisitsOf(base_.response());
  const std::string cancelled = AnAfternoonVisit(before);
  ASSERT_FALSE(cancelled.empty());
  v1::ReplanRequest request = At(11 * kHour);
  request.add_events()->mutable_physician_cancelled()->set_physician_id(cancelled);
  v1::Physician* urgent = request.add_events()->mutable_new_physician()->mutable_physician();
  urgent->set_id("URGENT");
  urgent->mutable_location()->mutable_planar()->set_x(7);
  urgent->mutable_location()->mutable_planar()->set_y(2);
  (*urgent->mutable_product_potential())["P"] = 5;
  v1::ReplanResponse replanned;
  const grpc::Status status = Replan(request, &replanned);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const auto after = VisitsOf(replanned.plan().response());
  EXPECT_EQ(after.count(cancelled), 0u);
  ASSERT_EQ(after.count("URGENT"), 1u);
  EXPECT_GE(after.at("URGENT").start, 11 * kHour);
  int added = 0, dropped = 0;
  for (const v1::VisitChange& change : replanned.diff().changes()) {
    added += change.kind() == v1::VisitChange::ADDED;
    dropped += change.kind() == v1::VisitChange::DROPPED;
    EXPECT_NE(change.kind(), v1::VisitChange::MOVED);
  }
  EXPECT_EQ(added, 1);
  EXPECT_EQ(dropped, 1);
}

// A rep who left at the time of a visit never made it: its physician may
// still cancel, wherever the absence stands among the events, and is not
// visited.
TEST_F(ReplanTest, AVisitTheAbsentRepNeverMadeCanBeCancelled) {
  const auto before = VisitsOf(base_.response());
  std::string missed;
  for (const auto& [id, v] : before) {
    if (v.start >= 8 * kHour + 1800 && v.start < 11 * kHour) missed = id;
  }
  ASSERT_FALSE(missed.empty());
  const PlacedVisit visit = before.at(missed);
  v1::ReplanRequest request = At(11 * kHour);
  request.add_events()->mutable_physician_cancelled()->set_physician_id(missed);
  v1::RepAbsent* absent = request.add_events()->mutable_rep_absent();
  absent->set_rep_id(visit.rep);
  absent->set_from_seconds(visit.start);
  v1::ReplanResponse replanned;
  const grpc::Status status = Replan(request, &replanned);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const auto after = VisitsOf(replanned.plan().response());
  EXPECT_EQ(after.count(missed), 0u);
  for (const auto& [id, v] : before) {
    if (v.rep == visit.rep && v.start < visit.start) {
      EXPECT_EQ(after.count(id), 1u) << id;
    }
  }
}

// A visit the absent rep still makes before it leaves is called off when
// the physician cancels: the cancellation wins over the stay.
TEST_F(ReplanTest, ACancellationCallsOffAVisitBeforeTheRepLeaves) {
  const auto before = VisitsOf(base_.response());
  const std::string cancelled = AnAfternoonVisit(before);
  ASSERT_FALSE(cancelled.empty());
  const PlacedVisit visit = before.at(cancelled);
  v1::ReplanRequest request = At(11 * kHour);
  v1::RepAbsent* absent = request.add_events()->mutable_rep_absent();
  absent->set_rep_id(visit.rep);
  absent->set_from_seconds(visit.start + 3600);
  request.add_events()->mutable_physician_cancelled()->set_physician_id(cancelled);
  v1::ReplanResponse replanned;
  const grpc::Status status = Replan(request, &replanned);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_NE(replanned.plan().response().stats().status(), v1::INFEASIBLE)
      << replanned.plan().response().stats().DebugString();
  EXPECT_EQ(VisitsOf(replanned.plan().response()).count(cancelled), 0u);
}

TEST_F(ReplanTest, BadEventsAreNamedAndNothingIsStored) {
  const auto before = VisitsOf(base_.response());
  std::string morning;
  for (const auto& [id, v] : before) {
    if (v.start < 10 * kHour) morning = id;
  }
  v1::ReplanRequest request = At(11 * kHour);
  request.add_events()->mutable_rep_absent()->set_rep_id("R9");
  request.add_events()->mutable_physician_cancelled()->set_physician_id(morning);
  request.add_events()->mutable_new_physician()->mutable_physician()->set_id("D01");
  request.add_events();
  v1::ReplanResponse replanned;
  grpc::Status status = Replan(request, &replanned);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("events[0].rep_absent.rep_id"));
  EXPECT_THAT(status.error_message(), HasSubstr("events[1].physician_cancelled.physician_id"));
  EXPECT_THAT(status.error_message(), HasSubstr("already visited"));
  EXPECT_THAT(status.error_message(), HasSubstr("events[2].new_physician.physician.id"));
  EXPECT_THAT(status.error_message(), HasSubstr("events[3]"));

  status = Replan(At(6 * kHour), &replanned);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("before the day started"));

  v1::ReplanRequest unknown = At(11 * kHour);
  unknown.set_plan_id("plan-00");
  EXPECT_EQ(Replan(unknown, &replanned).error_code(), grpc::StatusCode::NOT_FOUND);

  v1::PlanStepRequest reject;
  reject.set_plan_id(base_.summary().plan_id());
  reject.set_expected_version(1);
  reject.set_reason("wrong day");
  v1::StoredPlan rejected;
  grpc::ClientContext context;
  ASSERT_TRUE(plans_->RejectPlan(&context, reject, &rejected).ok());
  status = Replan(At(11 * kHour), &replanned);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("REJECTED"));

  v1::ListPlansRequest list;
  v1::ListPlansResponse listed;
  grpc::ClientContext list_context;
  ASSERT_TRUE(plans_->ListPlans(&list_context, list, &listed).ok());
  EXPECT_EQ(listed.plans_size(), 1);  // only the plan re-planned
}

}  // namespace
}  // namespace callplan
