// Time in the engine (issue 9): seconds after local midnight of the planned
// date, in the territory's time zone (the CRM plugin converts; the engine
// never sees a zone). Small value types, as VROOM keeps its time_window.h.
#ifndef CALLPLAN_SOLVER_TIME_WINDOW_H_
#define CALLPLAN_SOLVER_TIME_WINDOW_H_

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace callplan {

// A span of the day, both ends included: a visit must *start* inside one of
// its physician's windows (it may end after).
struct TimeWindow {
  int64_t start_seconds = 0;
  int64_t end_seconds = std::numeric_limits<int64_t>::max();

  bool contains(int64_t t) const { return t >= start_seconds && t <= end_seconds; }
  // The whole day and beyond: no constraint at all.
  bool is_default() const {
    return start_seconds == 0 &&
           end_seconds == std::numeric_limits<int64_t>::max();
  }
  bool operator==(const TimeWindow& other) const {
    return start_seconds == other.start_seconds &&
           end_seconds == other.end_seconds;
  }
};

// A pause the rep must take, starting inside `window`, lasting `duration`,
// wherever the rep is (at home before leaving, at a physician's before or
// after the visit), never while driving or visiting.
struct Break {
  TimeWindow window;
  int64_t duration_seconds = 0;
};

// "09:05", "14:00-17:00": times as a rep reads them. Seconds past 24:00
// read "24:10" rather than wrapping.
std::string ClockTime(int64_t seconds);
std::string ClockSpan(const TimeWindow& window);
// "14:00-17:00, 18:00-19:00"; "any time" for none.
std::string ClockSpans(const std::vector<TimeWindow>& windows);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_TIME_WINDOW_H_
