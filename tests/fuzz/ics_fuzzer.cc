// Fuzzes the iCalendar reader (libical) as the plugin meets calendars: a rep's
// .ics file in the calendar folder, or an event a CalDAV server returns.
//
// Promises checked beyond "no crash, no sanitizer finding":
//  - what was read can be written back: the .ics folder rewrites a file from
//    the VEVENT and VTIMEZONE texts it found (keeping the rep's own events),
//    so those texts, gathered into one calendar again, must read back as the
//    same events (same UIDs, same order, same content fingerprint).
//    Otherwise a sync would lose or move a rep's own appointments, or take a
//    callplan event as edited by someone.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "plugins/ics_calendar.h"
#include "tests/fuzz/fuzz_check.h"

namespace callplan::fuzz {
namespace {

void ReadOne(const std::string& ics) {
  absl::StatusOr<crm::FoundCalendar> found = crm::ParseCalendar(ics);
  if (!found.ok() || found->events.empty()) return;
  const std::vector<crm::FoundEvent>* events = &found->events;
  std::vector<std::string> vevents;
  for (const crm::FoundEvent& event : *events) vevents.push_back(event.vevent);
  const std::string rewritten = crm::WrapCalendar(vevents, found->timezones);
  absl::StatusOr<std::vector<crm::FoundEvent>> again =
      crm::ParseEvents(rewritten);
  Require(again.ok() && again->size() == events->size(),
          absl::StrCat("a rewritten calendar holds its ", events->size(),
                       " events"));
  for (size_t k = 0; k < events->size(); ++k) {
    const crm::FoundEvent& before = (*events)[k];
    const crm::FoundEvent& after = (*again)[k];
    Require(before.uid == after.uid,
            absl::StrCat("event ", k, " keeps its UID \"", before.uid, "\""));
    Require(before.fingerprint == after.fingerprint &&
                before.EditedInCalendar() == after.EditedInCalendar(),
            absl::StrCat("event ", k, " keeps its content"));
  }
}

}  // namespace
}  // namespace callplan::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  callplan::fuzz::ReadOne(
      std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
