// Reads one CSV file the way CRMs export it (RFC 4180): comma-separated,
// fields optionally in double quotes with "" for a quote and line breaks
// allowed inside quotes, LF or CRLF line ends, an optional UTF-8 byte-order
// mark. Every row remembers the line it starts on so later checks can say
// file:line: column. Blank lines are skipped. Header names are matched
// case-insensitively with surrounding spaces ignored; extra columns a CRM
// adds are allowed and ignored.
#ifndef CALLPLAN_PLUGINS_CSV_H_
#define CALLPLAN_PLUGINS_CSV_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "plugins/input_problems.h"

namespace callplan::crm {

struct CsvRow {
  int line = 0;
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string file;  // the name problems are reported under
  std::vector<std::string> header;
  std::vector<CsvRow> rows;

  // Index of the column named `name`, or -1.
  int Column(const std::string& name) const;
};

// Parses `text`; structural problems (an unterminated quote, a row with more
// or fewer fields than the header) go to `problems` and such rows are left
// out of the table.
CsvTable ParseCsv(const std::string& file, const std::string& text,
                  InputProblems* problems);

// Reads and parses the file at `path`, named by its file name in problems
// (a file given on the command line beside the bundle). INVALID_ARGUMENT
// "PATH: cannot read the file" when it cannot be opened.
absl::StatusOr<CsvTable> ReadCsvFile(const std::string& path, InputProblems* problems);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_CSV_H_
