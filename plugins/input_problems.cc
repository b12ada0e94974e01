#include "plugins/input_problems.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace callplan::crm {

std::string InputProblem::ToString() const {
  std::string out = file;
  if (line > 0) absl::StrAppend(&out, ":", line);
  if (!column.empty()) absl::StrAppend(&out, ": ", column);
  absl::StrAppend(&out, ": ", what);
  return out;
}

void InputProblems::Add(const std::string& file, int line,
                        const std::string& column, const std::string& what) {
  problems_.push_back({file, line, column, what});
}

absl::Status InputProblems::ToStatus() const {
  if (problems_.empty()) return absl::OkStatus();
  std::vector<std::string> lines;
  lines.reserve(problems_.size());
  for (const InputProblem& problem : problems_) {
    lines.push_back(problem.ToString());
  }
  return absl::InvalidArgumentError(absl::StrJoin(lines, "\n"));
}

}  // namespace callplan::crm
