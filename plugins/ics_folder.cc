#include "plugins/ics_folder.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace callplan::crm {
namespace {

// Percent-encoding of every byte outside [A-Za-z0-9._-] ('%' included), so
// the name is an injective function of the text: reps "a/b" and "a_b" get
// files of their own (issue 10, finding 2: both used to write a_b_<date>.ics
// and the second sync deleted the first rep's visits). A leading '.' is
// encoded too, so no rep id names a hidden file or "..".
std::string SafeName(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (size_t k = 0; k < text.size(); ++k) {
    const unsigned char c = static_cast<unsigned char>(text[k]);
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                      (c == '.' && k > 0);
    if (safe) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// The events of an existing file, and the time zone definitions they may
// use; none when there is no file.
absl::StatusOr<std::vector<ExistingEvent>> ReadFileEvents(
    const std::string& path, bool* exists, std::vector<std::string>* timezones) {
  std::ifstream in(path, std::ios::binary);
  *exists = static_cast<bool>(in);
  std::vector<ExistingEvent> out;
  if (!*exists) return out;
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<FoundCalendar> found = ParseCalendar(text.str());
  if (!found.ok()) {
    return absl::FailedPreconditionError(absl::StrCat(
        path, ": not an iCalendar file (", found.status().message(),
        "); move it away and sync again"));
  }
  for (FoundEvent& event : found->events) {
    out.push_back({std::move(event), "", ""});
  }
  *timezones = std::move(found->timezones);
  return out;
}

}  // namespace

absl::Status MakeFolders(const std::string& dir) {
  std::string path;
  for (size_t i = 0; i <= dir.size(); ++i) {
    if (i == dir.size() || (dir[i] == '/' && i > 0)) {
      path = dir.substr(0, i);
      if (mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) {
        return absl::PermissionDeniedError(absl::StrCat(
            "cannot create folder ", path, ": ", std::strerror(errno)));
      }
    }
  }
  return absl::OkStatus();
}

std::string RepDayFile(const std::string& dir, const std::string& rep_id,
                       const std::string& date) {
  return absl::StrCat(dir, "/", SafeName(rep_id), "_", SafeName(date), ".ics");
}

absl::Status WriteFileAtomically(const std::string& path,
                                 const std::string& content) {
  const std::string temp = absl::StrCat(path, ".tmp-", getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) {
      return absl::PermissionDeniedError(absl::StrCat("cannot write ", temp));
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    return absl::PermissionDeniedError(absl::StrCat(
        "cannot write ", path, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> WriteFileIfChanged(const std::string& path,
                                        const std::string& content) {
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::stringstream old;
    old << in.rdbuf();
    if (old.str() == content) return false;
  }
  if (absl::Status written = WriteFileAtomically(path, content); !written.ok()) {
    return written;
  }
  return true;
}

absl::StatusOr<CalendarTally> SyncRepDayFile(
    const std::string& dir, const RepSchedule& schedule,
    const std::string& date, bool dry_run, std::vector<EventChange>* changes) {
  const std::string path = RepDayFile(dir, schedule.rep->id, date);
  bool exists = false;
  std::vector<std::string> timezones;  // kept: the rep's events may use them
  absl::StatusOr<std::vector<ExistingEvent>> existing =
      ReadFileEvents(path, &exists, &timezones);
  if (!existing.ok()) return existing.status();
  const absl::Time stamp = absl::Now();
  std::vector<CalendarEvent> planned;
  for (const ScheduledVisit& visit : schedule.visits) {
    planned.push_back(VisitEvent(visit, stamp));
  }
  std::vector<EventChange> plan = PlanChanges(planned, *existing, date);
  std::map<std::string, std::string> planned_vevents;
  for (const CalendarEvent& event : planned) {
    planned_vevents[event.uid] = event.vevent;
  }
  std::map<std::string, const EventChange*> by_uid;
  CalendarTally tally;
  for (const EventChange& change : plan) {
    tally.Count(change);
    by_uid[change.uid] = &change;
  }
  // Keep the file's own order for what stays; new visits go after it.
  std::vector<std::string> vevents;
  for (const ExistingEvent& found : *existing) {
    const auto change = by_uid.find(found.event.uid);
    if (change == by_uid.end() || change->second->kind == ChangeKind::kConflict ||
        change->second->kind == ChangeKind::kUnchanged) {
      vevents.push_back(found.event.vevent);  // foreign, edited or as is
    } else if (change->second->kind == ChangeKind::kUpdate) {
      vevents.push_back(planned_vevents[found.event.uid]);
    }
  }
  for (const EventChange& change : plan) {
    if (change.kind == ChangeKind::kCreate) {
      vevents.push_back(planned_vevents[change.uid]);
    }
  }
  if (changes != nullptr) *changes = plan;
  if (dry_run || !tally.changed()) return tally;
  if (vevents.empty()) {
    if (exists && std::remove(path.c_str()) != 0) {
      return absl::PermissionDeniedError(absl::StrCat("cannot remove ", path));
    }
    return tally;
  }
  if (absl::Status made = MakeFolders(dir); !made.ok()) return made;
  if (absl::Status written =
          WriteFileAtomically(path, WrapCalendar(vevents, timezones));
      !written.ok()) {
    return written;
  }
  return tally;
}

}  // namespace callplan::crm
