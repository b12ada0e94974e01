#include "plugins/districts.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"

namespace callplan::crm {
namespace {

bool HasColumn(const CsvTable* table) {
  return table != nullptr && table->Column(kDistrictColumn) >= 0;
}

}  // namespace

void CheckDistricts(const CsvTable* reps, const CsvTable* physicians,
                    CrmBundle* bundle, InputProblems* problems) {
  const bool on_reps = HasColumn(reps);
  const bool on_physicians = HasColumn(physicians);
  bundle->has_districts = on_reps && on_physicians;
  if (on_reps != on_physicians) {
    const CsvTable* lacking = on_reps ? physicians : reps;
    if (lacking == nullptr) return;  // its absence is reported already
    problems->Add(lacking->file, 1, kDistrictColumn,
                  absl::StrCat("missing, but ", on_reps ? reps->file : physicians->file,
                               " has one: give district_id on both files or "
                               "on neither"));
    return;
  }
  if (!bundle->has_districts) return;
  std::map<std::string, int> rep_line;  // district -> first rep's line
  for (const CrmRep& rep : bundle->reps) {
    if (rep.district_id.empty()) {
      problems->Add(reps->file, rep.line, kDistrictColumn,
                    "required: this bundle plans by district");
      continue;
    }
    rep_line.emplace(rep.district_id, rep.line);
  }
  for (const CrmPhysician& physician : bundle->physicians) {
    if (physician.district_id.empty()) {
      problems->Add(physicians->file, physician.line, kDistrictColumn,
                    "required: this bundle plans by district");
    } else if (rep_line.count(physician.district_id) == 0) {
      problems->Add(physicians->file, physician.line, kDistrictColumn,
                    absl::StrCat("district \"", physician.district_id,
                                 "\" has no rep in ", reps->file,
                                 ", so nobody could visit this physician"));
    }
  }
}

std::vector<DistrictBundle> SplitByDistrict(const CrmBundle& bundle) {
  std::vector<DistrictBundle> districts;
  std::map<std::string, size_t> index;
  auto district = [&](const std::string& id) -> CrmBundle& {
    const auto [it, fresh] = index.emplace(id, districts.size());
    if (fresh) {
      DistrictBundle d{id, {}};
      d.bundle.settings = bundle.settings;
      d.bundle.settings.territory_id =
          absl::StrCat(bundle.settings.territory_id, "/", id);
      d.bundle.has_districts = true;
      d.bundle.potential_model_id = bundle.potential_model_id;
      districts.push_back(std::move(d));
    }
    return districts[it->second].bundle;
  };
  for (const CrmRep& rep : bundle.reps) district(rep.district_id).reps.push_back(rep);
  std::map<std::string, std::string> physician_district;
  for (const CrmPhysician& physician : bundle.physicians) {
    if (index.count(physician.district_id) == 0) continue;  // reported
    district(physician.district_id).physicians.push_back(physician);
    physician_district[physician.id] = physician.district_id;
  }
  for (const CrmPastVisit& visit : bundle.visit_history) {
    const auto it = physician_district.find(visit.physician_id);
    if (it != physician_district.end()) {
      district(it->second).visit_history.push_back(visit);
    }
  }
  for (DistrictBundle& d : districts) {
    std::set<std::string> rep_teams;
    for (const CrmRep& rep : d.bundle.reps) rep_teams.insert(rep.team_id);
    for (const CrmTeam& team : bundle.teams) {
      if (rep_teams.count(team.id) > 0) d.bundle.teams.push_back(team);
    }
  }
  return districts;
}

}  // namespace callplan::crm
