#include "plugins/planned_calls.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "plugins/caldav_client.h"
#include "plugins/caldav_sync.h"
#include "plugins/ics_folder.h"

namespace callplan::crm {
namespace {

// The physician of a callplan event of `rep_id` on `date`, or "" when the
// UID is not one VisitUid made for them.
std::string PhysicianOf(const FoundEvent& event, const std::string& rep_id,
                        const std::string& date) {
  if (!event.created_by_callplan || event.planned_date != date) return "";
  // VisitUid with no physician is the UID around where the physician goes.
  const std::string around = VisitUid(rep_id, date, "");
  const size_t at = around.rfind('@');
  const std::string head = around.substr(0, at), tail = around.substr(at);
  if (event.uid.size() <= around.size() || !absl::StartsWith(event.uid, head) ||
      !absl::EndsWith(event.uid, tail)) {
    return "";
  }
  return event.uid.substr(head.size(), event.uid.size() - around.size());
}

absl::StatusOr<std::vector<FoundEvent>> FolderEvents(const std::string& dir,
                                                     const std::string& rep_id,
                                                     const std::string& date) {
  const std::string path = RepDayFile(dir, rep_id, date);
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::vector<FoundEvent>{};  // nothing planned that day
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<std::vector<FoundEvent>> events = ParseEvents(text.str());
  if (!events.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", events.status().message()));
  }
  return events;
}

absl::StatusOr<std::vector<FoundEvent>> CalDavEvents(CalDavClient& client,
                                                     const std::string& url_template,
                                                     const std::string& rep_id,
                                                     absl::CivilDay day) {
  const std::string url = CalendarUrl(url_template, rep_id);
  absl::StatusOr<std::vector<ExistingEvent>> listed = client.ListEvents(url, day);
  if (!listed.ok()) {
    if (listed.status().code() == absl::StatusCode::kNotFound) {
      return std::vector<FoundEvent>{};  // no calendar yet: nothing planned
    }
    return absl::Status(listed.status().code(),
                        absl::StrCat(url, ": ", listed.status().message()));
  }
  std::vector<FoundEvent> events;
  for (ExistingEvent& existing : *listed) events.push_back(std::move(existing.event));
  return events;
}

}  // namespace

absl::StatusOr<std::vector<PlannedCall>> ReadPlannedCalls(const CrmBundle& bundle,
                                                          const CalendarTarget& target,
                                                          absl::CivilDay from,
                                                          absl::CivilDay to) {
  const bool caldav = IsCalendarUrl(target.calendar);
  std::unique_ptr<CalDavClient> client;
  if (caldav) client = std::make_unique<CalDavClient>(target.caldav);
  std::set<std::tuple<std::string, std::string, std::string>> calls;
  for (absl::CivilDay day = from; day <= to; ++day) {
    const std::string date = absl::FormatCivilTime(day);
    for (const CrmRep& rep : bundle.reps) {
      absl::StatusOr<std::vector<FoundEvent>> events =
          caldav ? CalDavEvents(*client, target.calendar, rep.id, day)
                 : FolderEvents(target.calendar, rep.id, date);
      if (!events.ok()) return events.status();
      for (const FoundEvent& event : *events) {
        const std::string physician = PhysicianOf(event, rep.id, date);
        if (!physician.empty()) calls.emplace(date, rep.id, physician);
      }
    }
  }
  std::vector<PlannedCall> out;
  for (const auto& [date, rep, physician] : calls) out.push_back({rep, physician, date});
  return out;
}

}  // namespace callplan::crm
