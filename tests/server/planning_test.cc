// The shared planning path says where the potentials came from: the
// model that scored them in the plan's stats, and the words behind each
// counted product in the visit's reason (issue 14).
#include "server/planning.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace callplan {
namespace {

using ::testing::HasSubstr;

TEST(PlanDayFromRequest, SaysWhichModelScoredThePotentialsAndWhy) {
  v1::PlanDayRequest request;
  auto* rep = request.add_reps();
  rep->set_id("R1");
  rep->mutable_home()->mutable_planar()->set_x(0);
  rep->add_products("D1");
  for (const char* id : {"P1", "P2"}) {
    auto* physician = request.add_physicians();
    physician->set_id(id);
    physician->mutable_location()->mutable_planar()->set_x(3);
    physician->set_optional(true);
    (*physician->mutable_product_potential())["D1"] = 40;
    (*physician->mutable_product_potential())["D9"] = 70;  // not promoted by R1
    (*physician->mutable_potential_basis())["D9"] = "words of a product R1 does not count";
  }
  (*request.mutable_physicians(0)->mutable_potential_basis())["D1"] =
      "forecast 126 D1 prescriptions in 3 months";
  request.set_potential_model_id("pm-0123456789abcdef");
  absl::StatusOr<v1::PlanDayResponse> plan = PlanDayFromRequest(request, ProblemLimits{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->stats().potential_model_id(), "pm-0123456789abcdef");
  ASSERT_EQ(plan->rep_days(0).visits_size(), 2);
  for (const v1::Visit& visit : plan->rep_days(0).visits()) {
    EXPECT_THAT(visit.reason(), ::testing::Not(HasSubstr("does not count")));
    if (visit.physician_id() == "P1") {
      EXPECT_THAT(visit.reason(),
                  HasSubstr("(potential 40); 3.0 from home; D1: forecast 126 D1 prescriptions "
                            "in 3 months"));
    } else {
      EXPECT_THAT(visit.reason(), ::testing::EndsWith("3.0 from home"));
    }
  }
  request.clear_potential_model_id();
  EXPECT_EQ(PlanDayFromRequest(request, ProblemLimits{})->stats().potential_model_id(), "");
}

}  // namespace
}  // namespace callplan

namespace callplan {
namespace {

// The plan_day fuzzer's finding: a team of the request with no rep today
// (found-empty-team in its corpus) gave the warm start's balance columns
// an extreme over no reps, and Clp aborted the whole process on an
// assertion when CBC checked the incumbent.
TEST(PlanDayFromRequest, ATeamWithoutRepsTodayStillPlansTheOthers) {
  v1::PlanDayRequest request;
  for (const char* id : {"cardio", "diabetes"}) {
    v1::Team* team = request.add_teams();
    team->set_id(id);
    team->add_products(absl::StrCat(id, "-drug"));
    team->mutable_policy()->set_max_workload_spread(1);
    team->mutable_policy()->set_max_potential_spread(120);
  }
  for (const char* id : {"R1", "R2"}) {
    v1::Rep* rep = request.add_reps();
    rep->set_id(id);
    rep->set_team_id("diabetes");
    rep->mutable_home()->mutable_planar()->set_x(id[1] == '1' ? 0 : 50);
  }
  for (int j = 0; j < 6; ++j) {
    v1::Physician* physician = request.add_physicians();
    physician->set_id(absl::StrCat("P", j));
    physician->mutable_location()->mutable_planar()->set_x(10 * j);
    (*physician->mutable_product_potential())["diabetes-drug"] = 10 + 5 * j;
    (*physician->mutable_product_potential())["cardio-drug"] = 30;
    physician->set_optional(j % 2 == 1);
  }
  absl::StatusOr<v1::PlanDayResponse> plan = PlanDayFromRequest(request, ProblemLimits{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->stats().status(), v1::OPTIMAL);
  int visits = 0;
  for (const v1::RepDay& day : plan->rep_days()) visits += day.visits_size();
  EXPECT_EQ(visits, 6);
}

}  // namespace
}  // namespace callplan
