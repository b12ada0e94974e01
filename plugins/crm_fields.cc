#include "plugins/crm_fields.h"

#include <cmath>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace callplan::crm {
namespace {

std::string Range(double min, double max) {
  return absl::StrCat("between ", min, " and ", max);
}

}  // namespace

bool RequireColumns(const CsvTable& table,
                    const std::vector<std::string>& required,
                    InputProblems* problems) {
  bool all = true;
  for (const std::string& name : required) {
    if (table.Column(name) < 0) {
      problems->Add(table.file, 1, name, "missing column in the header");
      all = false;
    }
  }
  return all;
}

void FieldReader::Report(const std::string& column, const std::string& what) {
  problems_->Add(table_.file, row_.line, column, what);
}

std::string FieldReader::Text(const std::string& column, bool required) {
  const int index = table_.Column(column);
  if (index < 0) return "";
  const std::string& value = row_.fields[index];
  if (value.empty() && required) Report(column, "required, but empty");
  return value;
}

std::optional<double> FieldReader::Number(const std::string& column,
                                          double min, double max,
                                          bool required) {
  const std::string text = Text(column, required);
  if (text.empty()) return std::nullopt;
  double value = 0;
  // Strict notation first: "0x2D" used to be read as 45 (issue 10,
  // finding 7), and a CRM export never means hexadecimal.
  if (!IsDecimalNumber(text) || !absl::SimpleAtod(text, &value) ||
      !std::isfinite(value)) {
    std::string hint;
    if (text.find(',') != std::string::npos) hint = " (use a decimal point)";
    Report(column, absl::StrCat("must be a number ", Range(min, max), ", got \"",
                                text, "\"", hint));
    return std::nullopt;
  }
  if (value < min || value > max) {
    Report(column, absl::StrCat("must be ", Range(min, max), ", got ", text));
    return std::nullopt;
  }
  return value;
}

std::optional<int64_t> FieldReader::Integer(const std::string& column,
                                            int64_t min, int64_t max,
                                            bool required) {
  const std::string text = Text(column, required);
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  if (!absl::SimpleAtoi(text, &value) || value < min || value > max) {
    Report(column, absl::StrCat("must be a whole number between ", min,
                                " and ", max, ", got \"", text, "\""));
    return std::nullopt;
  }
  return value;
}

std::optional<double> FieldReader::InRange(const std::string& column,
                                           const v1::limits::Range& range,
                                           bool required) {
  if (range.whole) {
    const std::optional<int64_t> value =
        Integer(column, static_cast<int64_t>(range.min),
                static_cast<int64_t>(range.max), required);
    if (!value) return std::nullopt;
    return static_cast<double>(*value);
  }
  return Number(column, range.min, range.max, required);
}

std::optional<int64_t> FieldReader::ClockTime(const std::string& column,
                                              bool required) {
  const std::string text = Text(column, required);
  if (text.empty()) return std::nullopt;
  const std::optional<int64_t> seconds = ParseClockTime(text);
  if (!seconds) {
    Report(column, absl::StrCat("must be a time HH:MM, got \"", text, "\""));
  }
  return seconds;
}

bool FieldReader::Flag(const std::string& column) {
  const std::string text = absl::AsciiStrToLower(Text(column, false));
  if (text.empty() || text == "no" || text == "false" || text == "0") {
    return false;
  }
  if (text == "yes" || text == "true" || text == "1") return true;
  Report(column, absl::StrCat("must be yes or no, got \"", text, "\""));
  return false;
}

std::vector<std::string> FieldReader::List(const std::string& column) {
  std::vector<std::string> out;
  for (absl::string_view part :
       absl::StrSplit(Text(column, false), ';', absl::SkipWhitespace())) {
    out.emplace_back(absl::StripAsciiWhitespace(part));
  }
  return out;
}

std::vector<std::string> FieldReader::DistinctList(const std::string& column,
                                                   const std::string& noun) {
  std::vector<std::string> out = List(column);
  std::set<std::string> seen;
  for (const std::string& entry : out) {
    if (!seen.insert(entry).second) {
      Report(column, absl::StrCat(noun, " \"", entry, "\" listed twice"));
    }
  }
  return out;
}

void FieldReader::CheckUniqueId(const std::string& column,
                                const std::string& noun, const std::string& id,
                                std::map<std::string, int>& first_line) {
  if (id.empty()) return;
  const auto [first, inserted] = first_line.emplace(id, row_.line);
  if (!inserted) {
    Report(column, absl::StrCat("duplicate ", noun, " \"", id,
                                "\" (first on line ", first->second, ")"));
  }
}

bool IsDecimalNumber(const std::string& text) {
  size_t k = 0;
  const auto digits = [&text, &k] {
    const size_t from = k;
    while (k < text.size() && text[k] >= '0' && text[k] <= '9') ++k;
    return k - from;
  };
  if (k < text.size() && (text[k] == '+' || text[k] == '-')) ++k;
  size_t mantissa = digits();
  if (k < text.size() && text[k] == '.') {
    ++k;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (k < text.size() && (text[k] == 'e' || text[k] == 'E')) {
    ++k;
    if (k < text.size() && (text[k] == '+' || text[k] == '-')) ++k;
    if (digits() == 0) return false;
  }
  return k == text.size();
}

std::optional<int64_t> ParseClockTime(const std::string& text) {
  const std::vector<std::string> parts = absl::StrSplit(text, ':');
  int hours = 0, minutes = 0;
  if (parts.size() != 2 || parts[0].empty() || parts[1].size() != 2 ||
      !absl::SimpleAtoi(parts[0], &hours) ||
      !absl::SimpleAtoi(parts[1], &minutes) || hours < 0 || hours > 23 ||
      minutes < 0 || minutes > 59) {
    return std::nullopt;
  }
  return (hours * 60 + minutes) * int64_t{60};
}

std::string ClockText(int64_t seconds) {
  return absl::StrFormat("%02d:%02d", seconds / 3600, seconds % 3600 / 60);
}

// absl reads "20203-6-02" as a day of the year 20203: only a date written
// back exactly as it was read is YYYY-MM-DD (the sidecar's own rule).
absl::StatusOr<absl::CivilDay> ParseDate(const std::string& date) {
  absl::CivilDay day;
  if (date.size() != 10 || !absl::ParseCivilTime(date, &day) ||
      absl::FormatCivilTime(day) != date) {
    return absl::InvalidArgumentError(
        absl::StrCat("date \"", date, "\" is not a day YYYY-MM-DD"));
  }
  return day;
}

absl::StatusOr<absl::CivilMonth> ParseMonth(const std::string& month) {
  absl::CivilMonth parsed;
  if (month.size() != 7 || !absl::ParseCivilTime(month, &parsed) ||
      absl::FormatCivilTime(parsed) != month) {
    return absl::InvalidArgumentError(
        absl::StrCat("month \"", month, "\" is not a month YYYY-MM"));
  }
  return parsed;
}

void ReportUnknownIds(FieldReader& f, const CrmBundle& bundle, const std::string& rep,
                      const std::string& physician) {
  if (!rep.empty() && bundle.FindRep(rep) == nullptr) {
    f.Report("rep_id", absl::StrCat("no rep \"", rep, "\" in reps.csv"));
  }
  if (!physician.empty() && bundle.FindPhysician(physician) == nullptr) {
    f.Report("physician_id",
             absl::StrCat("no physician \"", physician, "\" in physicians.csv"));
  }
}

}  // namespace callplan::crm
