// One sync of a planned day into the reps' calendars: reads every rep's
// visits and their times from the plan, then brings each rep's calendar (a CalDAV collection from a URL
// template, or an .ics file in a folder) in line with them. The whole plan
// is checked against the bundle before the first calendar is touched, so a
// plan for another territory writes nothing. A calendar error stops the sync
// at that rep; calendars already synced stay correct and the next run
// finishes the rest.
#ifndef CALLPLAN_PLUGINS_CRM_SYNC_H_
#define CALLPLAN_PLUGINS_CRM_SYNC_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "callplan/v1/schedule.pb.h"
#include "plugins/caldav_client.h"
#include "plugins/calendar_changes.h"
#include "plugins/crm_bundle.h"
#include "plugins/rep_schedule.h"

namespace callplan::crm {

struct CalendarTarget {
  // A URL template with {rep_id} (http:// or https://), or a folder.
  std::string calendar;
  bool dry_run = false;
  CalDavOptions caldav;
};

struct RepSyncResult {
  RepSchedule schedule;
  std::string where;  // the rep's calendar URL or file
  CalendarTally tally;
  std::vector<EventChange> changes;
};

absl::StatusOr<std::vector<RepSyncResult>> SyncCalendars(
    const CrmBundle& bundle, const v1::PlanDayResponse& plan,
    const std::string& date, const CalendarTarget& target);

// The per-rep table printed after a sync (or a dry run).
std::string SummaryTable(const std::vector<RepSyncResult>& results,
                         bool dry_run);

// Each rep's day as the rep will see it, times in the territory's zone:
// leaving and coming home, each visit (with the wait before it) and lunch;
// with `reasons`, each visit's reason under it (a learned model's words on
// why it values the visit).
std::string DayListing(const std::vector<RepSyncResult>& results,
                       const std::string& time_zone, bool reasons = false);

// What a dry run would change, calendar by calendar.
std::string ChangeListing(const std::vector<RepSyncResult>& results);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_CRM_SYNC_H_
