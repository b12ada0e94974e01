#include "plugins/crm_sync.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "plugins/caldav_sync.h"
#include "plugins/ics_folder.h"

namespace callplan::crm {
namespace {

// Pads to `width` characters (not bytes: names are UTF-8, "Hélène").
std::string Pad(const std::string& text, size_t width) {
  size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  return chars >= width ? text : text + std::string(width - chars, ' ');
}

}  // namespace

absl::StatusOr<std::vector<RepSyncResult>> SyncCalendars(
    const CrmBundle& bundle, const v1::PlanDayResponse& plan,
    const std::string& date, const CalendarTarget& target) {
  absl::StatusOr<std::vector<RepSchedule>> schedules =
      RepSchedulesFromPlan(plan, bundle, date);
  if (!schedules.ok()) return schedules.status();
  const bool caldav = IsCalendarUrl(target.calendar);
  std::unique_ptr<CalDavClient> client;
  if (caldav) client = std::make_unique<CalDavClient>(target.caldav);
  std::vector<RepSyncResult> results;
  for (RepSchedule& schedule : *schedules) {
    RepSyncResult result;
    absl::StatusOr<CalendarTally> tally;
    if (caldav) {
      result.where = CalendarUrl(target.calendar, schedule.rep->id);
      tally = SyncRepCalendar(*client, target.calendar, schedule, date,
                              target.dry_run, &result.changes);
    } else {
      result.where = RepDayFile(target.calendar, schedule.rep->id, date);
      tally = SyncRepDayFile(target.calendar, schedule, date, target.dry_run,
                             &result.changes);
    }
    if (!tally.ok()) {
      return absl::Status(tally.status().code(),
                          absl::StrCat("rep ", schedule.rep->id, ": ",
                                       tally.status().message()));
    }
    result.tally = *std::move(tally);
    result.schedule = std::move(schedule);
    results.push_back(std::move(result));
  }
  return results;
}

std::string SummaryTable(const std::vector<RepSyncResult>& results,
                         bool dry_run) {
  std::string out = absl::StrFormat(
      "%-10s %s %-12s %6s %9s %8s  %s\n", "rep", Pad("name", 22), "team",
      "visits", "potential",
      "km", dry_run ? "would create/update/delete/keep/conflict"
                    : "created/updated/deleted/kept/conflicts");
  for (const RepSyncResult& r : results) {
    const CalendarTally& t = r.tally;
    absl::StrAppend(&out, absl::StrFormat(
        "%-10s %s %-12s %6d %9.1f %8.1f  %d/%d/%d/%d/%d\n", r.schedule.rep->id,
        Pad(r.schedule.rep->name, 22), r.schedule.rep->team_id,
        static_cast<int>(r.schedule.visits.size()), r.schedule.total_potential,
        r.schedule.route_km, t.created, t.updated, t.deleted, t.unchanged,
        t.conflicts));
  }
  for (const RepSyncResult& r : results) {
    for (const std::string& message : r.tally.conflict_messages) {
      absl::StrAppend(&out, "conflict in ", r.where, ": ", message, "\n");
    }
  }
  return out;
}

std::string DayListing(const std::vector<RepSyncResult>& results,
                       const std::string& time_zone, bool reasons) {
  absl::TimeZone zone = absl::UTCTimeZone();
  absl::LoadTimeZone(time_zone, &zone);
  const auto clock = [&zone](absl::Time t) {
    return absl::FormatTime("%H:%M", t, zone);
  };
  std::string out;
  for (const RepSyncResult& r : results) {
    const RepSchedule& day = r.schedule;
    absl::StrAppend(&out, day.rep->id, " ", day.rep->name, " (", r.where, ")\n");
    if (day.visits.empty()) {
      absl::StrAppend(&out, "  no visits\n");
      continue;
    }
    absl::StrAppend(&out, "  leaves home ", clock(day.leave_home), ", back ",
                    clock(day.back_home), "\n");
    const auto lunches = [&](const ScheduledVisit& v, bool before) {
      for (const ScheduledBreak& pause : v.breaks) {
        if ((pause.after_visits < v.order) != before) continue;
        absl::StrAppend(&out, "     lunch ", clock(pause.start), "-",
                        clock(pause.end), "\n");
      }
    };
    for (const ScheduledVisit& v : day.visits) {
      lunches(v, true);
      absl::StrAppend(&out, absl::StrFormat(
          "  %d. %s-%s  %s %s potential %5.1f  %s", v.order, clock(v.start),
          clock(v.end), Pad(v.physician_name, 26), Pad(v.specialty, 16),
          v.potential, v.address));
      if (v.wait_seconds > 0) {
        absl::StrAppend(&out, "  (arrives ", clock(v.arrival), ", waits ",
                        (v.wait_seconds + 59) / 60, " min)");
      }
      absl::StrAppend(&out, "\n");
      if (reasons && !v.reason.empty()) absl::StrAppend(&out, "       why: ", v.reason, "\n");
      lunches(v, false);
    }
  }
  return out;
}

std::string ChangeListing(const std::vector<RepSyncResult>& results) {
  std::string out;
  for (const RepSyncResult& r : results) {
    absl::StrAppend(&out, r.where, ":\n");
    bool any = false;
    for (const EventChange& change : r.changes) {
      if (change.kind == ChangeKind::kUnchanged) continue;
      any = true;
      absl::StrAppend(&out, "  ", ChangeVerb(change.kind), " ", change.summary,
                      change.why.empty() ? "" : absl::StrCat(" (", change.why, ")"),
                      "\n");
    }
    if (!any) absl::StrAppend(&out, "  nothing to change\n");
  }
  return out;
}

}  // namespace callplan::crm
