// The closed loop as a picture: three panels of grouped bars, side by
// side: calls planned and made per team, attainment of the call targets
// per tier, and prescriptions per physician a month before and during the
// period for physicians called and not called. Self-contained SVG (no
// fonts, scripts or images from elsewhere), deterministic, every bar with
// a <title> holding its number.
#ifndef CALLPLAN_PLUGINS_OUTCOME_CHART_SVG_H_
#define CALLPLAN_PLUGINS_OUTCOME_CHART_SVG_H_

#include <string>

#include "plugins/outcome_report.h"

namespace callplan::crm {

std::string OutcomeChartSvg(const OutcomeReport& report, const std::string& territory_id);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_OUTCOME_CHART_SVG_H_
