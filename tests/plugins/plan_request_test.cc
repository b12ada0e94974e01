// The time in the request the plugin sends for the sample bundle: every rep
// has a shift (its own or territory.csv's day) and the territory's lunch,
// physicians carry their weekly office hours, closed dates and visit
// lengths, and the request the territory's visit length and speed, all in
// seconds after local midnight.
#include "plugins/plan_request.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::testing::ElementsAre;
using testing::SampleBundle;

constexpr char kDate[] = "2026-03-12";  // a Thursday
constexpr int64_t kHour = 3600;

v1::PlanDayRequest SampleRequest() {
  const CrmBundle bundle = SampleBundle();
  EXPECT_FALSE(bundle.reps.empty()) << "the sample bundle did not read";
  return BuildPlanDayRequest(bundle, kDate);
}

const v1::Physician& PhysicianIn(const v1::PlanDayRequest& request,
                                 const std::string& id) {
  for (const v1::Physician& physician : request.physicians()) {
    if (physician.id() == id) return physician;
  }
  ADD_FAILURE() << "no physician " << id;
  return v1::Physician::default_instance();
}

TEST(PlanRequest, EveryRepHasTheDaysShiftAndLunch) {
  const v1::PlanDayRequest request = SampleRequest();
  ASSERT_EQ(request.reps_size(), 8);
  for (const v1::Rep& rep : request.reps()) {
    ASSERT_TRUE(rep.has_shift()) << rep.id();
    EXPECT_EQ(rep.shift().start_seconds(), 8 * kHour + 30 * 60) << rep.id();
    EXPECT_EQ(rep.shift().end_seconds(), 17 * kHour + 30 * 60) << rep.id();
    ASSERT_EQ(rep.breaks_size(), 1) << rep.id();
    EXPECT_EQ(rep.breaks(0).window().start_seconds(), 12 * kHour);
    EXPECT_EQ(rep.breaks(0).window().end_seconds(), 13 * kHour + 30 * 60);
    EXPECT_EQ(rep.breaks(0).duration_seconds(), 45 * 60);
    EXPECT_EQ(rep.travel_speed_kmh(), 0) << "the territory's speed";
  }
  EXPECT_EQ(request.default_visit_duration_seconds(), 30 * 60);
  EXPECT_EQ(request.default_travel_speed_kmh(), 25);
}

TEST(PlanRequest, PhysiciansCarryOfficeHoursClosedDatesAndVisitLengths) {
  const v1::PlanDayRequest request = SampleRequest();
  const v1::Physician& p009 = PhysicianIn(request, "P009");
  ASSERT_EQ(p009.office_hours_size(), 2);
  EXPECT_EQ(p009.office_hours(0).weekday(), v1::MONDAY);
  EXPECT_EQ(p009.office_hours(1).weekday(), v1::THURSDAY);
  EXPECT_EQ(p009.office_hours(1).window().start_seconds(), 14 * kHour);
  EXPECT_EQ(p009.office_hours(1).window().end_seconds(), 17 * kHour);
  const v1::Physician& p018 = PhysicianIn(request, "P018");
  ASSERT_EQ(p018.office_hours_size(), 3);  // Thursday twice, then Friday
  EXPECT_EQ(p018.office_hours(0).window().end_seconds(), 11 * kHour + 30 * 60);
  EXPECT_EQ(p018.office_hours(1).window().start_seconds(), 14 * kHour);
  EXPECT_EQ(p018.office_hours(2).weekday(), v1::FRIDAY);
  // The planned date is left to the sidecar to apply: hours stay weekly.
  EXPECT_TRUE(p009.availability().empty());
  EXPECT_THAT(PhysicianIn(request, "P036").closed_dates(),
              ElementsAre("2026-03-12", "2026-03-13"));
  EXPECT_EQ(PhysicianIn(request, "P002").visit_duration_seconds(), 45 * 60);
  EXPECT_EQ(PhysicianIn(request, "P014").visit_duration_seconds(), 20 * 60);
  const v1::Physician& p001 = PhysicianIn(request, "P001");
  EXPECT_EQ(p001.visit_duration_seconds(), 0) << "the request's default";
  EXPECT_TRUE(p001.office_hours().empty());
  EXPECT_TRUE(p001.closed_dates().empty());
}

TEST(PlanRequest, ARepsOwnShiftAndSpeedWinAndLunchMinutesZeroMeansNone) {
  CrmBundle bundle = SampleBundle();
  ASSERT_GE(bundle.reps.size(), 2u);
  bundle.reps[0].shift_start_seconds = 7 * kHour;
  bundle.reps[0].travel_speed_kmh = 45;
  bundle.reps[1].lunch_seconds = 0;
  bundle.reps[1].shift_end_seconds = 15 * kHour;
  const v1::PlanDayRequest request = BuildPlanDayRequest(bundle, kDate);
  EXPECT_EQ(request.reps(0).shift().start_seconds(), 7 * kHour);
  EXPECT_EQ(request.reps(0).shift().end_seconds(), 17 * kHour + 30 * 60);
  EXPECT_EQ(request.reps(0).travel_speed_kmh(), 45);
  EXPECT_EQ(request.reps(1).shift().end_seconds(), 15 * kHour);
  EXPECT_EQ(request.reps(1).breaks_size(), 0);
}

}  // namespace
}  // namespace callplan::crm
