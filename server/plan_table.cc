#include "server/plan_table.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace callplan {
namespace {

std::string StatusName(v1::Status status) {
  return v1::Status_Name(status);
}

void AppendStats(const v1::PlanStats& stats, std::string& out) {
  absl::StrAppendFormat(
      &out,
      "\nstatus %s   total potential %.1f   best bound %.1f   gap %.2f%%\n"
      "workload spread %u   potential spread %.1f   distance iterations %u   "
      "%.2f s\n",
      StatusName(stats.status()), stats.objective(), stats.best_bound(),
      100 * stats.relative_gap(), stats.workload_spread(),
      stats.potential_spread(), stats.distance_iterations(),
      stats.solve_seconds());
  for (const std::string& warning : stats.warnings()) {
    absl::StrAppend(&out, "warning: ", warning, "\n");
  }
  for (const std::string& reason : stats.infeasibility().reasons()) {
    absl::StrAppend(&out, "infeasible: ", reason, "\n");
  }
  if (stats.infeasibility().has_min_feasible_workload_spread()) {
    absl::StrAppend(&out, "smallest feasible workload spread: ",
                    stats.infeasibility().min_feasible_workload_spread(), "\n");
  }
  if (stats.infeasibility().has_min_feasible_potential_spread()) {
    absl::StrAppendFormat(&out, "smallest feasible potential spread: %.1f\n",
                          stats.infeasibility().min_feasible_potential_spread());
  }
}

// Per-team stats and every conflict between teams, for portfolio managers.
void AppendPortfolio(const v1::PlanDayResponse& response, std::string& out) {
  if (response.stats().team_stats_size() == 0) return;
  absl::StrAppendFormat(&out, "\n%-12s %7s %10s %16s %16s\n", "team",
                        "visits", "potential", "workload spread",
                        "potential spread");
  for (const v1::TeamStats& team : response.stats().team_stats()) {
    absl::StrAppendFormat(&out, "%-12s %7u %10.1f %16u %16.1f\n",
                          team.team_id(), team.visits(), team.objective(),
                          team.workload_spread(), team.potential_spread());
  }
  for (const v1::Conflict& conflict : response.conflicts()) {
    absl::StrAppend(&out, "conflict ", conflict.physician_id(), " -> ",
                    conflict.assigned_rep_id().empty()
                        ? "nobody"
                        : absl::StrCat(conflict.assigned_rep_id(), " (",
                                       conflict.assigned_team_id(), ")"),
                    ": ", conflict.reason(), "\n");
  }
}

}  // namespace

std::string PlanAsTable(const v1::PlanDayRequest& request,
                        const v1::PlanDayResponse& response) {
  std::string out = absl::StrFormat("territory %s  date %s\n\n",
                                    request.territory_id(), request.date());
  absl::StrAppendFormat(&out, "%-10s %-40s %9s %9s %5s\n", "rep",
                        "visits in route order", "distance", "potential",
                        "cap");
  for (const v1::RepDay& day : response.rep_days()) {
    std::vector<std::string> stops;
    for (const v1::Visit& visit : day.visits()) {
      stops.push_back(visit.physician_id());
    }
    const std::string route =
        stops.empty() ? "(no visits)" : absl::StrJoin(stops, " -> ");
    absl::StrAppendFormat(&out, "%-10s %-40s %9.1f %9.1f %5s\n", day.rep_id(),
                          route, day.route_distance(), day.total_potential(),
                          day.route_cap() > 0
                              ? absl::StrFormat("%.0f", day.route_cap())
                              : "-");
  }
  for (const v1::Unassigned& u : response.unassigned()) {
    absl::StrAppend(&out, "\nleft out ", u.physician_id(), ": ", u.reason());
  }
  if (response.unassigned_size() > 0) out += "\n";
  AppendStats(response.stats(), out);
  AppendPortfolio(response, out);
  return out;
}

}  // namespace callplan
