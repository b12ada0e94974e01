#include "plugins/cycle_command.h"

#include "absl/strings/str_cat.h"
#include "plugins/caldav_sync.h"
#include "plugins/crm_fields.h"
#include "plugins/cycle_chart_svg.h"
#include "plugins/cycle_report.h"
#include "plugins/cycle_sync.h"
#include "plugins/ics_folder.h"

namespace callplan::crm {
namespace {

// The report and chart, each rewritten only when its content changed.
absl::Status WriteReports(const CrmBundle& bundle,
                          const v1::PlanCycleResponse& cycle,
                          const CycleWriteOptions& options, std::ostream& out) {
  std::string dir = options.report_dir;
  if (dir.empty() && !IsCalendarUrl(options.target.calendar)) {
    dir = options.target.calendar;
  }
  if (dir.empty() || options.target.dry_run) return absl::OkStatus();
  if (absl::Status made = MakeFolders(dir); !made.ok()) return made;
  const std::string& first = options.first_date;
  const std::string& last = options.last_date;
  const std::string report = CycleReportFile(dir, first, last);
  const std::string chart = CycleChartFile(dir, first, last);
  absl::StatusOr<bool> written =
      WriteFileIfChanged(report, CycleReport(bundle, cycle, first, last));
  if (!written.ok()) return written.status();
  written = WriteFileIfChanged(chart, CycleCallsSvg(bundle, cycle, first, last));
  if (!written.ok()) return written.status();
  out << "cycle report: " << report << "\ncalls per week: " << chart << "\n";
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckCycleDates(const std::string& date, const std::string& from,
                             const std::string& to) {
  if (!date.empty()) {
    return absl::InvalidArgumentError(
        "--date plans one day, --from/--to a cycle: give one or the other");
  }
  if (from.empty() || to.empty()) {
    return absl::InvalidArgumentError(from.empty() ? "--from is required with --to"
                                                   : "--to is required with --from");
  }
  const absl::StatusOr<absl::CivilDay> first = ParseDate(from);
  if (!first.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--from: ", first.status().message()));
  }
  const absl::StatusOr<absl::CivilDay> last = ParseDate(to);
  if (!last.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--to: ", last.status().message()));
  }
  if (*last < *first) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--to ", to, " is before --from ", from, ": a cycle runs forward"));
  }
  return absl::OkStatus();
}

std::string CycleReportFile(const std::string& dir, const std::string& first_date,
                            const std::string& last_date) {
  return absl::StrCat(dir, "/cycle-report_", first_date, "_", last_date, ".txt");
}

std::string CycleChartFile(const std::string& dir, const std::string& first_date,
                           const std::string& last_date) {
  return absl::StrCat(dir, "/cycle-calls_", first_date, "_", last_date, ".svg");
}

int WriteCycle(const CrmBundle& bundle, const v1::PlanCycleResponse& cycle,
               const CycleWriteOptions& options, std::ostream& out,
               std::ostream& err) {
  out << CycleSummary(cycle);
  if (cycle.stats().status() == v1::INFEASIBLE) {
    for (const std::string& warning : cycle.stats().warnings()) {
      err << "  " << warning << "\n";
    }
    err << "no plan for the cycle; no calendar was touched\n";
    return 1;
  }
  // Every day is checked before the first calendar is opened, so a plan
  // that does not fit the bundle writes nothing at all.
  absl::StatusOr<std::vector<CycleDate>> dates =
      CycleDates(cycle, options.first_date, options.last_date);
  absl::Status fits = dates.ok() ? CheckCycleFits(bundle, *dates) : dates.status();
  if (!fits.ok()) {
    err << "the plan cannot be written: " << fits.message()
        << "\nno calendar was touched\n";
    return 1;
  }
  absl::StatusOr<std::vector<CycleDaySync>> days =
      SyncCycleCalendars(bundle, *dates, options.target);
  if (!days.ok()) {
    err << "calendar sync failed: " << days.status().message()
        << "\nrun the same sync again to finish it\n";
    return 1;
  }
  if (options.target.dry_run) out << CycleChangeListing(*days) << "\n";
  out << CycleSyncTable(*days, options.target.dry_run) << "\n";
  if (absl::Status reports = WriteReports(bundle, cycle, options, out);
      !reports.ok()) {
    err << reports.message() << "\n";
    return 1;
  }
  for (const CycleDaySync& day : *days) {
    for (const RepSyncResult& r : day.reps) {
      if (r.tally.conflicts > 0) return 3;
    }
  }
  return 0;
}

}  // namespace callplan::crm
