#include "solver/cycle/call_gap.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace callplan {
namespace {

// Day numbers a and b (a != b) are too close under physician j's gap.
bool TooClose(const CycleCalendar& calendar, int physician, int a, int b) {
  const int gap = static_cast<int>(calendar.gap_days[physician]);
  return a != b && std::abs(a - b) < gap;
}

bool HistoryAllows(const CycleCalendar& calendar, int physician, int number) {
  const std::optional<int>& last = calendar.last_history_day[physician];
  return !last || number - *last >= static_cast<int>(calendar.gap_days[physician]);
}

}  // namespace

void AddGapRows(const CycleCalendar& calendar,
                const std::vector<std::vector<int>>& physician_day,
                std::vector<std::vector<int>>& rows) {
  for (size_t j = 0; j < physician_day.size(); ++j) {
    const int gap = static_cast<int>(calendar.gap_days[j]);
    if (gap <= 1) continue;
    // Windows of `gap` consecutive day numbers starting at each callable
    // day; a window covered by the previous one adds nothing.
    std::vector<int> last_row;
    for (int start = 0; start < calendar.num_days; ++start) {
      if (physician_day[j][start] < 0) continue;
      std::vector<int> row;
      for (int d = start; d < calendar.num_days &&
                          calendar.day_numbers[d] - calendar.day_numbers[start] < gap;
           ++d) {
        if (physician_day[j][d] >= 0) row.push_back(physician_day[j][d]);
      }
      if (row.size() < 2) continue;
      if (!last_row.empty() &&
          std::includes(last_row.begin(), last_row.end(), row.begin(), row.end())) {
        continue;
      }
      last_row = row;
      rows.push_back(std::move(row));
    }
  }
}

bool GapAllows(const CycleCalendar& calendar, int physician, int day,
               const std::vector<int>& call_days) {
  const int number = calendar.day_numbers[day];
  if (!HistoryAllows(calendar, physician, number)) return false;
  for (int other : call_days) {
    if (TooClose(calendar, physician, calendar.day_numbers[other], number)) {
      return false;
    }
  }
  return true;
}

uint32_t MostCallsUnderGap(const CycleCalendar& calendar, int goal) {
  // Earliest-first is optimal for points at least `gap` apart.
  const int physician = calendar.goals[goal].physician;
  std::vector<int> taken;
  for (int d = 0; d < calendar.num_days; ++d) {
    if (!calendar.Callable(goal, d)) continue;
    if (GapAllows(calendar, physician, d, taken)) taken.push_back(d);
  }
  return static_cast<uint32_t>(taken.size());
}

void CheckGap(const CycleCalendar& calendar, int physician,
              const std::vector<int>& call_days,
              std::vector<std::string>& violations) {
  const std::string& id = calendar.physician_ids[physician];
  for (size_t a = 0; a < call_days.size(); ++a) {
    const int day = call_days[a];
    const int number = calendar.day_numbers[day];
    if (!HistoryAllows(calendar, physician, number)) {
      violations.push_back(absl::StrCat(
          "physician ", id, " called on ", calendar.dates[day],
          ", within ", calendar.gap_days[physician], " days of the call on ",
          calendar.last_history_date[physician]));
    }
    for (size_t b = a + 1; b < call_days.size(); ++b) {
      if (TooClose(calendar, physician, number,
                   calendar.day_numbers[call_days[b]])) {
        violations.push_back(absl::StrCat(
            "physician ", id, " called on ", calendar.dates[day],
            " and ", calendar.dates[call_days[b]], ", closer than its ",
            calendar.gap_days[physician], "-day gap"));
      }
    }
  }
}

}  // namespace callplan
