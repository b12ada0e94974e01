#include "plugins/hours_reader.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "plugins/crm_fields.h"

namespace callplan::crm {
namespace {

// One row as read, kept with its line until its neighbours are known.
struct HoursRow {
  int64_t start = 0;
  int64_t end = 0;
  int line = 0;
};

using DayKey = std::pair<std::string, v1::Weekday>;  // physician, weekday

// Sorts one physician's day, reports rows that overlap (on the later
// line, naming the earlier) and joins rows that touch.
std::vector<HoursRow> JoinDay(std::vector<HoursRow> rows, const std::string& file,
                              InputProblems* problems) {
  std::sort(rows.begin(), rows.end(), [](const HoursRow& a, const HoursRow& b) {
    return std::tie(a.start, a.end, a.line) < std::tie(b.start, b.end, b.line);
  });
  std::vector<HoursRow> joined;
  for (const HoursRow& row : rows) {
    if (joined.empty() || row.start > joined.back().end) {
      joined.push_back(row);
      continue;
    }
    HoursRow& last = joined.back();
    if (row.start == last.end) {
      last.end = row.end;
      continue;
    }
    const HoursRow& later = row.line > last.line ? row : last;
    const HoursRow& earlier = row.line > last.line ? last : row;
    problems->Add(file, later.line, "start",
                  absl::StrCat(ClockText(later.start), "-", ClockText(later.end),
                               " overlaps ", ClockText(earlier.start), "-",
                               ClockText(earlier.end), " on line ", earlier.line,
                               " (same physician and weekday)"));
    last.end = std::max(last.end, row.end);
  }
  return joined;
}

}  // namespace

std::optional<v1::Weekday> ParseWeekday(const std::string& text) {
  static const char* kNames[] = {"monday", "tuesday",  "wednesday", "thursday",
                                 "friday", "saturday", "sunday"};
  const std::string lower = absl::AsciiStrToLower(text);
  for (int k = 0; k < 7; ++k) {
    const std::string name = kNames[k];
    if (lower == name || lower == name.substr(0, 3)) {
      return static_cast<v1::Weekday>(v1::MONDAY + k);
    }
  }
  return std::nullopt;
}

void ReadPhysicianHours(const CsvTable& table, CrmBundle* bundle,
                        InputProblems* problems) {
  if (!RequireColumns(table, {"physician_id", "weekday", "start", "end"},
                      problems)) {
    return;
  }
  std::map<DayKey, std::vector<HoursRow>> days;
  for (const CsvRow& row : table.rows) {
    FieldReader f(table, row, problems);
    const std::string id = f.Text("physician_id", true);
    const std::string weekday_text = f.Text("weekday", true);
    const std::optional<int64_t> start = f.ClockTime("start", true);
    const std::optional<int64_t> end = f.ClockTime("end", true);
    const std::optional<v1::Weekday> weekday = ParseWeekday(weekday_text);
    bool good = start && end && weekday && !id.empty();
    if (!id.empty() && bundle->FindPhysician(id) == nullptr) {
      f.Report("physician_id", absl::StrCat("no physician \"", id,
                                            "\" in physicians.csv"));
      good = false;
    }
    if (!weekday_text.empty() && !weekday) {
      f.Report("weekday", absl::StrCat("must be a weekday Mon..Sun or "
                                       "Monday..Sunday, got \"",
                                       weekday_text, "\""));
    }
    if (start && end && *end <= *start) {
      f.Report("end", absl::StrCat("must be after start ", ClockText(*start),
                                   ", got ", ClockText(*end)));
      good = false;
    }
    if (good) days[{id, *weekday}].push_back({*start, *end, row.line});
  }
  // std::map orders by physician, then weekday: office_hours come sorted.
  for (auto& [key, rows] : days) {
    for (CrmPhysician& physician : bundle->physicians) {
      if (physician.id != key.first) continue;
      for (const HoursRow& window : JoinDay(std::move(rows), table.file, problems)) {
        v1::WeeklyWindow* hours = &physician.office_hours.emplace_back();
        hours->set_weekday(key.second);
        hours->mutable_window()->set_start_seconds(window.start);
        hours->mutable_window()->set_end_seconds(window.end);
      }
      break;
    }
  }
}

}  // namespace callplan::crm
