#include "plugins/portfolio_report.h"

#include <algorithm>
#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace callplan::crm {
namespace {

std::string PhysicianLabel(const CrmBundle& bundle, const std::string& id) {
  const CrmPhysician* physician = bundle.FindPhysician(id);
  return physician == nullptr || physician->name.empty()
             ? id
             : absl::StrCat(id, " ", physician->name);
}

std::string RepLabel(const CrmBundle& bundle, const std::string& id) {
  const CrmRep* rep = bundle.FindRep(id);
  return rep == nullptr || rep->name.empty()
             ? id
             : absl::StrCat(id, " ", rep->name);
}

int RepsOfTeam(const CrmBundle& bundle, const std::string& team_id) {
  return static_cast<int>(std::count_if(
      bundle.reps.begin(), bundle.reps.end(),
      [&](const CrmRep& rep) { return rep.team_id == team_id; }));
}

}  // namespace

std::string TeamStatsTable(const CrmBundle& bundle,
                           const v1::PlanDayResponse& plan) {
  const v1::PlanStats& stats = plan.stats();
  if (stats.team_stats().empty()) return "";
  std::string out = absl::StrFormat("%-12s %-20s %4s %6s %9s %14s %16s\n",
                                    "team", "name", "reps", "visits",
                                    "potential", "workload-spread",
                                    "potential-spread");
  uint32_t visits = 0;
  double potential = 0;
  for (const v1::TeamStats& team : stats.team_stats()) {
    const CrmTeam* crm_team = bundle.FindTeam(team.team_id());
    absl::StrAppend(&out, absl::StrFormat(
        "%-12s %-20s %4d %6d %9.1f %14d %16.1f\n", team.team_id(),
        crm_team == nullptr ? "" : crm_team->name,
        RepsOfTeam(bundle, team.team_id()), team.visits(), team.objective(),
        team.workload_spread(), team.potential_spread()));
    visits += team.visits();
    potential += team.objective();
  }
  absl::StrAppend(&out, absl::StrFormat("%-12s %-20s %4d %6d %9.1f\n", "total",
                                        "", static_cast<int>(bundle.reps.size()),
                                        visits, potential));
  return out;
}

std::string ConflictReport(const CrmBundle& bundle,
                           const v1::PlanDayResponse& plan) {
  if (plan.conflicts().empty()) {
    return "deconfliction: no physician was wanted by two teams\n";
  }
  std::string out = absl::StrCat("deconfliction: ", plan.conflicts_size(),
                                 " physicians wanted by more than one team\n");
  for (const v1::Conflict& conflict : plan.conflicts()) {
    // Proto maps have no order; sort so that two runs print the same.
    const std::map<std::string, double> wanted(
        conflict.team_potential().begin(), conflict.team_potential().end());
    std::vector<std::string> gains;
    for (const auto& [team, potential] : wanted) {
      gains.push_back(absl::StrFormat("%s %.1f", team, potential));
    }
    const std::string who =
        conflict.assigned_team_id().empty()
            ? "nobody today"
            : absl::StrCat(conflict.assigned_team_id(), " (",
                           RepLabel(bundle, conflict.assigned_rep_id()), ")");
    absl::StrAppend(&out, "  ", PhysicianLabel(bundle, conflict.physician_id()),
                    ": ", absl::StrJoin(gains, ", "), " -> ", who, "\n");
    if (!conflict.reason().empty()) {
      absl::StrAppend(&out, "      ", conflict.reason(), "\n");
    }
  }
  return out;
}

std::string UnassignedListing(const CrmBundle& bundle,
                              const v1::PlanDayResponse& plan) {
  if (plan.unassigned().empty()) return "";
  std::string out = absl::StrCat("not visited today: ", plan.unassigned_size(),
                                 " physicians\n");
  for (const v1::Unassigned& unassigned : plan.unassigned()) {
    absl::StrAppend(&out, "  ",
                    PhysicianLabel(bundle, unassigned.physician_id()), ": ",
                    unassigned.reason().empty() ? "no reason given"
                                                : unassigned.reason(),
                    "\n");
  }
  return out;
}

}  // namespace callplan::crm
