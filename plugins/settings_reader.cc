#include "plugins/settings_reader.h"

#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "plugins/crm_fields.h"
#include "plugins/cycle_reader.h"
#include "plugins/working_day.h"

namespace callplan::crm {
namespace {

namespace limits = v1::limits;

// The settings as read so far, with the lunch's parts apart until all
// rows are in (a lunch is all three or none).
struct Draft {
  TerritorySettings settings;
  std::optional<int64_t> lunch_earliest, lunch_latest, lunch_seconds;
};

using Setter = std::function<void(FieldReader&, Draft&)>;

Setter Clock(std::optional<int64_t> Draft::*field) {
  return [field](FieldReader& f, Draft& d) {
    if (auto v = f.ClockTime("value", true)) d.*field = *v;
  };
}

Setter Clock(int64_t DayDefaults::*field) {
  return [field](FieldReader& f, Draft& d) {
    if (auto v = f.ClockTime("value", true)) d.settings.day.*field = *v;
  };
}

// Each setting reads its value from the "value" column of its own row, so a
// bad value is reported on the line a person has to fix.
const std::map<std::string, Setter>& Setters() {
  static const auto* setters = new std::map<std::string, Setter>{
      {"territory_id",
       [](FieldReader& f, Draft& d) {
         TerritorySettings& s = d.settings;
         s.territory_id = f.Text("value", true);
       }},
      {"time_zone",
       [](FieldReader& f, Draft& d) {
         TerritorySettings& s = d.settings;
         const std::string name = f.Text("value", true);
         absl::TimeZone zone;
         if (name.empty()) return;
         if (!absl::LoadTimeZone(name, &zone)) {
           f.Report("value", absl::StrCat("unknown time zone \"", name,
                                          "\" (expected an IANA name such as "
                                          "Europe/Paris)"));
           return;
         }
         s.time_zone = name;
       }},
      {"day_start", Clock(&DayDefaults::day_start_seconds)},
      {"day_end", Clock(&DayDefaults::day_end_seconds)},
      {"lunch_earliest", Clock(&Draft::lunch_earliest)},
      {"lunch_latest", Clock(&Draft::lunch_latest)},
      {"lunch_minutes",
       [](FieldReader& f, Draft& d) {
         if (auto v = f.Integer("value", 1, 480, true)) d.lunch_seconds = *v * 60;
       }},
      {"visit_minutes",
       [](FieldReader& f, Draft& d) {
         if (auto v = f.Integer("value", 1, 480, true)) {
           d.settings.day.visit_seconds = *v * 60;
         }
       }},
      {"travel_speed_kmh",
       [](FieldReader& f, Draft& d) {
         TerritorySettings& s = d.settings;
         if (auto v = f.Number("value", 1, 200, true)) {
           s.day.travel_speed_kmh = *v;
         }
       }},
      {"max_workload_spread",
       [](FieldReader& f, Draft& d) {
         TerritorySettings& s = d.settings;
         if (auto v = f.InRange("value", limits::kWorkloadSpread, true)) {
           s.fairness.set_max_workload_spread(static_cast<uint32_t>(*v));
         }
       }},
      {"max_potential_spread",
       [](FieldReader& f, Draft& d) {
         TerritorySettings& s = d.settings;
         if (auto v = f.InRange("value", limits::kPotentialSpread, true)) {
           s.fairness.set_max_potential_spread(*v);
         }
       }},
      {"max_route_km",
       [](FieldReader& f, Draft& d) {
         TerritorySettings& s = d.settings;
         if (auto v = f.InRange("value", limits::kRouteDistance, true)) {
           s.fairness.set_max_route_distance(*v);
         }
       }},
      {"max_visits_per_rep",
       [](FieldReader& f, Draft& d) {
         TerritorySettings& s = d.settings;
         if (auto v = f.InRange("value", limits::kVisitsPerRep, true)) {
           s.fairness.set_max_visits_per_rep(static_cast<uint32_t>(*v));
         }
       }},
      {"distance_safety_factor",
       [](FieldReader& f, Draft& d) {
         TerritorySettings& s = d.settings;
         if (auto v = f.InRange("value", limits::kSafetyFactor, true)) {
           s.fairness.set_distance_safety_factor(*v);
         }
       }},
      {"max_visits_per_day",
       [](FieldReader& f, Draft& d) {
         TerritorySettings& s = d.settings;
         if (auto v = f.InRange("value", limits::kVisitsPerDay, true)) {
           s.contact_rules.set_max_visits_per_day(static_cast<uint32_t>(*v));
         }
       }},
      {"min_days_between_visits",
       [](FieldReader& f, Draft& d) {
         TerritorySettings& s = d.settings;
         if (auto v = f.InRange("value", limits::kDaysBetweenVisits, true)) {
           s.contact_rules.set_min_days_between_visits(
               static_cast<uint32_t>(*v));
         }
       }},
      // Call cycles: bounds over the whole cycle (the day's hold on every
      // day besides), and the default response to repeated calls.
      {"cycle_max_workload_spread",
       [](FieldReader& f, Draft& d) {
         if (auto v = f.InRange("value", limits::kWorkloadSpread, true)) {
           d.settings.cycle_fairness.set_max_workload_spread(
               static_cast<uint32_t>(*v));
         }
       }},
      {"cycle_max_potential_spread",
       [](FieldReader& f, Draft& d) {
         if (auto v = f.InRange("value", limits::kPotentialSpread, true)) {
           d.settings.cycle_fairness.set_max_potential_spread(*v);
         }
       }},
      {"cycle_time_limit_seconds",
       [](FieldReader& f, Draft& d) {
         if (auto v = f.Number("value", 0.1, 3600, true)) {
           d.settings.cycle_time_limit_seconds = *v;
         }
       }},
      {"call_response",
       [](FieldReader& f, Draft& d) {
         if (f.Text("value", true).empty()) return;
         d.settings.call_response = ResponseField(f, "value");
       }},
      {"time_limit_seconds",
       [](FieldReader& f, Draft& d) {
         TerritorySettings& s = d.settings;
         if (auto v = f.Number("value", 0.1, 3600, true)) {
           s.time_limit_seconds = *v;
         }
       }},
  };
  return *setters;
}

std::string KnownSettings() {
  std::vector<std::string> names;
  for (const auto& [name, setter] : Setters()) names.push_back(name);
  return absl::StrJoin(names, ", ");
}

// The line of `setting`, or 0 when territory.csv does not give it.
int LineOf(const Draft& d, const std::string& setting) {
  const auto line = d.settings.lines.find(setting);
  return line == d.settings.lines.end() ? 0 : line->second;
}

// The day ends after it starts; a lunch is whole, in order and inside it.
void CheckDay(Draft& d, const std::string& file, InputProblems* problems) {
  DayDefaults& day = d.settings.day;
  if (day.day_end_seconds <= day.day_start_seconds) {
    const bool end_given = LineOf(d, "day_end") > 0;
    problems->Add(file, LineOf(d, end_given ? "day_end" : "day_start"), "value",
                  absl::StrCat("day_end ", ClockText(day.day_end_seconds),
                               " is not after day_start ",
                               ClockText(day.day_start_seconds),
                               " (a day may not run past midnight)"));
    return;
  }
  std::vector<std::string> missing;
  int first_line = 0;
  for (const char* part : {"lunch_earliest", "lunch_latest", "lunch_minutes"}) {
    const int line = LineOf(d, part);
    if (line == 0) missing.push_back(part);
    if (line > 0 && (first_line == 0 || line < first_line)) first_line = line;
  }
  if (missing.size() == 3) return;  // no lunch
  if (!missing.empty()) {
    problems->Add(file, first_line, "setting",
                  absl::StrCat("a lunch needs lunch_earliest, lunch_latest and "
                               "lunch_minutes (all three, or none for no "
                               "lunch); missing ", absl::StrJoin(missing, ", ")));
    return;
  }
  // A part with a bad value is reported already.
  if (!d.lunch_earliest || !d.lunch_latest || !d.lunch_seconds) return;
  const Lunch lunch{*d.lunch_earliest, *d.lunch_latest, *d.lunch_seconds};
  v1::TimeWindow shift;
  shift.set_start_seconds(day.day_start_seconds);
  shift.set_end_seconds(day.day_end_seconds);
  if (lunch.latest_seconds < lunch.earliest_seconds) {
    problems->Add(file, LineOf(d, "lunch_latest"), "value",
                  absl::StrCat("lunch_latest ", ClockText(lunch.latest_seconds),
                               " is before lunch_earliest ",
                               ClockText(lunch.earliest_seconds)));
  } else if (auto why = LunchMisfit(lunch, shift)) {
    problems->Add(file, LineOf(d, "lunch_minutes"), "value", *why);
  } else {
    day.lunch = lunch;
  }
}

}  // namespace

TerritorySettings ReadTerritorySettings(const CsvTable& table,
                                        InputProblems* problems) {
  Draft draft;
  if (!RequireColumns(table, {"setting", "value"}, problems)) {
    return draft.settings;
  }
  std::map<std::string, int>& seen = draft.settings.lines;
  for (const CsvRow& row : table.rows) {
    FieldReader fields(table, row, problems);
    const std::string name = fields.Text("setting", true);
    if (name.empty()) continue;
    const auto setter = Setters().find(name);
    if (setter == Setters().end()) {
      fields.Report("setting", absl::StrCat("unknown setting \"", name,
                                            "\"; known: ", KnownSettings()));
      continue;
    }
    const auto [first, inserted] = seen.emplace(name, row.line);
    if (!inserted) {
      fields.Report("setting", absl::StrCat("\"", name, "\" repeated (first on line ",
                                            first->second, ")"));
      continue;
    }
    setter->second(fields, draft);
  }
  CheckDay(draft, table.file, problems);
  return draft.settings;
}

}  // namespace callplan::crm
