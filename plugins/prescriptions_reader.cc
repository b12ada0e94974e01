#include "plugins/prescriptions_reader.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "plugins/crm_fields.h"
#include "plugins/product_families.h"

namespace callplan::crm {
namespace {

// The last month seen of one physician-product, and where.
struct SeriesEnd {
  absl::CivilMonth month;
  int line = 0;
};

using SeriesKey = std::pair<std::string, std::string>;  // physician, product

// Reports a month that repeats or goes back in its series; true when it
// extends the series.
bool ExtendsSeries(FieldReader& f, const SeriesKey& key, absl::CivilMonth month,
                   const std::string& text, std::map<SeriesKey, SeriesEnd>& ends) {
  const auto [it, first] = ends.emplace(key, SeriesEnd{month, f.line()});
  if (first) return true;
  const SeriesEnd previous = it->second;
  if (month == previous.month) {
    f.Report("month", absl::StrCat(text, " of \"", key.first, "\" for \"", key.second,
                                   "\" given twice (first on line ", previous.line, ")"));
    return false;
  }
  if (month < previous.month) {
    f.Report("month", absl::StrCat(text, " comes after ", absl::FormatCivilTime(previous.month),
                                   " (line ", previous.line, ") for \"", key.first,
                                   "\" and \"", key.second,
                                   "\"; each physician's months of a product must ascend"));
    return false;
  }
  it->second = {month, f.line()};
  return true;
}

// A whole number of prescriptions; a negative count is named as such (a
// CRM's correction row, say), not as a range.
std::optional<int64_t> Count(FieldReader& f) {
  int64_t value = 0;
  if (absl::SimpleAtoi(f.Text("prescriptions", false), &value) && value < 0) {
    f.Report("prescriptions",
             absl::StrCat("cannot be negative, got ", value,
                          "; a month's count is what was prescribed, 0 or more"));
    return std::nullopt;
  }
  return f.Integer("prescriptions", 0, 100'000'000, true);
}

}  // namespace

void ReadPrescriptions(const CsvTable& table, CrmBundle* bundle,
                       InputProblems* problems) {
  if (!RequireColumns(table, {"physician_id", "product", "month", "prescriptions"},
                      problems)) {
    return;
  }
  const std::vector<std::string> promoted = PromotedProducts(*bundle);
  // An export holds a row per physician, product and month: look ids up.
  std::set<std::string> physicians;
  for (const CrmPhysician& physician : bundle->physicians) physicians.insert(physician.id);
  std::map<SeriesKey, SeriesEnd> ends;
  for (const CsvRow& row : table.rows) {
    FieldReader f(table, row, problems);
    CrmPrescriptions entry;
    entry.line = row.line;
    entry.physician_id = f.Text("physician_id", true);
    entry.product = f.Text("product", true);
    entry.month = f.Text("month", true);
    const std::optional<int64_t> count = Count(f);
    bool good = count.has_value() && !entry.product.empty();
    if (!entry.physician_id.empty() && physicians.count(entry.physician_id) == 0) {
      f.Report("physician_id", absl::StrCat("no physician \"", entry.physician_id,
                                            "\" in physicians.csv"));
      good = false;
    }
    if (!entry.product.empty() &&
        !std::binary_search(promoted.begin(), promoted.end(), entry.product)) {
      f.Report("product", absl::StrCat("no rep promotes \"", entry.product,
                                       "\" (promoted: ", absl::StrJoin(promoted, ", "),
                                       "); leave other products out of the export"));
      good = false;
    }
    absl::StatusOr<absl::CivilMonth> month = ParseMonth(entry.month);
    if (!entry.month.empty() && !month.ok()) {
      f.Report("month", absl::StrCat("must be a month YYYY-MM, got \"", entry.month, "\""));
    }
    if (!month.ok() || entry.physician_id.empty() || !good) continue;
    if (!ExtendsSeries(f, {entry.physician_id, entry.product}, *month, entry.month, ends)) {
      continue;
    }
    entry.prescriptions = *count;
    bundle->prescriptions.push_back(std::move(entry));
  }
}

}  // namespace callplan::crm
