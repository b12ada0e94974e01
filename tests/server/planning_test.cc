// The shared planning path says where the potentials came from: the
// model that scored them in the plan's stats, and the words behind each
// counted product in the visit's reason (issue 14).
#include "server/planning.h"

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
