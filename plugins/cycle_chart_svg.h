// A picture of a planned call cycle: calls per week per rep as grouped
// bars (one group per week of the cycle, weeks starting on Monday, one bar
// per rep in the route map's colours), with a legend naming every rep and
// its calls over the cycle. Self-contained SVG (no fonts, scripts or
// images from elsewhere); deterministic output, so a re-sync of the same
// plan leaves the file as it was.
#ifndef CALLPLAN_PLUGINS_CYCLE_CHART_SVG_H_
#define CALLPLAN_PLUGINS_CYCLE_CHART_SVG_H_

#include <string>
#include <vector>

#include "callplan/v1/cycle.pb.h"
#include "plugins/crm_bundle.h"

namespace callplan::crm {

// Mondays of the weeks first_date..last_date touches (YYYY-MM-DD); empty
// when a date does not parse or last is before first.
std::vector<std::string> CycleWeeks(const std::string& first_date,
                                    const std::string& last_date);

std::string CycleCallsSvg(const CrmBundle& bundle,
                          const v1::PlanCycleResponse& cycle,
                          const std::string& first_date,
                          const std::string& last_date);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_CYCLE_CHART_SVG_H_
