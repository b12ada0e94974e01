// The embedded calendar: a folder of .ics files, one per rep and day
// (DIR/<rep_id>_<date>.ics), needing no server. A sync applies the same
// rules as against a CalDAV calendar (see calendar_changes.h): events the
// rep edited or added in the file are kept as found, and a file whose
// events are all unchanged is not rewritten at all, so syncing twice leaves
// every file byte for byte (and mtime) as it was.
#ifndef CALLPLAN_PLUGINS_ICS_FOLDER_H_
#define CALLPLAN_PLUGINS_ICS_FOLDER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "plugins/calendar_changes.h"
#include "plugins/rep_schedule.h"

namespace callplan::crm {

// DIR/<rep_id>_<date>.ics, bytes outside [A-Za-z0-9._-] of the rep id
// percent-encoded ("a/b" -> a%2Fb), so two reps never share a file.
std::string RepDayFile(const std::string& dir, const std::string& rep_id,
                       const std::string& date);

// Brings one rep's file for `date` in line with `schedule`. With `dry_run`
// nothing is written; `changes` (if given) receives what was (or would be)
// done either way. Creates `dir` when missing.
absl::StatusOr<CalendarTally> SyncRepDayFile(
    const std::string& dir, const RepSchedule& schedule,
    const std::string& date, bool dry_run,
    std::vector<EventChange>* changes = nullptr);

// Creates `dir` and its parents when missing (mkdir -p).
absl::Status MakeFolders(const std::string& dir);

// Writes `content` to `path` through a temporary file and a rename, so a
// crash leaves either the old or the new file, never half of one.
absl::Status WriteFileAtomically(const std::string& path,
                                 const std::string& content);

// As WriteFileAtomically, but leaves a file that already holds `content`
// untouched; true when it wrote.
absl::StatusOr<bool> WriteFileIfChanged(const std::string& path,
                                        const std::string& content);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_ICS_FOLDER_H_
