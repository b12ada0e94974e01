#include "plugins/csv.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

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

// The offset of the first byte that does not belong to a well-formed UTF-8
// sequence (no overlongs, surrogates or code points past U+10FFFF), or npos.
size_t FirstInvalidUtf8(const std::string& text) {
  size_t k = 0;
  while (k < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[k]);
    int length = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed second byte
    if (c < 0x80) length = 1;
    else if (c >= 0xC2 && c <= 0xDF) length = 2;
    else if (c == 0xE0) { length = 3; low = 0xA0; }
    else if (c == 0xED) { length = 3; high = 0x9F; }
    else if (c >= 0xE1 && c <= 0xEF) length = 3;
    else if (c == 0xF0) { length = 4; low = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) length = 4;
    else if (c == 0xF4) { length = 4; high = 0x8F; }
    else return k;
    if (k + length > text.size()) return k;
    for (int b = 1; b < length; ++b) {
      const unsigned char next = static_cast<unsigned char>(text[k + b]);
      if (next < (b == 1 ? low : 0x80) || next > (b == 1 ? high : 0xBF)) return k;
    }
    k += length;
  }
  return std::string::npos;
}

// A field that is not UTF-8 (a Latin-1 export, say) is reported: the
// sidecar's protobuf strings must be UTF-8, and such a bundle used to end
// in "planning failed: " with no message (issue 10, finding 6).
bool CheckUtf8(const std::string& file, int line,
               const std::vector<std::string>& header,
               const std::vector<std::string>& fields,
               InputProblems* problems) {
  bool ok = true;
  for (size_t i = 0; i < fields.size(); ++i) {
    const size_t bad = FirstInvalidUtf8(fields[i]);
    if (bad == std::string::npos) continue;
    ok = false;
    problems->Add(file, line, i < header.size() ? header[i] : "",
                  absl::StrFormat("not UTF-8 (byte 0x%02X at offset %d of the "
                                  "field); export the bundle as UTF-8",
                                  static_cast<unsigned char>(fields[i][bad]),
                                  static_cast<int>(bad)));
  }
  return ok;
}

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
    if (!CheckUtf8(file, record.line, table.header, record.fields, problems)) {
      if (!have_header) return table;  // unreadable column names: no rows
      continue;
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

absl::StatusOr<CsvTable> ReadCsvFile(const std::string& path, InputProblems* problems) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat(path, ": cannot read the file"));
  std::stringstream text;
  text << in.rdbuf();
  return ParseCsv(std::filesystem::path(path).filename().string(), text.str(), problems);
}

}  // namespace callplan::crm
