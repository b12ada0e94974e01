#include "plugins/visits_made.h"

#include "absl/strings/str_cat.h"
#include "plugins/crm_fields.h"
#include "plugins/csv.h"
#include "plugins/input_problems.h"

namespace callplan::crm {
namespace {

void ReadRow(const CsvTable& table, const CsvRow& row, const CrmBundle* bundle,
             const std::string& date, InputProblems& problems, v1::VisitsMade& out) {
  FieldReader f(table, row, &problems);
  const std::string day = f.Text("date", false);
  if (!day.empty() && day != date) return;
  const std::string rep = f.Text("rep_id", true);
  const std::string physician = f.Text("physician_id", true);
  const std::optional<int64_t> start = f.ClockTime("start", true);
  if (bundle != nullptr) ReportUnknownIds(f, *bundle, rep, physician);
  v1::MadeVisit* made = out.add_visits();
  made->set_rep_id(rep);
  made->set_physician_id(physician);
  if (start) made->set_start_seconds(*start);
}

}  // namespace

absl::StatusOr<v1::VisitsMade> ReadVisitsMade(const std::string& path,
                                              const CrmBundle* bundle,
                                              const std::string& date) {
  InputProblems problems;
  absl::StatusOr<CsvTable> table = ReadCsvFile(path, &problems);
  if (!table.ok()) return table.status();
  v1::VisitsMade made;
  if (RequireColumns(*table, {"rep_id", "physician_id", "start"}, &problems)) {
    for (const CsvRow& row : table->rows) ReadRow(*table, row, bundle, date, problems, made);
  }
  if (!problems.empty()) return problems.ToStatus();
  return made;
}

}  // namespace callplan::crm
