// The closed loop on the command line (issue 14):
//   callplan-crm report --crm DIR --from YYYY-MM-DD --to YYYY-MM-DD
//                       [--calendar DIR|URL] [--model DIR] [--report DIR]
// prints what the period's calls did (outcome_report.h): calls planned
// (read back from --calendar, where sync wrote them; none without it)
// against calls made (visit_history.csv), attainment by tier, potential
// covered (the model's potentials and tiers with --model), and the
// prescriptions of physicians called against those not called; and
// writes the tables and the chart (outcome_chart_svg.h) as
// outcome-report_FROM_TO.txt and outcome_FROM_TO.svg into --report, by
// default the calendar folder. Reads calendars, never changes them.
#ifndef CALLPLAN_PLUGINS_REPORT_COMMAND_H_
#define CALLPLAN_PLUGINS_REPORT_COMMAND_H_

#include "plugins/command_line.h"

namespace callplan::crm {

// The exit code: 0 reported; 1 a calendar could not be read; 2 bad
// command line, bundle or model.
int ReportCommand(const Flags& flags);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_REPORT_COMMAND_H_
