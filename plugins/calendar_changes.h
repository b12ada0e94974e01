// What a sync would change in one rep's calendar for one day, worked out
// the same way for a CalDAV calendar and for an .ics file: the visits the
// plan wants against the events already there.
//   - a planned visit with no event yet is created;
//   - an event still as callplan wrote it is updated when the plan moved it
//     and left alone when it did not;
//   - a callplan event of that day the plan no longer has is deleted;
//   - a callplan event someone edited in the calendar since is a conflict:
//     reported, never overwritten or deleted;
//   - events callplan did not create (the rep's own) are never touched.
#ifndef CALLPLAN_PLUGINS_CALENDAR_CHANGES_H_
#define CALLPLAN_PLUGINS_CALENDAR_CHANGES_H_

#include <string>
#include <vector>

#include "plugins/ics_calendar.h"

namespace callplan::crm {

enum class ChangeKind { kCreate, kUpdate, kDelete, kUnchanged, kConflict };

// An event found in a calendar, with where it lives (CalDAV only).
struct ExistingEvent {
  FoundEvent event;
  std::string href;
  std::string etag;
};

struct EventChange {
  ChangeKind kind = ChangeKind::kUnchanged;
  std::string uid;
  std::string summary;
  std::string why;   // for conflicts: what happened, in the rep's words
  std::string ics;   // the new content (create, update)
  std::string href;  // where the existing event lives (update, delete)
  std::string etag;  // its version when listed (update, delete)
};

// Changes in a stable order: the plan's visits in route order, then the
// deletions by UID.
std::vector<EventChange> PlanChanges(const std::vector<CalendarEvent>& planned,
                                     const std::vector<ExistingEvent>& existing,
                                     const std::string& date);

// Counts of one calendar's changes, for the per-rep summary table.
struct CalendarTally {
  int created = 0;
  int updated = 0;
  int deleted = 0;
  int unchanged = 0;
  int conflicts = 0;
  std::vector<std::string> conflict_messages;

  void Count(const EventChange& change);
  bool changed() const { return created + updated + deleted > 0; }
};

const char* ChangeVerb(ChangeKind kind);  // "create", "update", ...

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_CALENDAR_CHANGES_H_
