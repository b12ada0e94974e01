// Keeps one rep's CalDAV calendar in line with the plan for one day (rules
// in calendar_changes.h). Each event is its own resource named after its
// stable UID, and every write is conditional, so a sync interrupted half-way
// (server down, process killed) leaves events that the next sync finds and
// completes: never a duplicate.
#ifndef CALLPLAN_PLUGINS_CALDAV_SYNC_H_
#define CALLPLAN_PLUGINS_CALDAV_SYNC_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "plugins/caldav_client.h"
#include "plugins/calendar_changes.h"
#include "plugins/rep_schedule.h"

namespace callplan::crm {

// The rep's calendar collection: `url_template` with {rep_id} replaced by
// the percent-encoded rep id, ending in '/'.
std::string CalendarUrl(const std::string& url_template,
                        const std::string& rep_id);

// True when `calendar` names a CalDAV server rather than a folder.
bool IsCalendarUrl(const std::string& calendar);

// A calendar URL with its user:password@ taken out, and the two decoded.
// The sync uses the URL without them everywhere (requests, messages, the
// summary), so a password written into --calendar is never echoed (issue
// 10, finding 9); the credentials go to HTTP basic auth instead.
struct CalendarLocation {
  std::string url;
  std::string username;
  std::string password;
};
CalendarLocation SplitCalendarCredentials(const std::string& calendar);

// With `dry_run`, only lists and compares (no calendar is created either);
// `changes` receives what was (or would be) done, conflicts included.
absl::StatusOr<CalendarTally> SyncRepCalendar(
    CalDavClient& client, const std::string& url_template,
    const RepSchedule& schedule, const std::string& date, bool dry_run,
    std::vector<EventChange>* changes = nullptr);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_CALDAV_SYNC_H_
