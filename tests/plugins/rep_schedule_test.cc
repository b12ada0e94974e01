// Calendar events take their times from the engine's plan: a Visit's
// seconds after local midnight land at the right instants in the
// territory's zone, on either side of a daylight-saving change
// (Europe/Paris, 2026-03-29: 02:00 becomes 03:00), and the event says when
// the rep arrives, how long the rep waits and where lunch was placed.
#include "plugins/rep_schedule.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/crm_sync.h"
#include "plugins/ics_calendar.h"
#include "plugins/ics_folder.h"
#include "tests/fixtures/process.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::ReadText;
using testing::SampleBundle;

constexpr int64_t kHour = 3600;

void SetTimes(v1::Visit* visit, int64_t arrival, int64_t start, int64_t end) {
  visit->set_arrival_seconds(arrival);
  visit->set_start_seconds(start);
  visit->set_end_seconds(end);
  visit->set_wait_seconds(start - arrival);
}

// R01 sees P001 at 09:00-09:30, has lunch 12:15-13:00 after it, arrives at
// P009 at 13:40 and waits for its 14:00 hours, home at 15:10.
v1::PlanDayResponse TimedPlan(const CrmBundle& bundle) {
  v1::PlanDayResponse plan;
  v1::RepDay* day = plan.add_rep_days();
  day->set_rep_id(bundle.reps[0].id);
  day->set_start_seconds(8 * kHour + 40 * 60);
  day->set_end_seconds(15 * kHour + 10 * 60);
  v1::Visit* first = day->add_visits();
  first->set_physician_id("P001");
  first->set_leg_distance(8);
  SetTimes(first, 9 * kHour, 9 * kHour, 9 * kHour + 30 * 60);
  v1::Visit* second = day->add_visits();
  second->set_physician_id("P009");
  second->set_leg_distance(4);
  SetTimes(second, 13 * kHour + 40 * 60, 14 * kHour, 14 * kHour + 30 * 60);
  v1::PlacedBreak* lunch = day->add_breaks();
  lunch->set_start_seconds(12 * kHour + 15 * 60);
  lunch->set_end_seconds(13 * kHour);
  lunch->set_after_visits(1);
  lunch->set_at_id("P001");
  plan.mutable_stats()->set_status(v1::OPTIMAL);
  return plan;
}

// iCalendar folds long lines; unfolded, a description reads as written.
std::string Unfolded(std::string ics) {
  for (size_t at; (at = ics.find("\r\n ")) != std::string::npos;) ics.erase(at, 3);
  return ics;
}

absl::Time Utc(int year, int month, int day, int hour, int minute) {
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute),
                         absl::UTCTimeZone());
}

TEST(RepSchedule, VisitsLandAtTheEnginesTimesAcrossTheSpringDstChange) {
  const CrmBundle bundle = SampleBundle();
  ASSERT_EQ(bundle.settings.time_zone, "Europe/Paris");
  const v1::PlanDayResponse plan = TimedPlan(bundle);
  // The day before the change: Paris is UTC+1.
  absl::StatusOr<std::vector<ScheduledVisit>> before =
      VisitsOfRepDay(plan.rep_days(0), bundle, "2026-03-28");
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ((*before)[0].start, Utc(2026, 3, 28, 8, 0));
  EXPECT_EQ((*before)[1].start, Utc(2026, 3, 28, 13, 0));
  // The day of the change: from 03:00 on, Paris is UTC+2, and 09:00 local
  // is still 09:00 on the rep's clock.
  absl::StatusOr<std::vector<ScheduledVisit>> change =
      VisitsOfRepDay(plan.rep_days(0), bundle, "2026-03-29");
  ASSERT_TRUE(change.ok()) << change.status();
  EXPECT_EQ((*change)[0].start, Utc(2026, 3, 29, 7, 0));
  EXPECT_EQ((*change)[0].end, Utc(2026, 3, 29, 7, 30));
  EXPECT_EQ((*change)[1].arrival, Utc(2026, 3, 29, 11, 40));
  EXPECT_EQ((*change)[1].start, Utc(2026, 3, 29, 12, 0));
  EXPECT_EQ((*change)[1].wait_seconds, 20 * 60);
  // Before 02:00 the day is still on UTC+1.
  EXPECT_EQ(AtSecondOfDay(absl::CivilDay(2026, 3, 29), kHour + 30 * 60,
                          (*change)[0].zone),
            Utc(2026, 3, 29, 0, 30));
  // In the written event, as UTC.
  const CalendarEvent event = VisitEvent((*change)[0], absl::Now());
  EXPECT_THAT(event.ics, HasSubstr("DTSTART:20260329T070000Z"));
  EXPECT_THAT(event.ics, HasSubstr("DTEND:20260329T073000Z"));
}

TEST(RepSchedule, EventsSayTheWaitAndWhereLunchWasPlaced) {
  const CrmBundle bundle = SampleBundle();
  absl::StatusOr<std::vector<ScheduledVisit>> visits =
      VisitsOfRepDay(TimedPlan(bundle).rep_days(0), bundle, "2026-03-12");
  ASSERT_TRUE(visits.ok()) << visits.status();
  ASSERT_EQ(visits->size(), 2u);
  const std::string first = Unfolded(VisitEvent((*visits)[0], absl::Now()).ics);
  EXPECT_THAT(first, HasSubstr("After this visit: lunch 12:15-13:00."));
  EXPECT_THAT(first, Not(HasSubstr("wait")));
  const std::string second = Unfolded(VisitEvent((*visits)[1], absl::Now()).ics);
  EXPECT_THAT(second, HasSubstr("Arrive 13:40\\, wait 20 min: the visit starts at 14:00."));
  EXPECT_THAT(second, Not(HasSubstr("lunch")));
  // Lunch is text in a visit, never an event of its own.
  EXPECT_EQ(ParseEvents(first)->size(), 1u);
}

TEST(RepSchedule, LunchAtHomeAfterAShortMorningSaysSo) {
  const CrmBundle bundle = SampleBundle();
  v1::PlanDayResponse plan = TimedPlan(bundle);
  plan.mutable_rep_days(0)->mutable_visits()->RemoveLast();
  v1::PlacedBreak* lunch = plan.mutable_rep_days(0)->mutable_breaks(0);
  lunch->set_at_id(bundle.reps[0].id);
  absl::StatusOr<std::vector<ScheduledVisit>> visits =
      VisitsOfRepDay(plan.rep_days(0), bundle, "2026-03-12");
  ASSERT_TRUE(visits.ok()) << visits.status();
  EXPECT_THAT(Unfolded(VisitEvent((*visits)[0], absl::Now()).ics),
              HasSubstr("After this visit: lunch 12:15-13:00\\, at home."));
}

TEST(RepSchedule, TheDayListingShowsTheEnginesDay) {
  CrmBundle bundle = SampleBundle();
  const std::string dir = callplan::testing::MakeTempDir("callplan-times");
  CalendarTarget target;
  target.calendar = dir;
  absl::StatusOr<std::vector<RepSyncResult>> results =
      SyncCalendars(bundle, TimedPlan(bundle), "2026-03-12", target);
  ASSERT_TRUE(results.ok()) << results.status();
  const std::string listing = DayListing(*results, bundle.settings.time_zone);
  EXPECT_THAT(listing, HasSubstr("leaves home 08:40, back 15:10"));
  EXPECT_THAT(listing, HasSubstr("1. 09:00-09:30"));
  EXPECT_THAT(listing, HasSubstr("     lunch 12:15-13:00\n  2. 14:00-14:30"));
  EXPECT_THAT(listing, HasSubstr("(arrives 13:40, waits 20 min)"));
  EXPECT_THAT(ReadText(RepDayFile(dir, bundle.reps[0].id, "2026-03-12")),
              HasSubstr("DTSTART:20260312T080000Z"));
}

TEST(RepSchedule, LunchMovedByARePlanUpdatesOnlyTheVisitItFollows) {
  const CrmBundle bundle = SampleBundle();
  const std::string dir = callplan::testing::MakeTempDir("callplan-lunch");
  CalendarTarget target;
  target.calendar = dir;
  v1::PlanDayResponse plan = TimedPlan(bundle);
  ASSERT_TRUE(SyncCalendars(bundle, plan, "2026-03-12", target).ok());
  absl::StatusOr<std::vector<RepSyncResult>> same =
      SyncCalendars(bundle, plan, "2026-03-12", target);
  ASSERT_TRUE(same.ok());
  EXPECT_FALSE((*same)[0].tally.changed());
  plan.mutable_rep_days(0)->mutable_breaks(0)->set_start_seconds(12 * kHour + 30 * 60);
  plan.mutable_rep_days(0)->mutable_breaks(0)->set_end_seconds(13 * kHour + 15 * 60);
  absl::StatusOr<std::vector<RepSyncResult>> moved =
      SyncCalendars(bundle, plan, "2026-03-12", target);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ((*moved)[0].tally.updated, 1);
  EXPECT_EQ((*moved)[0].tally.unchanged, 1);
  EXPECT_THAT(Unfolded(ReadText(RepDayFile(dir, bundle.reps[0].id, "2026-03-12"))),
              HasSubstr("lunch 12:30-13:15"));
}

}  // namespace
}  // namespace callplan::crm
