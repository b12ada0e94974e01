#include "plugins/report_command.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "plugins/caldav_sync.h"
#include "plugins/crm_fields.h"
#include "plugins/crm_reader.h"
#include "plugins/ics_folder.h"
#include "plugins/learn_command.h"
#include "plugins/outcome_chart_svg.h"
#include "plugins/outcome_report.h"
#include "plugins/planned_calls.h"

namespace callplan::crm {
namespace {

// --from and --to, both days, in order; nullopt after saying what is wrong.
std::optional<std::pair<absl::CivilDay, absl::CivilDay>> Period(const Flags& flags) {
  const absl::StatusOr<absl::CivilDay> from = ParseDate(flags.Get("from"));
  const absl::StatusOr<absl::CivilDay> to = ParseDate(flags.Get("to"));
  if (!from.ok() || !to.ok()) {
    std::cerr << (!from.ok() ? "--from: " : "--to: ")
              << (!from.ok() ? from.status() : to.status()).message() << "\n";
    return std::nullopt;
  }
  if (*to < *from) {
    std::cerr << "--to " << flags.Get("to") << " is before --from " << flags.Get("from") << "\n";
    return std::nullopt;
  }
  return std::pair(*from, *to);
}

// --report, else the calendar folder; "" = write nothing.
std::string ReportFolder(const Flags& flags) {
  if (!flags.Get("report").empty()) return flags.Get("report");
  const std::string calendar = flags.Get("calendar");
  return calendar.empty() || IsCalendarUrl(calendar) ? "" : calendar;
}

}  // namespace

int ReportCommand(const Flags& flags) {
  if (int missing = Require(flags, "report", {"crm", "from", "to"}); missing != 0) {
    return missing;
  }
  const auto period = Period(flags);
  if (!period) return 2;
  absl::StatusOr<CrmBundle> bundle = ReadBundleToPlan(flags, std::cout);
  if (!bundle.ok()) {
    std::cerr << bundle.status().message() << "\nnothing was reported\n";
    return 2;
  }
  std::vector<PlannedCall> planned;
  if (!flags.Get("calendar").empty()) {
    absl::StatusOr<std::vector<PlannedCall>> read =
        ReadPlannedCalls(*bundle, CalendarTargetOf(flags), period->first, period->second);
    if (!read.ok()) {
      std::cerr << "reading the planned calls: " << read.status().message()
                << "\nnothing was reported\n";
      return 1;
    }
    planned = *std::move(read);
  }
  const OutcomeReport report = BuildOutcomeReport(*bundle, planned, period->first, period->second);
  const std::string tables = OutcomeTables(report);
  std::cout << tables;
  if (flags.Get("calendar").empty()) {
    std::cout << "(no --calendar: calls planned are not counted)\n";
  }
  const std::string folder = ReportFolder(flags);
  if (folder.empty()) return 0;
  const std::string stem = absl::StrCat(report.from, "_", report.to);
  const std::string text_file = absl::StrCat(folder, "/outcome-report_", stem, ".txt");
  const std::string chart_file = absl::StrCat(folder, "/outcome_", stem, ".svg");
  absl::Status written = MakeFolders(folder);
  if (written.ok()) written = WriteFileAtomically(text_file, tables);
  if (written.ok()) {
    written = WriteFileAtomically(chart_file,
                                  OutcomeChartSvg(report, bundle->settings.territory_id));
  }
  if (!written.ok()) {
    std::cerr << written.message() << "\n";
    return 1;
  }
  std::cout << "report: " << text_file << "\nchart: " << chart_file << "\n";
  return 0;
}

}  // namespace callplan::crm
