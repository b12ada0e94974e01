#include "plugins/visits_made.h"

#include <filesystem>
#include <fstream>
#include <sstream>

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
  if (bundle != nullptr) {
    bool rep_known = false;
    for (const CrmRep& r : bundle->reps) rep_known = rep_known || r.id == rep;
    if (!rep.empty() && !rep_known) {
      f.Report("rep_id", absl::StrCat("no rep \"", rep, "\" in reps.csv"));
    }
    if (!physician.empty() && bundle->FindPhysician(physician) == nullptr) {
      f.Report("physician_id",
               absl::StrCat("no physician \"", physician, "\" in physicians.csv"));
    }
  }
  v1::MadeVisit* made = out.add_visits();
  made->set_rep_id(rep);
  made->set_physician_id(physician);
  if (start) made->set_start_seconds(*start);
}

}  // namespace

absl::StatusOr<v1::VisitsMade> ReadVisitsMade(const std::string& path,
                                              const CrmBundle* bundle,
                                              const std::string& date) {
  const std::string file = std::filesystem::path(path).filename().string();
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat(path, ": cannot read the file"));
  std::stringstream text;
  text << in.rdbuf();
  InputProblems problems;
  const CsvTable table = ParseCsv(file, text.str(), &problems);
  v1::VisitsMade made;
  if (RequireColumns(table, {"rep_id", "physician_id", "start"}, &problems)) {
    for (const CsvRow& row : table.rows) ReadRow(table, row, bundle, date, problems, made);
  }
  if (!problems.empty()) return problems.ToStatus();
  return made;
}

}  // namespace callplan::crm
