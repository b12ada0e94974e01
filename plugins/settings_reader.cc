#include "plugins/settings_reader.h"

#include <functional>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "plugins/crm_fields.h"

namespace callplan::crm {
namespace {

namespace limits = v1::limits;

using Setter = std::function<void(FieldReader&, TerritorySettings&)>;

// Each setting reads its value from the "value" column of its own row, so a
// bad value is reported on the line a person has to fix.
const std::map<std::string, Setter>& Setters() {
  static const auto* setters = new std::map<std::string, Setter>{
      {"territory_id",
       [](FieldReader& f, TerritorySettings& s) {
         s.territory_id = f.Text("value", true);
       }},
      {"time_zone",
       [](FieldReader& f, TerritorySettings& s) {
         const std::string name = f.Text("value", true);
         absl::TimeZone zone;
         if (name.empty()) return;
         if (!absl::LoadTimeZone(name, &zone)) {
           f.Report("value", absl::StrCat("unknown time zone \"", name,
                                          "\" (expected an IANA name such as "
                                          "Europe/Paris)"));
           return;
         }
         s.layout.time_zone = name;
       }},
      {"day_start",
       [](FieldReader& f, TerritorySettings& s) {
         const std::string text = f.Text("value", true);
         if (text.empty()) return;
         const std::optional<int> minutes = ParseClockTime(text);
         if (!minutes) {
           f.Report("value", absl::StrCat("must be a time HH:MM, got \"",
                                          text, "\""));
           return;
         }
         s.layout.day_start_minutes = *minutes;
       }},
      {"visit_minutes",
       [](FieldReader& f, TerritorySettings& s) {
         if (auto v = f.Integer("value", 1, 480, true)) {
           s.layout.visit_minutes = static_cast<int>(*v);
         }
       }},
      {"travel_speed_kmh",
       [](FieldReader& f, TerritorySettings& s) {
         if (auto v = f.Number("value", 1, 200, true)) {
           s.layout.travel_speed_kmh = *v;
         }
       }},
      {"max_workload_spread",
       [](FieldReader& f, TerritorySettings& s) {
         if (auto v = f.InRange("value", limits::kWorkloadSpread, true)) {
           s.fairness.set_max_workload_spread(static_cast<uint32_t>(*v));
         }
       }},
      {"max_potential_spread",
       [](FieldReader& f, TerritorySettings& s) {
         if (auto v = f.InRange("value", limits::kPotentialSpread, true)) {
           s.fairness.set_max_potential_spread(*v);
         }
       }},
      {"max_route_km",
       [](FieldReader& f, TerritorySettings& s) {
         if (auto v = f.InRange("value", limits::kRouteDistance, true)) {
           s.fairness.set_max_route_distance(*v);
         }
       }},
      {"max_visits_per_rep",
       [](FieldReader& f, TerritorySettings& s) {
         if (auto v = f.InRange("value", limits::kVisitsPerRep, true)) {
           s.fairness.set_max_visits_per_rep(static_cast<uint32_t>(*v));
         }
       }},
      {"distance_safety_factor",
       [](FieldReader& f, TerritorySettings& s) {
         if (auto v = f.InRange("value", limits::kSafetyFactor, true)) {
           s.fairness.set_distance_safety_factor(*v);
         }
       }},
      {"max_visits_per_day",
       [](FieldReader& f, TerritorySettings& s) {
         if (auto v = f.InRange("value", limits::kVisitsPerDay, true)) {
           s.contact_rules.set_max_visits_per_day(static_cast<uint32_t>(*v));
         }
       }},
      {"min_days_between_visits",
       [](FieldReader& f, TerritorySettings& s) {
         if (auto v = f.InRange("value", limits::kDaysBetweenVisits, true)) {
           s.contact_rules.set_min_days_between_visits(
               static_cast<uint32_t>(*v));
         }
       }},
      {"time_limit_seconds",
       [](FieldReader& f, TerritorySettings& s) {
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

}  // namespace

TerritorySettings ReadTerritorySettings(const CsvTable& table,
                                        InputProblems* problems) {
  TerritorySettings settings;
  if (!RequireColumns(table, {"setting", "value"}, problems)) return settings;
  std::map<std::string, int> seen;  // setting -> line
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
    setter->second(fields, settings);
  }
  return settings;
}

}  // namespace callplan::crm
