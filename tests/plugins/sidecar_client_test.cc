// The progress lines the client draws on stderr for a day and a cycle.
#include "plugins/sidecar_client.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace callplan::crm {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(SidecarProgress, ACycleShowsItsStageDaysAndObjective) {
  v1::PlanCycleProgress progress;
  progress.set_elapsed_seconds(5);
  progress.set_stage("days");
  progress.set_days_planned(7);
  progress.set_days_total(28);
  EXPECT_THAT(RenderCycleProgressBar(progress, 20, 10),
              HasSubstr("[###-------]   5.0 s / 20 s  days (7/28 days planned)  "
                        "searching for a first plan"));
  progress.set_has_plan(true);
  progress.set_objective(1234.5);
  progress.set_best_bound(1300);
  const std::string bar = RenderCycleProgressBar(progress, 20, 10);
  EXPECT_THAT(bar, HasSubstr("objective 1234.5  bound 1300.0"));
  EXPECT_THAT(bar, Not(HasSubstr("searching")));
}

TEST(SidecarProgress, ACycleWithoutATimeLimitHasTheContractsSixtySeconds) {
  v1::PlanCycleRequest request;
  EXPECT_EQ(CycleTimeLimitSeconds(request), 60);
  request.mutable_territory()->mutable_options()->set_time_limit_seconds(12);
  EXPECT_EQ(CycleTimeLimitSeconds(request), 12);
}

}  // namespace
}  // namespace callplan::crm
