// A call cycle's validation: each bad input is refused naming its field from
// the request's root, and every problem of a request is reported at once.
#include "server/validate_cycle.h"

#include <string>

#include "gtest/gtest.h"
#include "tests/fixtures/cycle_request.h"
#include "tests/fixtures/field_violations.h"

namespace callplan {
namespace {

using ::callplan::testing::Fields;
using ::callplan::testing::Names;
using ::callplan::testing::SmallCycleRequest;

TEST(ValidatePlanCycleRequest, AcceptsTheSmallCycle) {
  // Office hours and closed dates need no territory date: the cycle's days
  // are the dates.
  const auto violations = ValidatePlanCycleRequest(SmallCycleRequest());
  EXPECT_TRUE(violations.empty()) << Fields(violations);
}

TEST(ValidatePlanCycleRequest, TheTerritoryIsCheckedAsAPlanDayUnderItsName) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  request.mutable_territory()->set_date("2026-03-02");
  (*request.mutable_territory()->mutable_physicians(3)->mutable_product_potential())["D1"] = -5;
  request.mutable_territory()->mutable_reps(1)->set_team_id("onco");
  const auto violations = ValidatePlanCycleRequest(request);
  EXPECT_TRUE(Names(violations, "territory.date",
                    "must be empty in a cycle (first_date and last_date say the days)"))
      << Fields(violations);
  EXPECT_TRUE(Names(violations, "territory.physicians[3].product_potential[\"D1\"]",
                    "between 0 and 100, got -5"));
  EXPECT_TRUE(Names(violations, "territory.reps[1].team_id", "\"onco\""));
  EXPECT_EQ(violations.size(), 3u) << Fields(violations);
}

TEST(ValidatePlanCycleRequest, TheTerritoryTakesNoPinsForbidsOrLocks) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  v1::PlanDayRequest& territory = *request.mutable_territory();
  auto* pin = territory.add_pins();
  pin->set_physician_id(territory.physicians(0).id());
  pin->set_rep_id(territory.reps(0).id());
  auto* forbid = territory.add_forbidden_visits();
  forbid->set_physician_id(territory.physicians(1).id());
  forbid->set_rep_id(territory.reps(0).id());
  territory.add_locked_days()->set_rep_id(territory.reps(0).id());
  const auto violations = ValidatePlanCycleRequest(request);
  EXPECT_TRUE(Names(violations, "territory.pins", "a cycle takes no pins yet"))
      << Fields(violations);
  EXPECT_TRUE(Names(violations, "territory.forbidden_visits", "a cycle takes no pins yet"));
  EXPECT_TRUE(Names(violations, "territory.locked_days", "a cycle takes no pins yet"));
  EXPECT_EQ(violations.size(), 3u) << Fields(violations);
}

TEST(ValidatePlanCycleRequest, DatesMustBeRealInOrderAndWithinTheLimit) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  request.set_last_date("2026-03-01");
  auto violations = ValidatePlanCycleRequest(request);
  EXPECT_TRUE(Names(violations, "last_date", "is before first_date \"2026-03-02\""))
      << Fields(violations);
  EXPECT_EQ(violations.size(), 1u) << Fields(violations);

  request.set_first_date("2026-02-30");
  request.set_last_date("");
  violations = ValidatePlanCycleRequest(request);
  EXPECT_TRUE(Names(violations, "first_date", "YYYY-MM-DD, got \"2026-02-30\""));
  EXPECT_TRUE(Names(violations, "last_date", "YYYY-MM-DD, got \"\""));
  // A bad first_date is said once, not again as each physician's hours.
  EXPECT_EQ(violations.size(), 2u) << Fields(violations);

  request = SmallCycleRequest();
  ProblemLimits limits;
  limits.max_cycle_days = 13;  // the small cycle has 14
  violations = ValidatePlanCycleRequest(request, limits);
  EXPECT_TRUE(Names(violations, "last_date", "has 14 days, more than the limit of 13"))
      << Fields(violations);
  request.set_last_date("2026-05-25");  // 85 days
  EXPECT_TRUE(Names(ValidatePlanCycleRequest(request), "last_date",
                    "has 85 days, more than the limit of 84"));
  request.set_last_date("2026-05-24");  // 84 days
  EXPECT_TRUE(ValidatePlanCycleRequest(request).empty());
}

TEST(ValidatePlanCycleRequest, WorkingDaysNameKnownRepsOnceWithRealDays) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  request.add_working_days()->set_rep_id("R9");
  request.add_working_days()->set_rep_id("R2");
  request.mutable_working_days(0)->add_weekdays(v1::WEEKDAY_UNSPECIFIED);
  request.mutable_working_days(0)->add_days_off("2026-13-01");
  const auto violations = ValidatePlanCycleRequest(request);
  EXPECT_TRUE(Names(violations, "working_days[1].rep_id", "unknown rep \"R9\""))
      << Fields(violations);
  EXPECT_TRUE(Names(violations, "working_days[2].rep_id",
                    "\"R2\" appears twice (first at working_days[0].rep_id)"));
  EXPECT_TRUE(Names(violations, "working_days[0].weekdays[4]", "MONDAY..SUNDAY"));
  EXPECT_TRUE(Names(violations, "working_days[0].days_off[1]", "\"2026-13-01\""));
  EXPECT_EQ(violations.size(), 4u) << Fields(violations);
}

TEST(ValidatePlanCycleRequest, TiersAreUniqueAndEveryPhysiciansTierIsOne) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  request.mutable_territory()->mutable_physicians(2)->set_tier("D");
  request.add_tiers()->set_tier("B");
  request.add_tiers();
  auto violations = ValidatePlanCycleRequest(request);
  EXPECT_TRUE(Names(violations, "territory.physicians[2].tier",
                    "unknown tier \"D\" (tiers: A, B, C)"))
      << Fields(violations);
  EXPECT_TRUE(Names(violations, "tiers[3].tier",
                    "\"B\" appears twice (first at tiers[1].tier)"));
  EXPECT_TRUE(Names(violations, "tiers[4].tier", "is empty"));
  EXPECT_EQ(violations.size(), 3u) << Fields(violations);

  request = SmallCycleRequest();
  request.clear_tiers();
  violations = ValidatePlanCycleRequest(request);
  EXPECT_TRUE(Names(violations, "territory.physicians[0].tier",
                    "unknown tier \"A\" (the request has no tiers)"))
      << Fields(violations);
  EXPECT_EQ(violations.size(), 8u) << Fields(violations);
}

TEST(ValidatePlanCycleRequest, CallsGoFromMinimumToTargetToMaximum) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  request.mutable_tiers(1)->mutable_calls()->set_min_calls(3);  // target 2
  request.mutable_tiers(0)->mutable_calls()->set_max_calls(2);  // target 3
  request.mutable_tiers(2)->mutable_calls()->set_target_calls(5000);
  const auto violations = ValidatePlanCycleRequest(request);
  EXPECT_TRUE(Names(violations, "tiers[1].calls.min_calls",
                    "is 3, more than target_calls (2)"))
      << Fields(violations);
  EXPECT_TRUE(Names(violations, "tiers[0].calls.target_calls",
                    "is 3, more than max_calls (2)"));
  EXPECT_TRUE(Names(violations, "tiers[2].calls.target_calls",
                    "between 0 and 1000, got 5000"));
  EXPECT_EQ(violations.size(), 3u) << Fields(violations);
}

TEST(ValidatePlanCycleRequest, TargetsNameKnownPhysiciansAndTeamsOnce) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  auto add = [&request](const std::string& physician, const std::string& team) {
    v1::PhysicianTarget* target = request.add_targets();
    target->set_physician_id(physician);
    target->set_team_id(team);
    target->mutable_calls()->set_target_calls(2);
    return target;
  };
  add("P1", "");
  add("P1", "cardio");
  add("P9", "");
  add("P2", "onco");
  add("P1", "");
  add("P3", "")->mutable_calls()->set_max_calls(1);
  const auto violations = ValidatePlanCycleRequest(request);
  EXPECT_TRUE(Names(violations, "targets[2].physician_id", "unknown physician \"P9\""))
      << Fields(violations);
  EXPECT_TRUE(Names(violations, "targets[3].team_id", "unknown team \"onco\""));
  EXPECT_TRUE(Names(violations, "targets[4]", "appears twice (first at targets[0])"));
  EXPECT_TRUE(Names(violations, "targets[5].calls.target_calls",
                    "is 2, more than max_calls (1)"));
  EXPECT_EQ(violations.size(), 4u) << Fields(violations);
}

TEST(ValidatePlanCycleRequest, ResponsesAreSharesThatNeverRise) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  for (double share : {0.9, 0.95, 0.5, 1.5}) request.add_response(share);
  request.mutable_tiers(0)->set_response(1, -0.1);
  const auto violations = ValidatePlanCycleRequest(request);
  EXPECT_TRUE(Names(violations, "response[1]",
                    "is 0.95, more than response[0] (0.9): a call is never "
                    "worth more than the one before"))
      << Fields(violations);
  EXPECT_TRUE(Names(violations, "response[3]", "between 0 and 1, got 1.5"));
  EXPECT_TRUE(Names(violations, "tiers[0].response[1]", "between 0 and 1, got -0.1"));
  // 0.4 after the bad -0.1 is not compared with it.
  EXPECT_EQ(violations.size(), 3u) << Fields(violations);
}

TEST(ValidatePlanCycleRequest, CycleFairnessBoundsAreInTheirRanges) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  request.mutable_cycle_fairness()->set_max_workload_spread(20000);
  request.mutable_cycle_fairness()->set_max_potential_spread(-1);
  const auto violations = ValidatePlanCycleRequest(request);
  EXPECT_TRUE(Names(violations, "cycle_fairness.max_workload_spread",
                    "between 0 and 10000, got 20000"))
      << Fields(violations);
  EXPECT_TRUE(Names(violations, "cycle_fairness.max_potential_spread", "got -1"));
  EXPECT_EQ(violations.size(), 2u) << Fields(violations);
}

TEST(ValidatePlanCycleRequest, ReportsEveryProblemAtOnce) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  request.mutable_territory()->set_date("2026-03-02");
  request.set_last_date("2026-02-01");
  request.mutable_working_days(0)->set_rep_id("R7");
  request.mutable_territory()->mutable_physicians(7)->set_tier("Z");
  request.mutable_tiers(2)->mutable_calls()->set_min_calls(2);
  request.add_targets()->set_physician_id("P0");
  request.add_response(2);
  request.mutable_cycle_fairness()->set_max_potential_spread(-3);
  const auto violations = ValidatePlanCycleRequest(request);
  for (const char* field :
       {"territory.date", "last_date", "working_days[0].rep_id",
        "territory.physicians[7].tier", "tiers[2].calls.min_calls",
        "targets[0].physician_id", "response[0]",
        "cycle_fairness.max_potential_spread"}) {
    EXPECT_TRUE(Names(violations, field)) << field << "\n" << Fields(violations);
  }
  EXPECT_EQ(violations.size(), 8u) << Fields(violations);
}

}  // namespace
}  // namespace callplan
