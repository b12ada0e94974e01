// The sample day planned by a real sidecar with time (office hours, a
// closed practice, the lunch, visit lengths) and synced into .ics files:
// every visit in the calendars starts inside its physician's office hours
// for that weekday and inside the rep's shift, ends by the shift's end,
// none overlaps another, the physician closed that day is never visited,
// and each rep's lunch is in the calendar as the engine placed it.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/crm_fields.h"
#include "plugins/ics_calendar.h"
#include "plugins/ics_folder.h"
#include "plugins/working_day.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/process.h"
#include "tests/fixtures/sidecar_process.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::testing::HasSubstr;
using callplan::testing::CommandResult;
using callplan::testing::RunCommand;
using testing::ReadText;
using testing::SampleBundle;
using testing::SampleBundleDir;

constexpr char kDate[] = "2026-03-12";  // a Thursday

// One visit as written in a calendar: who, and when on the rep's clock.
struct WrittenVisit {
  std::string physician_id;
  int64_t start = 0;  // seconds after local midnight
  int64_t end = 0;
};

// A VEVENT property's UTC time (DTSTART:20260312T080000Z) as seconds after
// local midnight of kDate in `zone`.
int64_t LocalSeconds(const std::string& vevent, const std::string& property,
                     absl::TimeZone zone) {
  const size_t at = vevent.find("\n" + property + ":");
  if (at == std::string::npos) return -1;
  const std::string value = vevent.substr(at + property.size() + 2, 16);
  // absl's %Y takes every digit it sees, so the basic format is read by hand.
  int y, mo, d, h, mi, sec;
  if (value.size() != 16 || value[8] != 'T' || value[15] != 'Z' ||
      std::sscanf(value.c_str(), "%4d%2d%2dT%2d%2d%2dZ", &y, &mo, &d, &h, &mi, &sec) != 6) {
    return -1;
  }
  const absl::Time time =
      absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, sec), absl::UTCTimeZone());
  const absl::CivilSecond local = absl::ToCivilSecond(time, zone);
  return (local - absl::CivilSecond(absl::CivilDay(2026, 3, 12)));
}

std::string Unfolded(std::string ics) {
  for (size_t at; (at = ics.find("\r\n ")) != std::string::npos;) ics.erase(at, 3);
  return ics;
}

bool InsideOfficeHours(const CrmPhysician& physician, int64_t start) {
  if (physician.office_hours.empty()) return true;  // any time
  for (const v1::WeeklyWindow& hours : physician.office_hours) {
    if (hours.weekday() == v1::THURSDAY && hours.window().start_seconds() <= start &&
        start <= hours.window().end_seconds()) {
      return true;
    }
  }
  return false;
}

// Receives reps on Thursdays, and only from 14:00.
bool AfternoonOnly(const CrmPhysician& physician) {
  int thursday = 0;
  for (const v1::WeeklyWindow& hours : physician.office_hours) {
    if (hours.weekday() != v1::THURSDAY) continue;
    if (hours.window().start_seconds() < 14 * 3600) return false;
    ++thursday;
  }
  return thursday > 0;
}

TEST(CrmTimedDay, SampleVisitsFitOfficeHoursShiftsAndLunch) {
  const CrmBundle bundle = SampleBundle();
  ASSERT_FALSE(bundle.reps.empty());
  absl::TimeZone zone;
  ASSERT_TRUE(absl::LoadTimeZone(bundle.settings.time_zone, &zone));
  auto sidecar = callplan::testing::SidecarProcess::Start();
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const std::string out = callplan::testing::MakeTempDir("callplan-timed");
  const CommandResult sync = RunCommand(absl::StrCat(
      CALLPLAN_BINARY_DIR, "/bin/callplan-crm sync --crm ", SampleBundleDir(),
      " --date ", kDate, " --sidecar ", (*sidecar)->address(), " --calendar ", out));
  ASSERT_EQ(sync.exit_code, 0) << sync.out << sync.err << (*sidecar)->Log();
  EXPECT_THAT(sync.out, ::testing::ContainsRegex("plan: (OPTIMAL|FEASIBLE)"));

  const std::set<std::string> closed = testing::ClosedOn(bundle, kDate);
  ASSERT_EQ(closed.size(), 1u) << "the sample closes one practice that day";
  int visits = 0, afternoon_only_visited = 0;
  for (const CrmRep& rep : bundle.reps) {
    const std::string text = Unfolded(ReadText(RepDayFile(out, rep.id, kDate)));
    if (text.empty()) continue;
    absl::StatusOr<std::vector<FoundEvent>> events = ParseEvents(text);
    ASSERT_TRUE(events.ok()) << rep.id;
    const v1::TimeWindow shift = ShiftOf(rep, bundle.settings);
    const std::string prefix = absl::StrCat("callplan-", kDate, "-", rep.id, "-");
    std::vector<WrittenVisit> day;
    for (const FoundEvent& event : *events) {
      absl::string_view id = event.uid;
      ASSERT_TRUE(absl::ConsumePrefix(&id, prefix)) << event.uid;
      ASSERT_TRUE(absl::ConsumeSuffix(&id, "@callplan")) << event.uid;
      WrittenVisit visit{std::string(id), LocalSeconds(event.vevent, "DTSTART", zone),
                         LocalSeconds(event.vevent, "DTEND", zone)};
      const CrmPhysician* physician = bundle.FindPhysician(visit.physician_id);
      ASSERT_NE(physician, nullptr) << event.uid;
      EXPECT_EQ(closed.count(visit.physician_id), 0u)
          << visit.physician_id << " is closed on " << kDate << " but visited";
      EXPECT_TRUE(InsideOfficeHours(*physician, visit.start))
          << rep.id << " visits " << visit.physician_id << " at "
          << ClockText(visit.start) << ", outside its Thursday hours";
      EXPECT_GE(visit.start, shift.start_seconds()) << event.uid;
      EXPECT_LE(visit.end, shift.end_seconds()) << event.uid;
      EXPECT_GT(visit.end, visit.start) << event.uid;
      if (AfternoonOnly(*physician)) ++afternoon_only_visited;
      day.push_back(visit);
    }
    std::sort(day.begin(), day.end(), [](const WrittenVisit& a, const WrittenVisit& b) {
      return a.start < b.start;
    });
    for (size_t k = 1; k < day.size(); ++k) {
      EXPECT_GE(day[k].start, day[k - 1].end)
          << rep.id << ": " << day[k].physician_id << " overlaps "
          << day[k - 1].physician_id;
    }
    visits += static_cast<int>(day.size());
    if (day.empty()) continue;
    // The lunch, as text in the visit it follows: 45 minutes, starting
    // 12:00-13:30 (the sample's territory.csv), between two visits.
    const size_t lunch = text.find("this visit: lunch ");
    ASSERT_NE(lunch, std::string::npos) << rep.id << " has no lunch\n" << text;
    const std::string span = text.substr(lunch + 18, 11);  // HH:MM-HH:MM
    const std::optional<int64_t> from = ParseClockTime(span.substr(0, 5));
    const std::optional<int64_t> to = ParseClockTime(span.substr(6, 5));
    ASSERT_TRUE(from && to) << span;
    EXPECT_GE(*from, 12 * 3600) << rep.id;
    EXPECT_LE(*from, 13 * 3600 + 30 * 60) << rep.id;
    EXPECT_EQ(*to - *from, 45 * 60) << rep.id;
    for (const WrittenVisit& visit : day) {
      // The text gives whole minutes; the engine's times are to the second.
      EXPECT_TRUE(visit.end <= *from + 59 || visit.start + 59 >= *to)
          << rep.id << ": lunch " << span << " overlaps " << visit.physician_id;
    }
  }
  EXPECT_EQ(visits, static_cast<int>(bundle.physicians.size() -
                                     testing::ExcludedByHistory(bundle, kDate).size() -
                                     closed.size()));
  EXPECT_GE(afternoon_only_visited, 3) << "the sample's afternoon practices";
  EXPECT_THAT(sync.out, HasSubstr("     lunch 1"));
}

}  // namespace
}  // namespace callplan::crm
