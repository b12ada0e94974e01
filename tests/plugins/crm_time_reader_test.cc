// Time in the CRM bundle: physician_hours.csv, the physicians' visit_minutes
// and closed_dates, the reps' shifts, lunches and speeds, territory.csv's
// day_end and lunch. Each is read as written, the territory's values fill
// what reps.csv leaves empty, and every bad time is reported as
// file:line: column: what, all at once, with nothing planned or written.
#include <sys/stat.h>

#include <map>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/crm_reader.h"
#include "plugins/working_day.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/process.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::WriteText;

constexpr int64_t kHour = 3600;

// A small bundle: two reps, three physicians; `extra` adds or replaces
// files (by name).
std::string WriteBundle(const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> files = {
      {"reps.csv",
       "rep_id,name,home_latitude,home_longitude,products,shift_start,"
       "shift_end,lunch_earliest,lunch_latest,lunch_minutes,travel_speed_kmh\n"
       "R1,Ann,45.76,4.83,Cardiovex,07:45,16:00,,,,40\n"
       "R2,Ben,45.75,4.85,Cardiovex,,,11:30,12:30,30,\n"},
      {"physicians.csv",
       "physician_id,name,latitude,longitude,visit_minutes,closed_dates\n"
       "P1,Dr A,45.76,4.84,45,2026-03-12;2026-04-06\n"
       "P2,Dr B,45.77,4.82,,\n"
       "P3,Dr C,45.74,4.86,20,\n"},
      {"potentials.csv",
       "physician_id,product,potential\nP1,Cardiovex,50\nP2,Cardiovex,40\n"
       "P3,Cardiovex,30\n"},
      {"territory.csv",
       "setting,value\ntime_zone,Europe/Paris\nday_start,08:00\nday_end,18:00\n"
       "lunch_earliest,12:00\nlunch_latest,13:30\nlunch_minutes,45\n"
       "visit_minutes,25\ntravel_speed_kmh,28\n"},
      {"physician_hours.csv",
       "physician_id,weekday,start,end\n"
       "P1,Thu,14:00,17:00\n"
       "P1,thursday,09:00,11:00\n"
       "P1,TUE,08:00,10:00\n"
       "P1,Tuesday,10:00,12:00\n"
       "P3,mon,08:30,12:00\n"},
  };
  for (const auto& [name, text] : extra) files[name] = text;
  const std::string dir = callplan::testing::MakeTempDir("callplan-crm-time");
  for (const auto& [name, text] : files) {
    if (!text.empty()) WriteText(dir + "/" + name, text);
  }
  return dir;
}

std::string Problems(const std::map<std::string, std::string>& extra) {
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(WriteBundle(extra));
  EXPECT_FALSE(bundle.ok());
  if (bundle.ok()) return "";
  EXPECT_EQ(bundle.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(bundle.status().message());
}

std::string Hours(const v1::WeeklyWindow& hours) {
  return absl::StrCat(v1::Weekday_Name(hours.weekday()), " ",
                      hours.window().start_seconds() / 60, "-",
                      hours.window().end_seconds() / 60);
}

TEST(CrmTimeReader, OfficeHoursAreSortedByWeekdayAndTouchingRowsJoin) {
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(WriteBundle({}));
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  const CrmPhysician& p1 = *bundle->FindPhysician("P1");
  std::vector<std::string> hours;
  for (const v1::WeeklyWindow& h : p1.office_hours) hours.push_back(Hours(h));
  // Tuesday 08:00-10:00 and 10:00-12:00 touch: one window.
  EXPECT_THAT(hours, ElementsAre("TUESDAY 480-720", "THURSDAY 540-660",
                                 "THURSDAY 840-1020"));
  EXPECT_TRUE(bundle->FindPhysician("P2")->office_hours.empty());
  ASSERT_EQ(bundle->FindPhysician("P3")->office_hours.size(), 1u);
  EXPECT_EQ(bundle->FindPhysician("P3")->office_hours[0].weekday(), v1::MONDAY);
}

TEST(CrmTimeReader, VisitMinutesAndClosedDatesPerPhysician) {
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(WriteBundle({}));
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  EXPECT_EQ(bundle->FindPhysician("P1")->visit_seconds, 45 * 60);
  EXPECT_EQ(bundle->FindPhysician("P2")->visit_seconds, 0);  // the territory's
  EXPECT_EQ(bundle->FindPhysician("P3")->visit_seconds, 20 * 60);
  EXPECT_THAT(bundle->FindPhysician("P1")->closed_dates,
              ElementsAre("2026-03-12", "2026-04-06"));
  EXPECT_TRUE(bundle->FindPhysician("P2")->closed_dates.empty());
}

TEST(CrmTimeReader, RepsTakeTheTerritoryDayWhereTheyGiveNone) {
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(WriteBundle({}));
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  const TerritorySettings& settings = bundle->settings;
  EXPECT_EQ(settings.day.day_start_seconds, 8 * kHour);
  EXPECT_EQ(settings.day.day_end_seconds, 18 * kHour);
  EXPECT_EQ(settings.day.visit_seconds, 25 * 60);
  EXPECT_EQ(settings.day.travel_speed_kmh, 28);
  const CrmRep& r1 = *bundle->FindRep("R1");
  const CrmRep& r2 = *bundle->FindRep("R2");
  EXPECT_EQ(ShiftOf(r1, settings).start_seconds(), 7 * kHour + 45 * 60);
  EXPECT_EQ(ShiftOf(r1, settings).end_seconds(), 16 * kHour);
  EXPECT_EQ(ShiftOf(r2, settings).start_seconds(), 8 * kHour);
  EXPECT_EQ(ShiftOf(r2, settings).end_seconds(), 18 * kHour);
  EXPECT_EQ(r1.travel_speed_kmh, 40);
  EXPECT_EQ(r2.travel_speed_kmh, 0);  // the territory's
  // R1: the territory's lunch; R2: its own.
  const std::optional<Lunch> l1 = LunchOf(r1, settings);
  ASSERT_TRUE(l1.has_value());
  EXPECT_EQ(l1->earliest_seconds, 12 * kHour);
  EXPECT_EQ(l1->latest_seconds, 13 * kHour + 30 * 60);
  EXPECT_EQ(l1->seconds, 45 * 60);
  const std::optional<Lunch> l2 = LunchOf(r2, settings);
  ASSERT_TRUE(l2.has_value());
  EXPECT_EQ(l2->earliest_seconds, 11 * kHour + 30 * 60);
  EXPECT_EQ(l2->seconds, 30 * 60);
}

TEST(CrmTimeReader, DefaultsAreADayOf0830To1730WithoutLunch) {
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(WriteBundle(
      {{"territory.csv", "setting,value\n"},
       {"reps.csv",
        "rep_id,name,home_latitude,home_longitude,products,lunch_minutes\n"
        "R1,Ann,45.76,4.83,Cardiovex,\nR2,Ben,45.75,4.85,Cardiovex,0\n"},
       {"physician_hours.csv", ""}}));
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  const CrmRep& r1 = *bundle->FindRep("R1");
  EXPECT_EQ(ShiftOf(r1, bundle->settings).start_seconds(), 8 * kHour + 30 * 60);
  EXPECT_EQ(ShiftOf(r1, bundle->settings).end_seconds(), 17 * kHour + 30 * 60);
  EXPECT_FALSE(LunchOf(r1, bundle->settings).has_value());
  EXPECT_FALSE(LunchOf(*bundle->FindRep("R2"), bundle->settings).has_value());
  EXPECT_EQ(bundle->settings.day.visit_seconds, 30 * 60);
  EXPECT_TRUE(bundle->FindPhysician("P1")->office_hours.empty());
}

TEST(CrmTimeReader, RepWithLunchMinutesZeroSkipsTheTerritoryLunch) {
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(WriteBundle(
      {{"reps.csv",
        "rep_id,name,home_latitude,home_longitude,products,lunch_minutes\n"
        "R1,Ann,45.76,4.83,Cardiovex,0\nR2,Ben,45.75,4.85,Cardiovex,\n"}}));
  ASSERT_TRUE(bundle.ok()) << bundle.status();
  EXPECT_FALSE(LunchOf(*bundle->FindRep("R1"), bundle->settings).has_value());
  EXPECT_TRUE(LunchOf(*bundle->FindRep("R2"), bundle->settings).has_value());
}

TEST(CrmTimeReader, EveryBadOfficeHourIsReportedAtOnce) {
  const std::string message = Problems(
      {{"physician_hours.csv",
        "physician_id,weekday,start,end\n"
        "P1,Thu,14:00,17:00\n"
        "P1,thu,16:30,18:00\n"      // overlaps line 2
        "P2,Fri,12:00,09:00\n"      // ends before it starts
        "P2,Fri,10:00,10:00\n"      // empty
        "P3,Thurs,09:00,12:00\n"    // no such weekday
        "P4,Mon,09:00,12:00\n"      // no such physician
        "P3,Mon,9h00,25:00\n"       // not HH:MM
        "P3,,,\n"}});
  for (const char* expected : {
           "physician_hours.csv:3: start: 16:30-18:00 overlaps 14:00-17:00 on "
           "line 2 (same physician and weekday)",
           "physician_hours.csv:4: end: must be after start 12:00, got 09:00",
           "physician_hours.csv:5: end: must be after start 10:00, got 10:00",
           "physician_hours.csv:6: weekday: must be a weekday Mon..Sun or "
           "Monday..Sunday, got \"Thurs\"",
           "physician_hours.csv:7: physician_id: no physician \"P4\" in physicians.csv",
           "physician_hours.csv:8: start: must be a time HH:MM, got \"9h00\"",
           "physician_hours.csv:8: end: must be a time HH:MM, got \"25:00\"",
           "physician_hours.csv:9: weekday: required, but empty",
           "physician_hours.csv:9: start: required, but empty",
       }) {
    EXPECT_THAT(message, HasSubstr(expected));
  }
  EXPECT_THAT(message, Not(HasSubstr("physician_hours.csv:2")));
  EXPECT_THAT(Problems({{"physician_hours.csv", "physician_id,day,start,end\n"}}),
              HasSubstr("physician_hours.csv:1: weekday: missing column"));
}

TEST(CrmTimeReader, EveryBadPhysicianAndRepTimeIsReportedAtOnce) {
  const std::string message = Problems(
      {{"physicians.csv",
        "physician_id,name,latitude,longitude,visit_minutes,closed_dates\n"
        "P1,Dr A,45.76,4.84,0,2026-03-12;12/03/2026\n"
        "P2,Dr B,45.77,4.82,-15,2026-02-30\n"
        "P3,Dr C,45.74,4.86,half,2026-03-12;2026-03-12\n"},
       {"reps.csv",
        "rep_id,name,home_latitude,home_longitude,products,shift_start,"
        "shift_end,lunch_earliest,lunch_latest,lunch_minutes,travel_speed_kmh\n"
        "R1,Ann,45.76,4.83,Cardiovex,16:00,08:00,,,,0\n"
        "R2,Ben,45.75,4.85,Cardiovex,8:30h,,13:30,12:00,30,\n"
        "R3,Cat,45.75,4.85,Cardiovex,08:00,12:00,,,,\n"
        "R4,Dan,45.75,4.85,Cardiovex,,,,,-5,fast\n"}});
  for (const char* expected : {
           "physicians.csv:2: visit_minutes: must be a whole number between 1 and 480",
           "physicians.csv:2: closed_dates: must be days YYYY-MM-DD separated "
           "by ';', got \"12/03/2026\"",
           "physicians.csv:3: visit_minutes: must be a whole number between 1 and 480",
           "physicians.csv:3: closed_dates: must be days YYYY-MM-DD separated "
           "by ';', got \"2026-02-30\"",
           "physicians.csv:4: visit_minutes: must be a whole number",
           "physicians.csv:4: closed_dates: date \"2026-03-12\" listed twice",
           "reps.csv:2: travel_speed_kmh: must be between 1 and 200, got 0",
           "reps.csv:2: shift_end: the shift ends at 08:00, not after it starts "
           "at 16:00 (a shift may not run past midnight)",
           "reps.csv:3: shift_start: must be a time HH:MM, got \"8:30h\"",
           "reps.csv:3: lunch_latest: 12:00 is before lunch_earliest 13:30",
           // The territory's 12:00-13:30 lunch cannot start before 12:00.
           "reps.csv:4: lunch_minutes: a 45-minute lunch starting 12:00-13:30 "
           "does not fit the shift 08:00-12:00",
           "reps.csv:5: lunch_minutes: must be a whole number between 0 and 480",
           "reps.csv:5: travel_speed_kmh: must be a number between 1 and 200",
       }) {
    EXPECT_THAT(message, HasSubstr(expected));
  }
}

TEST(CrmTimeReader, EveryBadTerritoryDayIsReported) {
  std::string message = Problems(
      {{"territory.csv",
        "setting,value\nday_start,09:00\nday_end,08:00\nlunch_minutes,45\n"}});
  EXPECT_THAT(message, HasSubstr("territory.csv:3: value: day_end 08:00 is not "
                                 "after day_start 09:00"));
  message = Problems({{"territory.csv",
                       "setting,value\nlunch_minutes,45\nlunch_earliest,12:00\n"}});
  EXPECT_THAT(message, HasSubstr("territory.csv:2: setting: a lunch needs "
                                 "lunch_earliest, lunch_latest and lunch_minutes"));
  EXPECT_THAT(message, HasSubstr("missing lunch_latest"));
  message = Problems({{"territory.csv",
                       "setting,value\nday_end,12:30\nlunch_earliest,12:00\n"
                       "lunch_latest,13:30\nlunch_minutes,45\n"},
                      {"reps.csv",
                       "rep_id,name,home_latitude,home_longitude,products\n"
                       "R1,Ann,45.76,4.83,Cardiovex\n"}});
  EXPECT_THAT(message, HasSubstr("territory.csv:5: value: a 45-minute lunch "
                                 "starting 12:00-13:30 does not fit the shift "
                                 "08:30-12:30"));
  message = Problems({{"territory.csv",
                       "setting,value\nlunch_earliest,noon\nlunch_latest,11:00\n"
                       "lunch_minutes,0\nday_end,18:00\nday_end,19:00\n"}});
  EXPECT_THAT(message, HasSubstr("territory.csv:2: value: must be a time HH:MM, "
                                 "got \"noon\""));
  EXPECT_THAT(message, HasSubstr("territory.csv:4: value: must be a whole number "
                                 "between 1 and 480"));
  EXPECT_THAT(message, HasSubstr("territory.csv:6: setting: \"day_end\" repeated"));
}

TEST(CrmTimeReader, RepLunchInPartNeedsTheTerritorysLunch) {
  const std::string message = Problems(
      {{"territory.csv", "setting,value\n"},
       {"reps.csv",
        "rep_id,name,home_latitude,home_longitude,products,lunch_earliest\n"
        "R1,Ann,45.76,4.83,Cardiovex,12:00\n"}});
  EXPECT_THAT(message, HasSubstr("reps.csv:2: lunch_latest: a lunch needs "
                                 "lunch_earliest, lunch_latest and lunch_minutes; "
                                 "missing lunch_latest, lunch_minutes"));
}

TEST(CrmTimeReader, SyncWithBadHoursPlansAndWritesNothing) {
  const std::string dir = WriteBundle(
      {{"physician_hours.csv",
        "physician_id,weekday,start,end\nP1,Thu,14:00,12:00\n"}});
  const std::string out =
      callplan::testing::MakeTempDir("callplan-out") + "/calendars";
  // The sidecar address is never dialled: the bundle is refused first.
  const callplan::testing::CommandResult result = callplan::testing::RunCommand(
      absl::StrCat(CALLPLAN_BINARY_DIR, "/bin/callplan-crm sync --crm ", dir,
                   " --date 2026-03-12 --sidecar 127.0.0.1:1 --calendar ", out));
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_THAT(result.err, HasSubstr("physician_hours.csv:2: end: must be after "
                                    "start 14:00, got 12:00"));
  EXPECT_THAT(result.err, HasSubstr("nothing was planned or written"));
  struct stat info {};
  EXPECT_NE(stat(out.c_str(), &info), 0) << out << " was created";
}

}  // namespace
}  // namespace callplan::crm
