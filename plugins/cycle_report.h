// What a planned call cycle is worth to the people who asked for it, as
// plain text beside the calendars (cycle-report_<first>_<last>.txt): the
// cycle's stats, attainment by tier and by rep, each rep's visits and
// potential week by week, and every target not met with the engine's
// reason (CallAttainment.reason). A rep's attainment counts the
// physician-team targets whose calls that rep made most of; targets nobody
// called are counted under "not called". Deterministic and free of
// timings, so a re-sync of the same plan leaves the file as it was.
#ifndef CALLPLAN_PLUGINS_CYCLE_REPORT_H_
#define CALLPLAN_PLUGINS_CYCLE_REPORT_H_

#include <string>

#include "callplan/v1/cycle.pb.h"
#include "plugins/crm_bundle.h"

namespace callplan::crm {

std::string CycleReport(const CrmBundle& bundle,
                        const v1::PlanCycleResponse& cycle,
                        const std::string& first_date,
                        const std::string& last_date);

// A few lines for stdout: the cycle's status, calls, targets met overall
// and by tier, and the solve time.
std::string CycleSummary(const v1::PlanCycleResponse& cycle);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_CYCLE_REPORT_H_
