#include "solver/greedy_assignment.h"

#include <algorithm>
#include <numeric>

#include "solver/assignment_check.h"

namespace callplan {
namespace {

struct RepLoad {
  int visits = 0;
  double potential = 0;
  double approx_distance = 0;
};

bool Fits(const AssignmentProblem& p, const RepLoad& load, int i, int j) {
  const size_t ij = static_cast<size_t>(i) * p.num_physicians + j;
  if (!p.allowed.empty() && !p.allowed[ij]) return false;
  if (p.max_visits[i] > 0 && load.visits + 1 > static_cast<int>(p.max_visits[i])) {
    return false;
  }
  return p.route_cap[i] <= 0 ||
         p.safety_factor[i] * (load.approx_distance + p.home_distance[ij]) <=
             p.route_cap[i];
}

// The best physician rep i may still take: required first, then by
// potential, then nearest; -1 if none.
int BestFor(const AssignmentProblem& p, const RepLoad& load, int i,
            const std::vector<int>& rep_of) {
  int best = -1;
  for (int j = 0; j < p.num_physicians; ++j) {
    if (rep_of[j] >= 0 || !Fits(p, load, i, j)) continue;
    if (best < 0) {
      best = j;
      continue;
    }
    const size_t ij = static_cast<size_t>(i) * p.num_physicians + j;
    const size_t ib = static_cast<size_t>(i) * p.num_physicians + best;
    const auto key = [&](int k, size_t ik) {
      return std::make_tuple(!p.physician_optional[k], p.potential[ik],
                             -p.home_distance[ik]);
    };
    if (key(j, ij) > key(best, ib)) best = j;
  }
  return best;
}

}  // namespace

std::optional<std::vector<int>> GreedyAssignment(const AssignmentProblem& p) {
  std::vector<int> rep_of(p.num_physicians, -1);
  std::vector<RepLoad> loads(p.num_reps);
  std::vector<int> turn(p.num_reps);
  std::iota(turn.begin(), turn.end(), 0);
  for (bool progress = true; progress;) {
    progress = false;
    std::stable_sort(turn.begin(), turn.end(), [&](int a, int b) {
      return loads[a].potential < loads[b].potential;
    });
    for (int i : turn) {
      const int j = BestFor(p, loads[i], i, rep_of);
      if (j < 0) continue;
      const size_t ij = static_cast<size_t>(i) * p.num_physicians + j;
      rep_of[j] = i;
      ++loads[i].visits;
      loads[i].potential += p.potential[ij];
      loads[i].approx_distance += p.home_distance[ij];
      progress = true;
    }
  }
  if (!AssignmentViolations(p, rep_of).empty()) return std::nullopt;
  return rep_of;
}

}  // namespace callplan
