#include "server/cycle_table.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace callplan {
namespace {

void AppendDays(const v1::PlanCycleResponse& response, std::string& out) {
  absl::StrAppendFormat(&out, "%-10s %-10s %s\n", "date", "rep",
                        "visits in route order");
  for (const v1::CycleDay& day : response.days()) {
    bool any = false;
    for (const v1::RepDay& rep : day.plan().rep_days()) {
      if (rep.visits().empty()) continue;
      std::vector<std::string> stops;
      for (const v1::Visit& visit : rep.visits()) stops.push_back(visit.physician_id());
      absl::StrAppendFormat(&out, "%-10s %-10s %s\n", day.date(), rep.rep_id(),
                            absl::StrJoin(stops, " -> "));
      any = true;
    }
    if (!any) absl::StrAppendFormat(&out, "%-10s %-10s %s\n", day.date(), "-", "(no visits)");
  }
}

void AppendAttainment(const v1::PlanCycleResponse& response, std::string& out) {
  absl::StrAppendFormat(&out, "\n%-10s %-10s %-4s %7s %8s %8s  %s\n", "physician",
                        "team", "tier", "calls", "target", "min..max", "dates / why not");
  for (const v1::CallAttainment& row : response.attainment()) {
    const std::string range =
        absl::StrCat(row.min_calls(), "..",
                     row.has_max_calls() ? absl::StrCat(row.max_calls()) : "-");
    const std::string dates = absl::StrJoin(row.dates(), " ");
    absl::StrAppendFormat(
        &out, "%-10s %-10s %-4s %7u %8u %8s  %s\n", row.physician_id(),
        row.team_id().empty() ? "-" : row.team_id(),
        row.tier().empty() ? "-" : row.tier(), row.planned_calls(),
        row.target_calls(), range,
        row.reason().empty() ? dates : absl::StrCat(dates, dates.empty() ? "" : "; ",
                                                    row.reason()));
  }
}

void AppendStats(const v1::CycleStats& stats, std::string& out) {
  absl::StrAppendFormat(
      &out,
      "\nstatus %s   objective %.1f   best bound %.1f   gap %.2f%%   "
      "response value %.1f\n"
      "calls %u   targets met %u of %u   minimums missed %u   "
      "workload spread %u   potential spread %.1f   day by day %.1f   %.2f s\n",
      v1::Status_Name(stats.status()), stats.objective(), stats.best_bound(),
      100 * stats.relative_gap(), stats.response_value(), stats.calls(),
      stats.targets_met(), stats.targets(), stats.minimums_missed(),
      stats.workload_spread(), stats.potential_spread(),
      stats.day_by_day_objective(), stats.solve_seconds());
  for (const std::string& warning : stats.warnings()) {
    absl::StrAppend(&out, "warning: ", warning, "\n");
  }
}

}  // namespace

std::string CycleAsTable(const v1::PlanCycleRequest& request,
                         const v1::PlanCycleResponse& response) {
  std::string out = absl::StrFormat("territory %s  cycle %s .. %s\n\n",
                                    request.territory().territory_id(),
                                    request.first_date(), request.last_date());
  AppendDays(response, out);
  AppendAttainment(response, out);
  absl::StrAppendFormat(&out, "\n%-10s %-10s %7s %10s\n", "rep", "week of",
                        "visits", "potential");
  for (const v1::RepWeek& week : response.rep_weeks()) {
    absl::StrAppendFormat(&out, "%-10s %-10s %7u %10.1f\n", week.rep_id(),
                          week.week_start(), week.visits(), week.potential());
  }
  AppendStats(response.stats(), out);
  return out;
}

}  // namespace callplan
