// The calls callplan planned, read back from the calendars sync wrote (an
// .ics folder or CalDAV collections, crm_sync.h's CalendarTarget): the
// events callplan created on their planned date, for every rep of the
// bundle and every day of a period, the physician taken from the event's
// UID (ics_calendar.h's VisitUid). Events a rep edited still count as
// planned; the rep's own events do not. Reading changes nothing.
#ifndef CALLPLAN_PLUGINS_PLANNED_CALLS_H_
#define CALLPLAN_PLUGINS_PLANNED_CALLS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "plugins/crm_bundle.h"
#include "plugins/crm_sync.h"

namespace callplan::crm {

struct PlannedCall {
  std::string rep_id;
  std::string physician_id;
  std::string date;  // YYYY-MM-DD
};

// Sorted by date, rep, physician. An unreadable file or calendar fails the
// whole read, naming it.
absl::StatusOr<std::vector<PlannedCall>> ReadPlannedCalls(const CrmBundle& bundle,
                                                          const CalendarTarget& target,
                                                          absl::CivilDay from,
                                                          absl::CivilDay to);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_PLANNED_CALLS_H_
