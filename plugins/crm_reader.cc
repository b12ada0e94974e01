#include "plugins/crm_reader.h"

#include <sys/stat.h>

#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "plugins/crm_fields.h"
#include "plugins/csv.h"
#include "plugins/cycle_reader.h"
#include "plugins/districts.h"
#include "plugins/hours_reader.h"
#include "plugins/portfolio_reader.h"
#include "plugins/prescriptions_reader.h"
#include "plugins/settings_reader.h"
#include "plugins/working_day.h"

namespace callplan::crm {
namespace {

namespace limits = v1::limits;

bool IsFolder(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

// Reads and parses dir/name; a missing file is a problem only if `required`.
std::optional<CsvTable> LoadTable(const std::string& dir,
                                  const std::string& name, bool required,
                                  InputProblems* problems) {
  std::ifstream in(dir + "/" + name, std::ios::binary);
  if (!in) {
    if (required) problems->Add(name, 0, "", "missing from the bundle");
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  return ParseCsv(name, text.str(), problems);
}

void ReadReps(const CsvTable& table, CrmBundle* bundle,
              InputProblems* problems) {
  if (!RequireColumns(table, {"rep_id", "home_latitude", "home_longitude",
                              "products"},
                      problems)) {
    return;
  }
  std::map<std::string, int> lines;  // rep id -> first line
  for (const CsvRow& row : table.rows) {
    FieldReader f(table, row, problems);
    CrmRep rep;
    rep.line = row.line;
    rep.id = f.Text("rep_id", true);
    rep.name = f.Text("name", false);
    rep.team_id = f.Text("team_id", false);
    const auto latitude = f.InRange("home_latitude", limits::kLatitude, true);
    const auto longitude = f.InRange("home_longitude", limits::kLongitude, true);
    rep.products = f.DistinctList("products", "product");
    const auto route_km = f.InRange("max_route_km", limits::kRepRouteDistance, false);
    const auto visits = f.InRange("max_visits", limits::kRepMaxVisits, false);
    rep.shift_start_seconds = f.ClockTime("shift_start", false);
    rep.shift_end_seconds = f.ClockTime("shift_end", false);
    rep.lunch_earliest_seconds = f.ClockTime("lunch_earliest", false);
    rep.lunch_latest_seconds = f.ClockTime("lunch_latest", false);
    if (auto v = f.Integer("lunch_minutes", 0, 480, false)) {
      rep.lunch_seconds = *v * 60;
    }
    rep.travel_speed_kmh = f.Number("travel_speed_kmh", 1, 200, false).value_or(0);
    rep.district_id = f.Text(kDistrictColumn, false);
    rep.working_days = WorkingDaysField(f);
    f.CheckUniqueId("rep_id", "rep", rep.id, lines);
    rep.home_latitude = latitude.value_or(0);
    rep.home_longitude = longitude.value_or(0);
    rep.max_route_km = route_km.value_or(0);
    rep.max_visits = static_cast<uint32_t>(visits.value_or(0));
    bundle->reps.push_back(std::move(rep));
  }
}

// closed_dates: days YYYY-MM-DD separated by ';', each once.
std::vector<std::string> ClosedDates(FieldReader& f) {
  std::vector<std::string> dates = f.DistinctList("closed_dates", "date");
  for (const std::string& date : dates) {
    if (!ParseDate(date).ok()) {
      f.Report("closed_dates",
               absl::StrCat("must be days YYYY-MM-DD separated by ';', got \"",
                            date, "\""));
    }
  }
  return dates;
}

void ReadPhysicians(const CsvTable& table, CrmBundle* bundle,
                    InputProblems* problems) {
  if (!RequireColumns(table, {"physician_id", "name", "latitude", "longitude"},
                      problems)) {
    return;
  }
  std::map<std::string, int> lines;
  for (const CsvRow& row : table.rows) {
    FieldReader f(table, row, problems);
    CrmPhysician physician;
    physician.line = row.line;
    physician.id = f.Text("physician_id", true);
    physician.name = f.Text("name", true);
    physician.specialty = f.Text("specialty", false);
    physician.address = f.Text("address", false);
    physician.latitude = f.InRange("latitude", limits::kLatitude, true).value_or(0);
    physician.longitude =
        f.InRange("longitude", limits::kLongitude, true).value_or(0);
    physician.optional = f.Flag("optional");
    if (auto v = f.InRange("max_visits_per_day", limits::kVisitsPerDay, false)) {
      physician.contact.set_max_visits_per_day(static_cast<uint32_t>(*v));
    }
    if (auto v = f.InRange("min_days_between_visits", limits::kDaysBetweenVisits,
                           false)) {
      physician.contact.set_min_days_between_visits(static_cast<uint32_t>(*v));
    }
    if (auto v = f.Integer("visit_minutes", 1, 480, false)) {
      physician.visit_seconds = *v * 60;
    }
    physician.closed_dates = ClosedDates(f);
    physician.district_id = f.Text(kDistrictColumn, false);
    physician.tier = f.Text("tier", false);
    f.CheckUniqueId("physician_id", "physician", physician.id, lines);
    if (!physician.id.empty()) {
      if (const CrmRep* rep = bundle->FindRep(physician.id)) {
        f.Report("physician_id",
                 absl::StrCat("\"", physician.id, "\" is also a rep id "
                              "(reps.csv line ", rep->line,
                              "); ids must be unique across both files"));
      }
    }
    bundle->physicians.push_back(std::move(physician));
  }
}

void ReadPotentials(const CsvTable& table, CrmBundle* bundle,
                    InputProblems* problems) {
  if (!RequireColumns(table, {"physician_id", "product", "potential"},
                      problems)) {
    return;
  }
  std::map<std::pair<std::string, std::string>, int> lines;
  std::map<std::string, CrmPhysician*> physicians;
  for (CrmPhysician& physician : bundle->physicians) {
    physicians.emplace(physician.id, &physician);
  }
  for (const CsvRow& row : table.rows) {
    FieldReader f(table, row, problems);
    const std::string id = f.Text("physician_id", true);
    const std::string product = f.Text("product", true);
    const auto potential = f.InRange("potential", limits::kPotential, true);
    const auto physician = physicians.find(id);
    if (!id.empty() && physician == physicians.end()) {
      f.Report("physician_id", absl::StrCat("no physician \"", id,
                                            "\" in physicians.csv"));
    }
    if (id.empty() || product.empty()) continue;
    const auto [first, inserted] = lines.emplace(std::pair(id, product), row.line);
    if (!inserted) {
      f.Report("product", absl::StrCat("potential of \"", id, "\" for \"",
                                       product, "\" given twice (first on line ",
                                       first->second, ")"));
      continue;
    }
    if (physician != physicians.end() && potential) {
      physician->second->potentials[product] = *potential;
    }
  }
}

// The call cycle's files (cycle_reader.h), after reps and physicians.
void ReadCycleFiles(const std::string& dir, CrmBundle* bundle,
                    InputProblems* problems) {
  if (auto days_off = LoadTable(dir, "reps_days_off.csv", false, problems)) {
    ReadRepDaysOff(*days_off, bundle, problems);
  }
  const std::optional<CsvTable> tiers = LoadTable(dir, "tiers.csv", false, problems);
  if (tiers) ReadTiers(*tiers, bundle, problems);
  CheckPhysicianTiers(*bundle, tiers.has_value(), problems);
  if (auto targets = LoadTable(dir, "call_targets.csv", false, problems)) {
    ReadCallTargets(*targets, bundle, problems);
  }
}

}  // namespace

absl::StatusOr<CrmBundle> ReadCrmBundle(const std::string& dir) {
  if (!IsFolder(dir)) {
    return absl::NotFoundError(
        absl::StrCat("--crm ", dir, ": not a folder (expected a CRM export "
                     "bundle with reps.csv, physicians.csv, potentials.csv)"));
  }
  InputProblems problems;
  CrmBundle bundle;
  if (auto teams = LoadTable(dir, "teams.csv", false, &problems)) {
    ReadTeams(*teams, &bundle, &problems);
  }
  const std::optional<CsvTable> reps = LoadTable(dir, "reps.csv", true, &problems);
  if (reps) {
    ReadReps(*reps, &bundle, &problems);
    CheckRepTeams("reps.csv", bundle, &problems);
    if (reps->rows.empty() && !reps->header.empty()) {
      problems.Add("reps.csv", 0, "", "no reps: at least one row is required");
    }
  }
  const std::optional<CsvTable> physicians =
      LoadTable(dir, "physicians.csv", true, &problems);
  if (physicians) ReadPhysicians(*physicians, &bundle, &problems);
  CheckDistricts(reps ? &*reps : nullptr, physicians ? &*physicians : nullptr,
                 &bundle, &problems);
  if (auto potentials = LoadTable(dir, "potentials.csv", true, &problems)) {
    ReadPotentials(*potentials, &bundle, &problems);
  }
  if (auto hours = LoadTable(dir, "physician_hours.csv", false, &problems)) {
    ReadPhysicianHours(*hours, &bundle, &problems);
  }
  if (auto history = LoadTable(dir, "visit_history.csv", false, &problems)) {
    ReadVisitHistory(*history, &bundle, &problems);
  }
  if (auto prescriptions = LoadTable(dir, "prescriptions.csv", false, &problems)) {
    ReadPrescriptions(*prescriptions, &bundle, &problems);
  }
  if (auto settings = LoadTable(dir, "territory.csv", false, &problems)) {
    bundle.settings = ReadTerritorySettings(*settings, &problems);
  }
  ReadCycleFiles(dir, &bundle, &problems);
  CheckWorkingDays(bundle, &problems);
  if (bundle.settings.territory_id.empty()) {
    const size_t slash = dir.find_last_not_of('/');
    const std::string trimmed = dir.substr(0, slash + 1);
    bundle.settings.territory_id = trimmed.substr(trimmed.rfind('/') + 1);
  }
  if (!problems.empty()) return problems.ToStatus();
  return bundle;
}

const CrmTeam* CrmBundle::FindTeam(const std::string& id) const {
  for (const CrmTeam& team : teams) {
    if (team.id == id) return &team;
  }
  return nullptr;
}

const CrmRep* CrmBundle::FindRep(const std::string& id) const {
  for (const CrmRep& rep : reps) {
    if (rep.id == id) return &rep;
  }
  return nullptr;
}

const CrmPhysician* CrmBundle::FindPhysician(const std::string& id) const {
  for (const CrmPhysician& physician : physicians) {
    if (physician.id == id) return &physician;
  }
  return nullptr;
}

const CrmTier* CrmBundle::FindTier(const std::string& name) const {
  for (const CrmTier& tier : tiers) {
    if (tier.tier == name) return &tier;
  }
  return nullptr;
}

}  // namespace callplan::crm
