// Problems found in a CRM export bundle, each pinned to where a person fixes
// it: "physicians.csv:7: latitude: must be a number between -90 and 90, got
// "45.7x"". Readers collect every problem before giving up, so one run shows
// the whole list.
#ifndef CALLPLAN_PLUGINS_INPUT_PROBLEMS_H_
#define CALLPLAN_PLUGINS_INPUT_PROBLEMS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace callplan::crm {

struct InputProblem {
  std::string file;    // as named in the bundle, e.g. "reps.csv"
  int line = 0;        // 1-based; 0 = the file as a whole
  std::string column;  // header name; empty = the row as a whole
  std::string what;

  // file:line: column: what (parts that are unknown are left out).
  std::string ToString() const;
};

class InputProblems {
 public:
  void Add(const std::string& file, int line, const std::string& column,
           const std::string& what);
  bool empty() const { return problems_.empty(); }
  const std::vector<InputProblem>& all() const { return problems_; }

  // OK when empty; otherwise InvalidArgument with one problem per line, in
  // the order found (file by file, top to bottom).
  absl::Status ToStatus() const;

 private:
  std::vector<InputProblem> problems_;
};

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_INPUT_PROBLEMS_H_
