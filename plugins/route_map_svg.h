// A picture of the planned day: every rep's route (home -> visits -> home)
// drawn over all the territory's physicians, one colour per rep, visit
// order numbered, physicians left unvisited in grey, and a legend with each
// rep's visits, potential and kilometres. Longitude is scaled by the cosine
// of the mean latitude so distances look right. Deterministic output.
#ifndef CALLPLAN_PLUGINS_ROUTE_MAP_SVG_H_
#define CALLPLAN_PLUGINS_ROUTE_MAP_SVG_H_

#include <string>
#include <vector>

#include "plugins/crm_bundle.h"
#include "plugins/rep_schedule.h"

namespace callplan::crm {

std::string RouteMapSvg(const CrmBundle& bundle,
                        const std::vector<RepSchedule>& schedules,
                        const std::string& date);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_ROUTE_MAP_SVG_H_
