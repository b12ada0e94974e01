#include "solver/explain.h"

#include <algorithm>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace callplan {
namespace {

struct RepLoad {
  int visits = 0;
  double potential = 0;
  double approx_distance = 0;  // sum of D_ij over the rep's visits
};

std::vector<RepLoad> Loads(const AssignmentProblem& problem,
                           const std::vector<int>& rep_of_physician) {
  std::vector<RepLoad> loads(problem.num_reps);
  for (int j = 0; j < problem.num_physicians; ++j) {
    const int i = rep_of_physician[j];
    if (i < 0) continue;
    const size_t k = static_cast<size_t>(i) * problem.num_physicians + j;
    loads[i].visits++;
    loads[i].potential += problem.potential[k];
    loads[i].approx_distance += problem.home_distance[k];
  }
  return loads;
}

// The first bound that adding physician j to rep i would break, or "".
std::string BrokenBound(const AssignmentProblem& problem,
                        const std::vector<RepLoad>& loads, int i, int j) {
  const size_t k = static_cast<size_t>(i) * problem.num_physicians + j;
  if (!problem.allowed.empty() && !problem.allowed[k]) {
    return "a contact rule forbids this pair";
  }
  const RepLoad& load = loads[i];
  if (problem.max_visits[i] > 0 &&
      load.visits + 1 > static_cast<int>(problem.max_visits[i])) {
    return absl::StrCat("is at its cap of ", problem.max_visits[i], " visits");
  }
  if (problem.route_cap[i] > 0 &&
      problem.safety_factor[i] *
              (load.approx_distance + problem.home_distance[k]) >
          problem.route_cap[i]) {
    return absl::StrFormat("would exceed its route cap of %.1f",
                           problem.route_cap[i]);
  }
  int min_visits = std::numeric_limits<int>::max();
  double min_potential = std::numeric_limits<double>::infinity();
  for (const RepLoad& other : loads) {
    min_visits = std::min(min_visits, other.visits);
    min_potential = std::min(min_potential, other.potential);
  }
  if (problem.max_workload_spread &&
      load.visits + 1 - min_visits >
          static_cast<int>(*problem.max_workload_spread)) {
    return absl::StrCat("would break the workload spread of ",
                        *problem.max_workload_spread, " visits");
  }
  if (problem.max_potential_spread &&
      load.potential + problem.potential[k] - min_potential >
          *problem.max_potential_spread + 1e-6) {
    return absl::StrFormat("would break the potential spread of %.1f",
                           *problem.max_potential_spread);
  }
  return "";
}

}  // namespace

std::string VisitReason(const Rep& rep, const Physician& physician,
                        double distance_from_home) {
  std::vector<std::string> parts;
  double total = 0;
  for (const std::string& product : rep.products) {
    auto it = physician.product_potential.find(product);
    if (it == physician.product_potential.end() || it->second <= 0) continue;
    parts.push_back(absl::StrFormat("%s %.0f", product, it->second));
    total += it->second;
  }
  if (parts.empty()) {
    return absl::StrFormat(
        "required visit; no product this rep promotes applies; %.1f from home",
        distance_from_home);
  }
  return absl::StrFormat("promotes %s (potential %.0f); %.1f from home",
                         absl::StrJoin(parts, ", "), total,
                         distance_from_home);
}

std::string UnassignedReason(const Territory& territory,
                             const AssignmentProblem& problem,
                             const std::vector<int>& rep_of_physician,
                             int physician) {
  const int n = problem.num_physicians;
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
  const std::vector<RepLoad> loads = Loads(problem, rep_of_physician);
  const std::string bound = BrokenBound(problem, loads, best, physician);
  const std::string who = absl::StrFormat(
      "best-matched rep %s (potential %.0f)", territory.reps[best].id,
      problem.potential[static_cast<size_t>(best) * n + physician]);
  if (!bound.empty()) return absl::StrCat("optional; ", who, " ", bound);
  return absl::StrCat("optional; ", who,
                      " gains more from the visits planned under the "
                      "fairness bounds");
}

}  // namespace callplan
