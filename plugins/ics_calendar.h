// Calendar events for planned visits (RFC 5545, built and parsed with
// libical). Each visit is one VEVENT whose UID is stable for (rep, date,
// physician), so writing the same plan twice names the same events.
// Events this plugin creates carry X-CALLPLAN-* properties: a marker (only
// marked events are ever updated or deleted, the rep's own events are left
// alone), the planned date, and a fingerprint of what was written, which
// tells an event edited in the calendar since the last sync apart from one
// that is still as written.
#ifndef CALLPLAN_PLUGINS_ICS_CALENDAR_H_
#define CALLPLAN_PLUGINS_ICS_CALENDAR_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "plugins/rep_schedule.h"

namespace callplan::crm {

inline constexpr char kCreatedByProperty[] = "X-CALLPLAN-CREATED-BY";
inline constexpr char kCreatedByValue[] = "callplan-crm";

// "callplan-2026-03-12-R01-P007@callplan"; ids are used verbatim.
std::string VisitUid(const std::string& rep_id, const std::string& date,
                     const std::string& physician_id);

// One visit as a complete VCALENDAR holding one VEVENT (a CalDAV resource).
struct CalendarEvent {
  std::string uid;
  std::string ics;
  std::string vevent;       // the VEVENT alone, to gather into one file
  std::string fingerprint;  // of the content, DTSTAMP excluded
  std::string summary;
};
CalendarEvent VisitEvent(const ScheduledVisit& visit, absl::Time stamp);

// VEVENT texts gathered into one VCALENDAR (the .ics folder layout), after
// the VTIMEZONE texts their TZID parameters may name.
std::string WrapCalendar(const std::vector<std::string>& vevents,
                         const std::vector<std::string>& timezones = {});

// A VEVENT as found in a calendar.
struct FoundEvent {
  std::string uid;
  std::string summary;
  bool created_by_callplan = false;
  std::string planned_date;        // X-CALLPLAN-DATE, "" if not ours
  std::string stored_fingerprint;  // as written by callplan
  std::string fingerprint;         // of the content as found now
  std::string vevent;              // the VEVENT text as found

  // True when someone changed a callplan event after callplan wrote it.
  bool EditedInCalendar() const {
    return created_by_callplan && stored_fingerprint != fingerprint;
  }
};

// A calendar as found: its events, and its VTIMEZONE definitions as text,
// in file order. Events may name those in TZID parameters (calendars
// exported from Outlook use names no time zone database knows), so a file
// written back from its events must keep them.
struct FoundCalendar {
  std::vector<FoundEvent> events;
  std::vector<std::string> timezones;
};

// Every VEVENT of `ics` (a VCALENDAR, or a bare VEVENT); InvalidArgument
// when the text is not iCalendar.
absl::StatusOr<FoundCalendar> ParseCalendar(const std::string& ics);
absl::StatusOr<std::vector<FoundEvent>> ParseEvents(const std::string& ics);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_ICS_CALENDAR_H_
