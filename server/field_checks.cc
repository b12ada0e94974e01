#include "server/field_checks.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace callplan::validation {
namespace {

namespace limits = v1::limits;

// "between 0 and 100", "a whole number between 1 and 10000", "greater
// than 0 and at most 1e+10"; "a finite number ..." for NaN and infinity.
std::string DescribeRange(const limits::Range& range, bool finite) {
  const std::string kind = range.whole ? "a whole number "
                           : finite    ? ""
                                       : "a finite number ";
  if (range.above_min) {
    return absl::StrFormat("%sgreater than %g and at most %g", kind, range.min,
                           range.max);
  }
  return absl::StrFormat("%sbetween %g and %g", kind, range.min, range.max);
}

}  // namespace

std::string Num(double v) { return absl::StrFormat("%.15g", v); }

void CheckRange(Collector& c, const std::string& field, double value,
                const limits::Range& range, const char* hint) {
  if (range.Contains(value)) return;
  c.Add(field, absl::StrCat("must be ", DescribeRange(range, std::isfinite(value)),
                            ", got ", Num(value), hint));
}


void CheckNonNegative(Collector& c, const std::string& field, double v) {
  if (!std::isfinite(v)) {
    c.Add(field, absl::StrCat("must be a finite number, got ", Num(v)));
  } else if (v < 0) {
    c.Add(field, absl::StrCat("must not be negative, got ", Num(v)));
  }
}


bool ValidDate(const std::string& date) {
  // Digit by digit: sscanf's %2d skipped white space, so "2026-\r3-12"
  // passed here and the engine then refused it (plan_day_fuzzer's finding).
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (size_t k = 0; k < date.size(); ++k) {
    if (k != 4 && k != 7 && !absl::ascii_isdigit(static_cast<unsigned char>(date[k]))) {
      return false;
    }
  }
  const auto number = [&date](size_t from, size_t digits) {
    int value = 0;
    for (size_t k = from; k < from + digits; ++k) value = value * 10 + (date[k] - '0');
    return value;
  };
  const int y = number(0, 4), m = number(5, 2), d = number(8, 2);
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

bool CheckDate(Collector& c, const std::string& field, const std::string& date) {
  if (ValidDate(date)) return true;
  c.Add(field, absl::StrCat("must be a date YYYY-MM-DD, got \"", date, "\""));
  return false;
}

std::string Clock(int64_t seconds) {
  return absl::StrFormat("%02d:%02d", seconds / 3600, seconds / 60 % 60);
}

}  // namespace callplan::validation
