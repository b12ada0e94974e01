#include "solver/time_window.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace callplan {

std::string ClockTime(int64_t seconds) {
  if (seconds < 0) return absl::StrCat("-", ClockTime(-seconds));
  const int64_t minutes = (seconds + 59) / 60;  // a visit at 09:04:30 reads 09:05
  return absl::StrFormat("%02d:%02d", minutes / 60, minutes % 60);
}

std::string ClockSpan(const TimeWindow& window) {
  if (window.end_seconds == std::numeric_limits<int64_t>::max()) {
    return absl::StrCat("from ", ClockTime(window.start_seconds));
  }
  return absl::StrCat(ClockTime(window.start_seconds), "-",
                      ClockTime(window.end_seconds));
}

std::string ClockSpans(const std::vector<TimeWindow>& windows) {
  if (windows.empty()) return "any time";
  std::vector<std::string> spans;
  for (const TimeWindow& window : windows) spans.push_back(ClockSpan(window));
  return absl::StrJoin(spans, ", ");
}

}  // namespace callplan
