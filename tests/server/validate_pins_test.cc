// Validation of a day's pins, forbidden visits and locked days (issue 13):
// each bad decision is refused naming its field, all at once.
#include "server/validate.h"

#include <string>

#include "gtest/gtest.h"
#include "tests/fixtures/field_violations.h"

namespace callplan {
namespace {

using ::callplan::testing::Fields;
using ::callplan::testing::Names;

// Two teams of two reps (shifts 08:00-17:00), three physicians; P3 may
// have two visits a day.
v1::PlanDayRequest Request() {
  v1::PlanDayRequest request;
  for (const char* team : {"T1", "T2"}) {
    request.add_teams()->set_id(team);
    for (int k = 1; k <= 2; ++k) {
      auto* rep = request.add_reps();
      rep->set_id(std::string("R") + team[1] + std::to_string(k));
      rep->set_team_id(team);
      rep->mutable_home()->mutable_planar()->set_x(k);
      rep->add_products("D1");
      rep->mutable_shift()->set_start_seconds(8 * 3600);
      rep->mutable_shift()->set_end_seconds(17 * 3600);
    }
  }
  request.mutable_teams(0)->add_products("D1");
  request.mutable_teams(1)->add_products("D2");
  for (int j = 1; j <= 3; ++j) {
    auto* physician = request.add_physicians();
    physician->set_id("P" + std::to_string(j));
    physician->mutable_location()->mutable_planar()->set_x(j);
    (*physician->mutable_product_potential())["D1"] = 40;
  }
  request.mutable_physicians(2)->mutable_contact()->set_max_visits_per_day(2);
  return request;
}

v1::VisitPin* AddPin(v1::PlanDayRequest& request, const std::string& physician,
                     const std::string& rep) {
  v1::VisitPin* pin = request.add_pins();
  pin->set_physician_id(physician);
  pin->set_rep_id(rep);
  pin->set_pinned_by("Ann Lee");
  return pin;
}

TEST(ValidatePins, AcceptsPinsForbidsAndLocksThatCanHold) {
  v1::PlanDayRequest request = Request();
  AddPin(request, "P1", "R11")->set_start_seconds(9 * 3600);
  AddPin(request, "P3", "R11");
  AddPin(request, "P3", "R21");  // another team: within P3's cap of 2
  v1::VisitPin* done = AddPin(request, "P2", "R22");
  done->set_done(true);
  done->set_start_seconds(8 * 3600);
  auto* forbid = request.add_forbidden_visits();
  forbid->set_physician_id("P1");
  forbid->set_rep_id("R12");
  request.add_locked_days()->set_rep_id("R11");
  const auto violations = ValidatePlanDayRequest(request);
  EXPECT_TRUE(violations.empty()) << Fields(violations);
}

TEST(ValidatePins, UnknownIdsAreNamedByField) {
  v1::PlanDayRequest request = Request();
  AddPin(request, "P99", "R99");
  auto* forbid = request.add_forbidden_visits();
  forbid->set_physician_id("P1");
  forbid->set_rep_id("R98");
  request.add_locked_days()->set_rep_id("R97");
  const auto violations = ValidatePlanDayRequest(request);
  EXPECT_TRUE(Names(violations, "pins[0].rep_id", "no rep R99 in the request"))
      << Fields(violations);
  EXPECT_TRUE(Names(violations, "pins[0].physician_id", "no physician P99 in the request"));
  EXPECT_TRUE(Names(violations, "forbidden_visits[0].rep_id", "no rep R98"));
  EXPECT_TRUE(Names(violations, "locked_days[0].rep_id", "no rep R97"));
  EXPECT_EQ(violations.size(), 4u) << Fields(violations);
}

TEST(ValidatePins, PinnedAndForbiddenPairIsRefused) {
  v1::PlanDayRequest request = Request();
  AddPin(request, "P1", "R11");
  auto* forbid = request.add_forbidden_visits();
  forbid->set_physician_id("P1");
  forbid->set_rep_id("R11");
  const auto violations = ValidatePlanDayRequest(request);
  EXPECT_TRUE(Names(violations, "forbidden_visits[0]", "also pinned to R11 (pins[0])"))
      << Fields(violations);
  EXPECT_EQ(violations.size(), 1u) << Fields(violations);
}

TEST(ValidatePins, OnePhysicianTwiceToARepToOneTeamOrOverItsCapIsRefused) {
  v1::PlanDayRequest request = Request();
  AddPin(request, "P1", "R11");
  AddPin(request, "P1", "R11");  // the same rep
  AddPin(request, "P3", "R21");
  AddPin(request, "P3", "R22");  // the same team
  AddPin(request, "P2", "R11");
  AddPin(request, "P2", "R21");  // another team, but P2's cap is 1
  const auto violations = ValidatePlanDayRequest(request);
  EXPECT_TRUE(Names(violations, "pins[1]", "P1 is already pinned to R11 (pins[0])"))
      << Fields(violations);
  EXPECT_TRUE(Names(violations, "pins[3]", "already pinned to R21 of team T2 (pins[2])"));
  EXPECT_TRUE(Names(violations, "pins[5]", "P2 is pinned to 2 reps, more than its daily cap of 1"));
  EXPECT_EQ(violations.size(), 3u) << Fields(violations);
}

TEST(ValidatePins, TimesMustBeInTheDayAndTheShiftAndDoneVisitsNeedOne) {
  v1::PlanDayRequest request = Request();
  AddPin(request, "P1", "R11")->set_start_seconds(90000);
  AddPin(request, "P2", "R12")->set_start_seconds(7 * 3600);
  AddPin(request, "P3", "R21")->set_done(true);
  AddPin(request, "P3", "R11")->set_start_seconds(-1);
  const auto violations = ValidatePlanDayRequest(request);
  EXPECT_TRUE(Names(violations, "pins[0].start_seconds", "got 90000"))
      << Fields(violations);
  EXPECT_TRUE(Names(violations, "pins[1].start_seconds",
                    "07:00 is outside R12's shift 08:00-17:00"));
  EXPECT_TRUE(Names(violations, "pins[2].start_seconds", "a done visit needs"));
  EXPECT_TRUE(Names(violations, "pins[3].start_seconds", "got -1"));
  EXPECT_EQ(violations.size(), 4u) << Fields(violations);
}

TEST(ValidatePins, ADayIsLockedOnce) {
  v1::PlanDayRequest request = Request();
  request.add_locked_days()->set_rep_id("R11");
  request.add_locked_days()->set_rep_id("R11");
  const auto violations = ValidatePlanDayRequest(request);
  EXPECT_TRUE(Names(violations, "locked_days[1].rep_id",
                    "R11's day is already locked (locked_days[0])"))
      << Fields(violations);
  EXPECT_EQ(violations.size(), 1u) << Fields(violations);
}

}  // namespace
}  // namespace callplan
