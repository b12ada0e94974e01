#include "server/field_checks.h"

#include <cmath>
#include <cstdio>

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
  int y = 0, m = 0, d = 0;
  char rest = 0;
  if (date.size() != 10 ||
      std::sscanf(date.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &rest) != 3) {
    return false;
  }
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
