#include "solver/explain.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "solver/potential.h"

namespace callplan {

std::string VisitReason(const Territory& territory, const Rep& rep,
                        const Physician& physician, double distance_from_home) {
  const PotentialBreakdown breakdown =
      BreakDownPotential(PromotedProducts(territory, rep), physician);
  std::vector<std::string> parts;
  for (const auto& [product, potential] : breakdown.products) {
    parts.push_back(absl::StrFormat("%s %.0f", product, potential));
  }
  const double total = breakdown.total;
  if (parts.empty()) {
    return absl::StrFormat(
        "required visit; no product this rep promotes applies; %.1f from home",
        distance_from_home);
  }
  std::string reason = absl::StrFormat("promotes %s (potential %.0f); %.1f from home",
                                       absl::StrJoin(parts, ", "), total,
                                       distance_from_home);
  // Where the potentials came from, for the products this visit counts.
  for (const auto& [product, potential] : breakdown.products) {
    const auto basis = physician.potential_basis.find(product);
    if (basis != physician.potential_basis.end() && !basis->second.empty()) {
      absl::StrAppend(&reason, "; ", product, ": ", basis->second);
    }
  }
  return reason;
}

std::string UnassignedReason(const Territory& territory,
                             const AssignmentState& plan, int physician) {
  const AssignmentProblem& problem = plan.problem();
  if (!problem.excluded_reason.empty() &&
      !problem.excluded_reason[physician].empty()) {
    return problem.excluded_reason[physician];
  }
  const int n = problem.num_physicians;
  if (!problem.unavailable_reason.empty()) {
    bool unreachable = true;
    for (int i = 0; i < problem.num_reps && unreachable; ++i) {
      unreachable = !problem.unavailable_reason[PairIndex(problem, i, physician)].empty();
    }
    if (unreachable && problem.num_reps > 0) {
      return absl::StrCat("no rep can see this physician today: the physician ",
                          problem.unavailable_reason[PairIndex(problem, 0, physician)]);
    }
  }
  int best = -1;
  for (int i = 0; i < problem.num_reps; ++i) {
    const double p = problem.potential[static_cast<size_t>(i) * n + physician];
    if (p > 0 && (best < 0 || p > problem.potential[best * n + physician])) {
      best = i;
    }
  }
  if (best < 0) {
    return "optional; no rep promotes a product this physician prescribes";
  }
  const std::string bound = plan.WhyNot(best, physician);
  const std::string who = absl::StrFormat(
      "best-matched rep %s (potential %.0f)", territory.reps[best].id,
      problem.potential[static_cast<size_t>(best) * n + physician]);
  if (!bound.empty()) return absl::StrCat("optional; ", who, " ", bound);
  return absl::StrCat("optional; ", who,
                      " gains more from the visits planned under the "
                      "fairness bounds");
}

}  // namespace callplan
