#include "plugins/calendar_changes.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"

namespace callplan::crm {

std::vector<EventChange> PlanChanges(const std::vector<CalendarEvent>& planned,
                                     const std::vector<ExistingEvent>& existing,
                                     const std::string& date) {
  std::map<std::string, const ExistingEvent*> ours;  // uid -> event, this day
  for (const ExistingEvent& found : existing) {
    if (found.event.created_by_callplan && found.event.planned_date == date) {
      ours.emplace(found.event.uid, &found);
    }
  }
  std::vector<EventChange> changes;
  std::set<std::string> planned_uids;
  for (const CalendarEvent& event : planned) {
    planned_uids.insert(event.uid);
    EventChange change;
    change.uid = event.uid;
    change.summary = event.summary;
    change.ics = event.ics;
    const auto found = ours.find(event.uid);
    if (found == ours.end()) {
      change.kind = ChangeKind::kCreate;
    } else {
      change.href = found->second->href;
      change.etag = found->second->etag;
      if (found->second->event.EditedInCalendar()) {
        change.kind = ChangeKind::kConflict;
        change.why = "edited in the calendar since callplan wrote it; left as is";
      } else if (found->second->event.stored_fingerprint == event.fingerprint) {
        change.kind = ChangeKind::kUnchanged;
      } else {
        change.kind = ChangeKind::kUpdate;
      }
    }
    changes.push_back(std::move(change));
  }
  for (const auto& [uid, found] : ours) {
    if (planned_uids.count(uid) > 0) continue;
    EventChange change;
    change.uid = uid;
    change.summary = found->event.summary;
    change.href = found->href;
    change.etag = found->etag;
    if (found->event.EditedInCalendar()) {
      change.kind = ChangeKind::kConflict;
      change.why =
          "no longer planned, but edited in the calendar since callplan wrote "
          "it; not deleted";
    } else {
      change.kind = ChangeKind::kDelete;
    }
    changes.push_back(std::move(change));
  }
  return changes;
}

void CalendarTally::Count(const EventChange& change) {
  switch (change.kind) {
    case ChangeKind::kCreate: ++created; break;
    case ChangeKind::kUpdate: ++updated; break;
    case ChangeKind::kDelete: ++deleted; break;
    case ChangeKind::kUnchanged: ++unchanged; break;
    case ChangeKind::kConflict:
      ++conflicts;
      conflict_messages.push_back(
          absl::StrCat("\"", change.summary, "\" (", change.uid, "): ",
                       change.why));
      break;
  }
}

const char* ChangeVerb(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kCreate: return "create";
    case ChangeKind::kUpdate: return "update";
    case ChangeKind::kDelete: return "delete";
    case ChangeKind::kUnchanged: return "keep";
    case ChangeKind::kConflict: return "conflict";
  }
  return "?";
}

}  // namespace callplan::crm
