#include "server/validate_time.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace callplan::validation {

namespace limits = v1::limits;

bool CheckTimeWindow(Collector& c, const std::string& field,
                     const v1::TimeWindow& window) {
  const size_t before = c.size();
  CheckRange(c, field + ".start_seconds", window.start_seconds(), limits::kDaySeconds);
  CheckRange(c, field + ".end_seconds", window.end_seconds(), limits::kDaySeconds,
             window.end_seconds() > 86400 ? " (a span may not run past midnight)"
                                          : "");
  if (c.size() == before && window.end_seconds() < window.start_seconds()) {
    c.Add(field, absl::StrCat("ends at ", Clock(window.end_seconds()),
                              ", before it starts at ",
                              Clock(window.start_seconds())));
  }
  return c.size() == before;
}

// Each window valid, in order and none overlapping the one before.
void CheckWindows(Collector& c, const std::string& field,
                  const google::protobuf::RepeatedPtrField<v1::TimeWindow>& windows) {
  for (int k = 0; k < windows.size(); ++k) {
    const std::string wf = absl::StrCat(field, "[", k, "]");
    if (!CheckTimeWindow(c, wf, windows[k]) || k == 0) continue;
    if (windows[k].start_seconds() <= windows[k - 1].end_seconds()) {
      c.Add(wf, absl::StrCat("starts at ", Clock(windows[k].start_seconds()),
                             ", not after ", field, "[", k - 1, "] ends at ",
                             Clock(windows[k - 1].end_seconds()),
                             ": windows must be in order and not overlap"));
    }
  }
}

// A break fits its window and, when there is one, the shift.
void CheckBreaks(Collector& c, const std::string& field,
                 const google::protobuf::RepeatedPtrField<v1::Break>& breaks,
                 const v1::TimeWindow* shift) {
  for (int k = 0; k < breaks.size(); ++k) {
    const std::string bf = absl::StrCat(field, "[", k, "]");
    const v1::Break& b = breaks[k];
    const bool window_ok = CheckTimeWindow(c, bf + ".window", b.window());
    CheckRange(c, bf + ".duration_seconds", b.duration_seconds(),
               limits::kDurationSeconds);
    if (!window_ok || shift == nullptr || b.duration_seconds() < 0) continue;
    const int64_t length = shift->end_seconds() - shift->start_seconds();
    const int64_t start = std::max(b.window().start_seconds(), shift->start_seconds());
    if (b.duration_seconds() > length) {
      c.Add(bf + ".duration_seconds",
            absl::StrCat("is longer than the shift (", b.duration_seconds(), " s, "
                         "the shift ", Clock(shift->start_seconds()), "-",
                         Clock(shift->end_seconds()), " lasts ", length, " s)"));
    } else if (start > b.window().end_seconds() ||
               start + b.duration_seconds() > shift->end_seconds()) {
      c.Add(bf, absl::StrCat("cannot be taken inside the shift ",
                             Clock(shift->start_seconds()), "-",
                             Clock(shift->end_seconds()), ": it starts ",
                             Clock(b.window().start_seconds()), "-",
                             Clock(b.window().end_seconds()), " and lasts ",
                             b.duration_seconds(), " s"));
    }
  }
}

bool CheckWeekday(Collector& c, const std::string& field, int weekday) {
  if (weekday != v1::WEEKDAY_UNSPECIFIED && v1::Weekday_IsValid(weekday)) {
    return true;
  }
  c.Add(field, "must be MONDAY..SUNDAY");
  return false;
}

void CheckSpeed(Collector& c, const std::string& field, double speed) {
  CheckRange(c, field, speed, limits::kTravelSpeedKmh, " (0 = the default)");
}

void CheckPhysicianHours(Collector& c, const std::string& field,
                         const v1::Physician& physician, const std::string& date) {
  CheckWindows(c, field + ".availability", physician.availability());
  CheckRange(c, field + ".visit_duration_seconds",
             physician.visit_duration_seconds(), limits::kDurationSeconds,
             " (0 = the request's default)");
  const bool weekly =
      physician.office_hours_size() > 0 || physician.closed_dates_size() > 0;
  if (weekly && physician.availability_size() > 0) {
    c.Add(field + ".office_hours",
          "give availability or office_hours and closed_dates, not both");
  }
  if (weekly && date.empty()) {
    c.Add(field + ".office_hours",
          "needs the request's date, to find that day's hours");
  }
  for (int k = 0; k < physician.office_hours_size(); ++k) {
    const v1::WeeklyWindow& hours = physician.office_hours(k);
    const std::string hf = absl::StrCat(field, ".office_hours[", k, "]");
    CheckWeekday(c, hf + ".weekday", hours.weekday());
    if (!CheckTimeWindow(c, hf + ".window", hours.window())) continue;
    // That day's windows must stay disjoint once the date picks them.
    for (int e = 0; e < k; ++e) {
      const v1::WeeklyWindow& earlier = physician.office_hours(e);
      if (earlier.weekday() == hours.weekday() &&
          hours.window().start_seconds() <= earlier.window().end_seconds() &&
          earlier.window().start_seconds() <= hours.window().end_seconds()) {
        c.Add(hf + ".window",
              absl::StrCat("overlaps ", field, ".office_hours[", e, "] (",
                           Clock(earlier.window().start_seconds()), "-",
                           Clock(earlier.window().end_seconds()),
                           " the same weekday)"));
        break;
      }
    }
  }
  for (int k = 0; k < physician.closed_dates_size(); ++k) {
    CheckDate(c, absl::StrCat(field, ".closed_dates[", k, "]"),
              physician.closed_dates(k));
  }
}

}  // namespace callplan::validation
