// Typed reading of one CSV row's fields, every problem reported as
// file:line: column: what is wrong. A missing required column is reported
// once for the whole file (by RequireColumns), not once per row.
#ifndef CALLPLAN_PLUGINS_CRM_FIELDS_H_
#define CALLPLAN_PLUGINS_CRM_FIELDS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "plugins/crm_bundle.h"
#include "plugins/csv.h"
#include "plugins/input_problems.h"
#include "proto/callplan/v1/field_limits.h"

namespace callplan::crm {

// Reports each of `required` missing from the header; true when all exist.
bool RequireColumns(const CsvTable& table,
                    const std::vector<std::string>& required,
                    InputProblems* problems);

class FieldReader {
 public:
  FieldReader(const CsvTable& table, const CsvRow& row,
              InputProblems* problems)
      : table_(table), row_(row), problems_(problems) {}

  // The trimmed text; "" for an absent optional column. A required field
  // that is empty is reported.
  std::string Text(const std::string& column, bool required);
  // A decimal number within [min, max]; nullopt when empty (reported if
  // required) or bad (always reported).
  std::optional<double> Number(const std::string& column, double min,
                               double max, bool required);
  // A whole number within [min, max], same rules.
  std::optional<int64_t> Integer(const std::string& column, int64_t min,
                                 int64_t max, bool required);
  // A number within one of the contract's ranges (field_limits.h), whole
  // when the range is: the bundle accepts exactly what the sidecar does.
  std::optional<double> InRange(const std::string& column,
                                const v1::limits::Range& range, bool required);
  // A time of day HH:MM as seconds after midnight, same rules.
  std::optional<int64_t> ClockTime(const std::string& column, bool required);
  // yes/no, true/false, 1/0 (any case); empty = false.
  bool Flag(const std::string& column);
  // A list separated by ';', entries trimmed, empty entries dropped.
  std::vector<std::string> List(const std::string& column);
  // The same list; an entry given twice is reported as a `noun` listed twice.
  std::vector<std::string> DistinctList(const std::string& column,
                                        const std::string& noun);
  // Reports `id` (a `noun`) when `first_line` already holds it, else records
  // this row as its first line. Empty ids are left to Text's own report.
  void CheckUniqueId(const std::string& column, const std::string& noun,
                     const std::string& id,
                     std::map<std::string, int>& first_line);

  void Report(const std::string& column, const std::string& what);
  int line() const { return row_.line; }

 private:
  const CsvTable& table_;
  const CsvRow& row_;
  InputProblems* problems_;
};

// Plain decimal notation only: [+-]digits[.digits][e[+-]digits]. Rejects
// what strtod would also read, such as "0x2D" (45), "inf" or "nan".
bool IsDecimalNumber(const std::string& text);

// "08:30" -> 30600 (seconds after midnight); nullopt unless HH:MM with
// HH < 24 and MM < 60.
std::optional<int64_t> ParseClockTime(const std::string& text);
// 30600 -> "08:30", for messages and listings.
std::string ClockText(int64_t seconds);

// "2026-03-12" -> that civil day; InvalidArgument otherwise.
absl::StatusOr<absl::CivilDay> ParseDate(const std::string& date);
// "2026-03" -> that civil month; InvalidArgument otherwise.
absl::StatusOr<absl::CivilMonth> ParseMonth(const std::string& month);

// Reports `rep` missing from reps.csv and `physician` from physicians.csv
// on the reader's row (an empty id is left to the required-field check),
// for files beside the bundle that name its people.
void ReportUnknownIds(FieldReader& f, const CrmBundle& bundle, const std::string& rep,
                      const std::string& physician);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_CRM_FIELDS_H_
