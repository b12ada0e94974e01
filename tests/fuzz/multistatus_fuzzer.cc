// Fuzzes what the CalDAV client reads from a server: a WebDAV 207
// Multi-Status body (expat), then the calendar-data of each response
// (libical), as caldav_client.cc does after its calendar-query REPORT. A
// hostile or broken calendar server controls all of these bytes.
//
// Beyond "no crash, no sanitizer finding": a body expat cannot read is
// refused with a message (DATA_LOSS), never half-read.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "plugins/dav_multistatus.h"
#include "plugins/ics_calendar.h"
#include "tests/fuzz/fuzz_check.h"

namespace callplan::fuzz {
namespace {

void ReadOne(const std::string& xml) {
  absl::StatusOr<std::vector<crm::DavResponse>> responses =
      crm::ParseMultistatus(xml);
  if (!responses.ok()) {
    Require(absl::IsDataLoss(responses.status()) &&
                !responses.status().message().empty(),
            absl::StrCat("an unreadable body says why, got ",
                         responses.status().ToString()));
    return;
  }
  for (const crm::DavResponse& response : *responses) {
    if (!response.calendar_data.empty()) {
      (void)crm::ParseEvents(response.calendar_data);
    }
  }
}

}  // namespace
}  // namespace callplan::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  callplan::fuzz::ReadOne(
      std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
