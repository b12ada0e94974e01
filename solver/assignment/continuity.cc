#include "solver/assignment/continuity.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "absl/strings/str_cat.h"

namespace callplan {
namespace {

std::map<std::string, int> IndexOf(const std::vector<std::string>& ids) {
  std::map<std::string, int> index;
  for (size_t k = 0; k < ids.size(); ++k) index.emplace(ids[k], static_cast<int>(k));
  return index;
}

}  // namespace

absl::Status AddContinuity(const Territory& territory, AssignmentProblem& problem) {
  const Continuity& continuity = territory.continuity;
  if (continuity.visits.empty()) return absl::OkStatus();
  if (!std::isfinite(continuity.change_penalty) || continuity.change_penalty < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "continuity.change_penalty: must be 0 or more, got ", continuity.change_penalty));
  }
  const std::map<std::string, int> reps = IndexOf(problem.rep_ids);
  const std::map<std::string, int> physicians = IndexOf(problem.physician_ids);
  problem.keep_bonus.assign(problem.potential.size(), 0);
  for (size_t k = 0; k < continuity.visits.size(); ++k) {
    const KeptVisit& kept = continuity.visits[k];
    const auto rep = reps.find(kept.rep_id);
    const auto physician = physicians.find(kept.physician_id);
    if (rep == reps.end() || physician == physicians.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "continuity.visits[", k, "]: ",
          rep == reps.end() ? absl::StrCat("no rep ", kept.rep_id)
                            : absl::StrCat("no physician ", kept.physician_id),
          " in the request"));
    }
    problem.keep_bonus[PairIndex(problem, rep->second, physician->second)] =
        continuity.change_penalty;
    problem.kept_visits.emplace_back(rep->second, physician->second);
  }
  return absl::OkStatus();
}

int VisitsChanged(const AssignmentProblem& problem, const RepVisits& visits) {
  int changed = 0;
  for (const auto& [rep, physician] : problem.kept_visits) {
    const std::vector<int>& day = visits[rep];
    if (std::find(day.begin(), day.end(), physician) == day.end()) ++changed;
  }
  return changed;
}

}  // namespace callplan
