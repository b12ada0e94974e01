// The portfolio part of a CRM bundle, both files optional:
//   teams.csv          team_id,name,products,max_workload_spread,
//                      max_potential_spread,max_route_km,max_visits_per_rep
//                      (products separated by ';'; an empty bound = the
//                      territory's; max_route_distance is accepted for
//                      max_route_km)
//   visit_history.csv  physician_id,team_id,date[,product]   (date
//                      YYYY-MM-DD; product, when the CRM recorded it, one
//                      the team promotes; empty = not recorded)
// With teams.csv every rep must name one of its teams; history rows must
// name a known physician and a known team (a team in teams.csv, or without
// it a rep's team_id). Problems are reported as file:line: column: what.
#ifndef CALLPLAN_PLUGINS_PORTFOLIO_READER_H_
#define CALLPLAN_PLUGINS_PORTFOLIO_READER_H_

#include <optional>
#include <string>

#include "plugins/crm_bundle.h"
#include "plugins/csv.h"
#include "plugins/input_problems.h"

namespace callplan::crm {

// Fills bundle->teams; call before the reps are read.
void ReadTeams(const CsvTable& table, CrmBundle* bundle,
               InputProblems* problems);

// Reports reps without a known team (when the bundle has teams) and reps
// with no products while their team has none either.
void CheckRepTeams(const std::string& reps_file, const CrmBundle& bundle,
                   InputProblems* problems);

// Why a row naming `team_id` names no team of the bundle (a team of
// teams.csv, or without it a rep's team_id); nullopt when it is one.
std::optional<std::string> UnknownTeam(const CrmBundle& bundle,
                                       const std::string& team_id);

// Fills bundle->visit_history; call after reps and physicians are read.
void ReadVisitHistory(const CsvTable& table, CrmBundle* bundle,
                      InputProblems* problems);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_PORTFOLIO_READER_H_
