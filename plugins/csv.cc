#include "plugins/csv.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace callplan::crm {
namespace {

// Splits `text` into records of raw fields; each record notes the line it
// starts on. Returns false on an unterminated quote (reported by the caller).
struct RawRecord {
  int line = 0;
  std::vector<std::string> fields;
  bool blank = true;
};

class Splitter {
 public:
  explicit Splitter(const std::string& text) : text_(text) {
    if (text_.rfind("\xEF\xBB\xBF", 0) == 0) pos_ = 3;
  }

  // Reads the next record; false at the end of the text. `unterminated` is
  // set when a quoted field runs to the end of the file.
  bool Next(RawRecord* record, bool* unterminated) {
    *unterminated = false;
    if (pos_ >= text_.size()) return false;
    *record = RawRecord{line_, {}, true};
    std::string field;
    bool quoted = false;
    for (;;) {
      if (pos_ >= text_.size()) {
        if (quoted) *unterminated = true;
        break;
      }
      const char c = text_[pos_++];
      if (quoted) {
        if (c == '"' && pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') ++line_;
          field += c;
        }
        continue;
      }
      if (c == '"') {
        quoted = true;
        record->blank = false;
      } else if (c == ',') {
        record->fields.push_back(std::move(field));
        field.clear();
        record->blank = false;
      } else if (c == '\n') {
        ++line_;
        break;
      } else if (c != '\r') {
        field += c;
        if (c != ' ' && c != '\t') record->blank = false;
      }
    }
    record->fields.push_back(std::move(field));
    return true;
  }

 private:
  const std::string& text_;
  size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

int CsvTable::Column(const std::string& name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (absl::EqualsIgnoreCase(header[i], name)) return static_cast<int>(i);
  }
  return -1;
}

CsvTable ParseCsv(const std::string& file, const std::string& text,
                  InputProblems* problems) {
  CsvTable table;
  table.file = file;
  Splitter splitter(text);
  RawRecord record;
  bool unterminated = false;
  bool have_header = false;
  while (splitter.Next(&record, &unterminated)) {
    if (unterminated) {
      problems->Add(file, record.line, "",
                    "a quoted field is never closed (missing \")");
      break;
    }
    if (record.blank) continue;
    for (std::string& field : record.fields) {
      field = std::string(absl::StripAsciiWhitespace(field));
    }
    if (!have_header) {
      table.header = std::move(record.fields);
      have_header = true;
      continue;
    }
    if (record.fields.size() != table.header.size()) {
      problems->Add(file, record.line, "",
                    absl::StrCat("row has ", record.fields.size(),
                                 " fields, the header has ",
                                 table.header.size()));
      continue;
    }
    table.rows.push_back({record.line, std::move(record.fields)});
  }
  if (!have_header && !unterminated) {
    problems->Add(file, 0, "", "empty file: expected a header line");
  }
  return table;
}

}  // namespace callplan::crm
