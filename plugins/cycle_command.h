// `callplan-crm sync --from --to`, after the sidecar has planned the cycle:
// checks every day of the plan against the bundle (nothing written if one
// does not fit), writes each date into the calendars through the day path
// (cycle_sync.h), prints the summary and the per-date table, and writes
// the cycle report and chart (cycle_report.h, cycle_chart_svg.h) into the
// report folder: by default the calendar folder, none for CalDAV unless
// given. Returns the command's exit code (main.cc's table).
#ifndef CALLPLAN_PLUGINS_CYCLE_COMMAND_H_
#define CALLPLAN_PLUGINS_CYCLE_COMMAND_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "callplan/v1/cycle.pb.h"
#include "plugins/crm_bundle.h"
#include "plugins/crm_sync.h"

namespace callplan::crm {

struct CycleWriteOptions {
  std::string first_date;
  std::string last_date;
  CalendarTarget target;
  std::string report_dir;  // "" = the calendar folder (none for CalDAV)
};

// The command line's dates: --from and --to both days, in order, and no
// --date beside them; InvalidArgument saying which flag is wrong.
absl::Status CheckCycleDates(const std::string& date, const std::string& from,
                             const std::string& to);

// The report's and the chart's paths in `dir`.
std::string CycleReportFile(const std::string& dir, const std::string& first_date,
                            const std::string& last_date);
std::string CycleChartFile(const std::string& dir, const std::string& first_date,
                           const std::string& last_date);

int WriteCycle(const CrmBundle& bundle, const v1::PlanCycleResponse& cycle,
               const CycleWriteOptions& options, std::ostream& out,
               std::ostream& err);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_CYCLE_COMMAND_H_
