#include "plugins/manager_decisions.h"

#include "absl/strings/str_cat.h"
#include "plugins/crm_fields.h"
#include "plugins/csv.h"
#include "plugins/input_problems.h"

namespace callplan::crm {
namespace {

void ReadRow(const CsvTable& table, const CsvRow& row, const CrmBundle& bundle,
             const std::string& date, InputProblems& problems,
             v1::PlanDayRequest& out) {
  FieldReader f(table, row, &problems);
  const std::string kind = f.Text("kind", true);
  const std::string day = f.Text("date", false);
  if (!day.empty() && day != date) return;
  const std::string rep = f.Text("rep_id", true);
  const std::string physician = f.Text("physician_id", kind != "lock");
  const std::optional<int64_t> start = f.ClockTime("start", false);
  const bool done = f.Flag("done");
  const std::string by = f.Text("pinned_by", true);
  const std::string reason = f.Text("reason", false);
  ReportUnknownIds(f, bundle, rep, physician);
  if (kind == "pin") {
    if (done && !start) f.Report("start", "a visit already made needs its start time");
    v1::VisitPin* pin = out.add_pins();
    pin->set_physician_id(physician);
    pin->set_rep_id(rep);
    if (start) pin->set_start_seconds(*start);
    pin->set_done(done);
    pin->set_pinned_by(by);
    pin->set_reason(reason);
    return;
  }
  if (start) f.Report("start", absl::StrCat("only a pin has a start time, not a ", kind));
  if (done) f.Report("done", absl::StrCat("only a pin can be a visit already made"));
  if (kind == "forbid") {
    v1::ForbiddenVisit* forbid = out.add_forbidden_visits();
    forbid->set_physician_id(physician);
    forbid->set_rep_id(rep);
    forbid->set_pinned_by(by);
    forbid->set_reason(reason);
  } else if (kind == "lock") {
    if (!physician.empty()) {
      f.Report("physician_id",
               "a lock is for the rep's whole day: pin its visits on rows of their own");
    }
    v1::LockedDay* lock = out.add_locked_days();
    lock->set_rep_id(rep);
    lock->set_pinned_by(by);
    lock->set_reason(reason);
  } else if (!kind.empty()) {
    f.Report("kind", absl::StrCat("must be pin, forbid or lock, got \"", kind, "\""));
  }
}

}  // namespace

absl::Status AddManagerDecisions(const std::string& path, const CrmBundle& bundle,
                                 const std::string& date,
                                 v1::PlanDayRequest& request) {
  InputProblems problems;
  absl::StatusOr<CsvTable> table = ReadCsvFile(path, &problems);
  if (!table.ok()) return table.status();
  v1::PlanDayRequest decided;
  if (RequireColumns(*table, {"kind", "rep_id", "pinned_by"}, &problems)) {
    for (const CsvRow& row : table->rows) {
      ReadRow(*table, row, bundle, date, problems, decided);
    }
  }
  if (!problems.empty()) return problems.ToStatus();
  request.MergeFrom(decided);
  return absl::OkStatus();
}

}  // namespace callplan::crm
