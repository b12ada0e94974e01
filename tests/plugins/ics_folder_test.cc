// The embedded .ics folder calendar: visits at the plan's times, one file
// per rep and day, a second sync changes nothing (files not even
// rewritten), a re-plan deletes only what left the plan, and events edited
// or added by the rep are kept, time zone definitions included.
#include "plugins/ics_folder.h"

#include <sys/stat.h>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/crm_sync.h"
#include "plugins/ics_calendar.h"
#include "plugins/route_map_svg.h"
#include "tests/fixtures/process.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::testing::HasSubstr;
using testing::ReadText;
using testing::SampleBundle;
using testing::TestPlan;
using testing::WriteText;

constexpr char kDate[] = "2026-03-12";

std::vector<FoundEvent> EventsIn(const std::string& path) {
  absl::StatusOr<std::vector<FoundEvent>> events = ParseEvents(ReadText(path));
  return events.ok() ? *events : std::vector<FoundEvent>();
}

struct timespec ModifiedAt(const std::string& path) {
  struct stat info {};
  stat(path.c_str(), &info);
  return info.st_mtim;
}

// One source of times: the engine. A plan without them is refused naming
// the rep, and nothing is written.
TEST(VisitSchedule, PlanWithoutTimesIsRefusedNamingTheRep) {
  const CrmBundle bundle = SampleBundle();
  ASSERT_GE(bundle.reps.size(), 2u);
  v1::PlanDayResponse plan = TestPlan(bundle, 2, 2);
  v1::Visit* untimed = plan.mutable_rep_days(1)->mutable_visits(1);
  untimed->clear_arrival_seconds();
  untimed->clear_start_seconds();
  untimed->clear_end_seconds();
  const std::string dir = callplan::testing::MakeTempDir("callplan-untimed") + "/cal";
  CalendarTarget target;
  target.calendar = dir;
  absl::StatusOr<std::vector<RepSyncResult>> synced =
      SyncCalendars(bundle, plan, kDate, target);
  ASSERT_FALSE(synced.ok());
  EXPECT_EQ(synced.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(synced.status().message(),
              HasSubstr(absl::StrCat("rep ", bundle.reps[1].id, ": the plan gives "
                                     "visit 2 (physician ", untimed->physician_id(),
                                     ") no times of day")));
  struct stat info {};
  EXPECT_NE(stat(dir.c_str(), &info), 0) << "a calendar was written";
}

TEST(VisitSchedule, PlanForAnotherTerritoryIsRejected) {
  const CrmBundle bundle = SampleBundle();
  v1::PlanDayResponse plan = TestPlan(bundle, 1, 1);
  plan.mutable_rep_days(0)->mutable_visits(0)->set_physician_id("NOBODY");
  EXPECT_EQ(RepSchedulesFromPlan(plan, bundle, kDate).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(RepSchedulesFromPlan(TestPlan(bundle, 1, 1), bundle, "12/03/2026").ok());
}

TEST(IcsCalendar, UidIsStableAndEventsAreMarked) {
  const CrmBundle bundle = SampleBundle();
  absl::StatusOr<std::vector<ScheduledVisit>> visits =
      VisitsOfRepDay(TestPlan(bundle, 1, 1).rep_days(0), bundle, kDate);
  ASSERT_TRUE(visits.ok());
  const CalendarEvent a = VisitEvent((*visits)[0], absl::Now());
  const CalendarEvent b = VisitEvent((*visits)[0], absl::Now() + absl::Hours(5));
  EXPECT_EQ(a.uid, VisitUid("R01", kDate, "P001"));
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  EXPECT_THAT(a.ics, HasSubstr("X-CALLPLAN-CREATED-BY:callplan-crm"));
  EXPECT_THAT(a.ics, HasSubstr("GEO:"));
  EXPECT_THAT(a.ics, HasSubstr("Potential: 10.0"));
  absl::StatusOr<std::vector<FoundEvent>> found = ParseEvents(a.ics);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_TRUE((*found)[0].created_by_callplan);
  EXPECT_FALSE((*found)[0].EditedInCalendar());
  EXPECT_EQ((*found)[0].planned_date, kDate);
}

class IcsFolderTest : public ::testing::Test {
 protected:
  absl::StatusOr<std::vector<RepSyncResult>> Sync(const v1::PlanDayResponse& plan,
                                                  bool dry_run = false) {
    CalendarTarget target;
    target.calendar = dir_;
    target.dry_run = dry_run;
    return SyncCalendars(bundle_, plan, kDate, target);
  }
  std::string File(const std::string& rep) { return RepDayFile(dir_, rep, kDate); }

  CrmBundle bundle_ = SampleBundle();
  std::string dir_ = callplan::testing::MakeTempDir("callplan-ics") + "/calendars";
};

TEST_F(IcsFolderTest, SecondSyncChangesNothing) {
  const v1::PlanDayResponse plan = TestPlan(bundle_, 3, 4);
  absl::StatusOr<std::vector<RepSyncResult>> first = Sync(plan);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->size(), 8u);  // every rep of the bundle
  EXPECT_EQ((*first)[0].tally.created, 4);
  EXPECT_EQ(EventsIn(File("R01")).size(), 4u);
  EXPECT_EQ(EventsIn(File("R03")).size(), 4u);
  const std::string before = ReadText(File("R02"));
  const struct timespec mtime = ModifiedAt(File("R02"));

  absl::StatusOr<std::vector<RepSyncResult>> second = Sync(plan);
  ASSERT_TRUE(second.ok());
  for (const RepSyncResult& r : *second) {
    EXPECT_FALSE(r.tally.changed()) << r.where;
  }
  EXPECT_EQ((*second)[1].tally.unchanged, 4);
  EXPECT_EQ(ReadText(File("R02")), before);
  EXPECT_EQ(ModifiedAt(File("R02")).tv_sec, mtime.tv_sec);
  EXPECT_EQ(ModifiedAt(File("R02")).tv_nsec, mtime.tv_nsec);
}

TEST_F(IcsFolderTest, DryRunWritesNothing) {
  absl::StatusOr<std::vector<RepSyncResult>> dry = Sync(TestPlan(bundle_, 2, 2), true);
  ASSERT_TRUE(dry.ok());
  EXPECT_EQ((*dry)[0].tally.created, 2);
  EXPECT_THAT(ChangeListing(*dry), HasSubstr("create Visit 1:"));
  struct stat info {};
  EXPECT_NE(stat(dir_.c_str(), &info), 0);
}

TEST_F(IcsFolderTest, ReplanDeletesOnlyWhatLeftThePlanAndKeepsEdits) {
  v1::PlanDayResponse plan = TestPlan(bundle_, 2, 3);
  ASSERT_TRUE(Sync(plan).ok());
  // The rep edits visit 1 in the file and adds an event of their own.
  std::string text = ReadText(File("R01"));
  const size_t summary = text.find("SUMMARY:Visit 1:");
  ASSERT_NE(summary, std::string::npos);
  text.insert(summary + 8, "Moved: ");
  const std::string own =
      "BEGIN:VEVENT\r\nUID:dentist@rep\r\nDTSTAMP:20260301T080000Z\r\n"
      "DTSTART:20260312T160000Z\r\nDTEND:20260312T170000Z\r\n"
      "SUMMARY:Dentist\r\nEND:VEVENT\r\n";
  text.insert(text.rfind("END:VCALENDAR"), own);
  WriteText(File("R01"), text);

  // Re-plan: R01's last physician and R02's second leave the plan.
  plan.mutable_rep_days(0)->mutable_visits()->RemoveLast();
  plan.mutable_rep_days(1)->mutable_visits()->DeleteSubrange(1, 1);
  absl::StatusOr<std::vector<RepSyncResult>> replan = Sync(plan);
  ASSERT_TRUE(replan.ok()) << replan.status();
  const CalendarTally& r01 = (*replan)[0].tally;
  EXPECT_EQ(r01.conflicts, 1);  // the edited visit: reported, kept
  EXPECT_EQ(r01.deleted, 1);
  EXPECT_EQ(r01.updated, 0);
  EXPECT_THAT(SummaryTable(*replan, false), HasSubstr("edited in the calendar"));
  const std::vector<FoundEvent> events = EventsIn(File("R01"));
  ASSERT_EQ(events.size(), 3u);  // edited visit 1, visit 2, dentist
  EXPECT_EQ(events[0].summary, "Moved: Visit 1: " + bundle_.physicians[0].name);
  EXPECT_EQ(events[2].uid, "dentist@rep");
  EXPECT_EQ((*replan)[1].tally.deleted, 1);
  EXPECT_EQ((*replan)[1].tally.updated, 1);  // the third visit is now second
  EXPECT_EQ(EventsIn(File("R02")).size(), 2u);
}

TEST_F(IcsFolderTest, RewriteKeepsTheTimeZonesOfTheRepsOwnEvents) {
  // A meeting the rep imported from Outlook comes with its own VTIMEZONE,
  // under a name no time zone database knows. When a re-plan rewrites the
  // file, the definition must stay, or the meeting moves (found by
  // tests/fuzz/ics_fuzzer).
  const std::string zone =
      "BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\n"
      "BEGIN:STANDARD\r\nDTSTART:16011028T030000\r\n"
      "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
      "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
      "BEGIN:DAYLIGHT\r\nDTSTART:16010325T020000\r\n"
      "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
      "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\n"
      "END:VTIMEZONE\r\n";
  const std::string meeting =
      "BEGIN:VEVENT\r\nUID:team-meeting@outlook\r\n"
      "DTSTAMP:20260301T080000Z\r\n"
      "DTSTART;TZID=\"W. Europe Standard Time\":20260312T140000\r\n"
      "DTEND;TZID=\"W. Europe Standard Time\":20260312T150000\r\n"
      "SUMMARY:Team meeting\r\nEND:VEVENT\r\n";
  v1::PlanDayResponse plan = TestPlan(bundle_, 1, 2);
  ASSERT_TRUE(Sync(plan).ok());
  std::string text = ReadText(File("R01"));
  text.insert(text.find("BEGIN:VEVENT"), zone);
  text.insert(text.rfind("END:VCALENDAR"), meeting);
  WriteText(File("R01"), text);
  const std::vector<FoundEvent> before = EventsIn(File("R01"));
  ASSERT_EQ(before.size(), 3u);

  plan.mutable_rep_days(0)->mutable_visits()->RemoveLast();
  absl::StatusOr<std::vector<RepSyncResult>> replan = Sync(plan);
  ASSERT_TRUE(replan.ok()) << replan.status();
  EXPECT_EQ((*replan)[0].tally.deleted, 1);
  const std::vector<FoundEvent> after = EventsIn(File("R01"));
  ASSERT_EQ(after.size(), 2u);  // visit 1, the meeting
  EXPECT_EQ(after[1].uid, "team-meeting@outlook");
  // The fingerprint covers start and end as instants: the meeting kept its
  // time.
  EXPECT_EQ(after[1].fingerprint, before[2].fingerprint);
  EXPECT_THAT(ReadText(File("R01")), HasSubstr("TZID:W. Europe Standard Time"));
}

TEST_F(IcsFolderTest, RewriteKeepsTheRepsOwnEventsAsTheyWereRead) {
  // Values libical reads one way and writes another (not iCalendar, but
  // what a broken export leaves): a carriage return inside a line, an
  // escape "\B" read as a backspace. Each was dropped when the file was
  // written back, so the same event read differently after a sync (found
  // by tests/fuzz/ics_fuzzer).
  v1::PlanDayResponse plan = TestPlan(bundle_, 1, 2);
  ASSERT_TRUE(Sync(plan).ok());
  std::string text = ReadText(File("R01"));
  for (const std::string summary : {"Call\rback the lab", "Call\\Back"}) {
    text.insert(text.rfind("END:VCALENDAR"),
                absl::StrCat("BEGIN:VEVENT\r\nUID:own-", summary.size(),
                             "@rep\r\nDTSTAMP:20260301T080000Z\r\n"
                             "DTSTART:20260312T160000Z\r\n"
                             "DTEND:20260312T170000Z\r\nSUMMARY:",
                             summary, "\r\nEND:VEVENT\r\n"));
  }
  WriteText(File("R01"), text);
  const std::vector<FoundEvent> before = EventsIn(File("R01"));
  ASSERT_EQ(before.size(), 4u);

  plan.mutable_rep_days(0)->mutable_visits()->RemoveLast();
  ASSERT_TRUE(Sync(plan).ok());
  const std::vector<FoundEvent> after = EventsIn(File("R01"));
  ASSERT_EQ(after.size(), 3u);  // visit 1, the rep's own two events
  for (size_t k = 1; k < after.size(); ++k) {
    EXPECT_EQ(after[k].uid, before[k + 1].uid);
    EXPECT_EQ(after[k].summary, before[k + 1].summary);
    EXPECT_EQ(after[k].fingerprint, before[k + 1].fingerprint);
  }
}

TEST_F(IcsFolderTest, RouteMapShowsEveryRepAndPhysician) {
  absl::StatusOr<std::vector<RepSchedule>> schedules =
      RepSchedulesFromPlan(TestPlan(bundle_, 3, 2), bundle_, kDate);
  ASSERT_TRUE(schedules.ok());
  const std::string svg = RouteMapSvg(bundle_, *schedules, kDate);
  EXPECT_THAT(svg, HasSubstr("<svg"));
  EXPECT_THAT(svg, HasSubstr("R03: 2 visits"));
  EXPECT_THAT(svg, HasSubstr("(not visited)"));
  EXPECT_EQ(svg, RouteMapSvg(bundle_, *schedules, kDate));
}

}  // namespace
}  // namespace callplan::crm
