// Districts in a CRM bundle: an optional district_id column on reps.csv and
// physicians.csv splits a field force into territory-days planned apart
// (PlanDistricts), each with its district's reps and physicians.
//  - The column goes on both files or neither; with it every rep and every
//    physician names a district, and a physician's district must have a rep
//    (otherwise nobody could ever visit them): each is reported as
//    file:line: district_id: what is wrong.
//  - Without the column the bundle is one territory, as before.
#ifndef CALLPLAN_PLUGINS_DISTRICTS_H_
#define CALLPLAN_PLUGINS_DISTRICTS_H_

#include <string>
#include <vector>

#include "plugins/crm_bundle.h"
#include "plugins/csv.h"
#include "plugins/input_problems.h"

namespace callplan::crm {

inline constexpr char kDistrictColumn[] = "district_id";

// After reps.csv and physicians.csv are read (with their district_id
// fields); sets bundle->has_districts. `reps` / `physicians` are the parsed
// tables, null when the file is missing.
void CheckDistricts(const CsvTable* reps, const CsvTable* physicians,
                    CrmBundle* bundle, InputProblems* problems);

struct DistrictBundle {
  std::string district_id;
  CrmBundle bundle;  // the district's reps, physicians, history and teams
};

// One bundle per district, in order of first appearance in reps.csv. Each
// keeps the territory's settings, with territory_id "TERRITORY/DISTRICT",
// the teams its reps belong to and the call history of its physicians.
std::vector<DistrictBundle> SplitByDistrict(const CrmBundle& bundle);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_DISTRICTS_H_
