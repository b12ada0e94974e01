// What a sync prints about the portfolio after the per-rep table: each
// team's share of the plan (visits, potential, spreads within the team), the
// deconfliction report (every physician more than one team wanted today:
// what each team would have gained, who got it, why) and every physician
// not visited today with the reason. Plain text, deterministic order.
#ifndef CALLPLAN_PLUGINS_PORTFOLIO_REPORT_H_
#define CALLPLAN_PLUGINS_PORTFOLIO_REPORT_H_

#include <string>

#include "callplan/v1/schedule.pb.h"
#include "plugins/crm_bundle.h"

namespace callplan::crm {

// One row per team in plan.stats.team_stats, then the plan's total; empty
// when the plan has no team stats.
std::string TeamStatsTable(const CrmBundle& bundle,
                           const v1::PlanDayResponse& plan);

// The plan's conflicts; "no physician was wanted by two teams" when none.
std::string ConflictReport(const CrmBundle& bundle,
                           const v1::PlanDayResponse& plan);

// The plan's unassigned physicians with their reasons; empty when none.
std::string UnassignedListing(const CrmBundle& bundle,
                              const v1::PlanDayResponse& plan);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_PORTFOLIO_REPORT_H_
