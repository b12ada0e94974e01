#include "solver/greedy_assignment.h"

#include <algorithm>
#include <numeric>

#include "solver/assignment_check.h"
#include "solver/assignment_local_search.h"

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
            const std::vector<int>& rep_of, bool nearest_first) {
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
      return nearest_first
                 ? std::make_tuple(!p.physician_optional[k],
                                   -p.home_distance[ik], p.potential[ik])
                 : std::make_tuple(!p.physician_optional[k], p.potential[ik],
                                   -p.home_distance[ik]);
    };
    if (key(j, ij) > key(best, ib)) best = j;
  }
  return best;
}


std::optional<std::vector<int>> TakeTurns(const AssignmentProblem& p,
                                          bool nearest_first) {
  std::vector<int> rep_of(p.num_physicians, -1);
  std::vector<RepLoad> loads(p.num_reps);
  std::vector<int> turn(p.num_reps);
  std::iota(turn.begin(), turn.end(), 0);
  for (bool progress = true; progress;) {
    progress = false;
    std::stable_sort(turn.begin(), turn.end(), [&](int a, int b) {
      return loads[a].potential < loads[b].potential;
    });
    int fewest = loads[0].visits;
    for (const RepLoad& load : loads) fewest = std::min(fewest, load.visits);
    for (int i : turn) {
      // A rep that has run out of reachable physicians holds the others
      // back, so that the workload spread still holds at the end.
      if (p.max_workload_spread &&
          loads[i].visits + 1 - fewest > static_cast<int>(*p.max_workload_spread)) {
        continue;
      }
      const int j = BestFor(p, loads[i], i, rep_of, nearest_first);
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

}  // namespace

std::optional<std::vector<int>> GreedyAssignment(const AssignmentProblem& p) {
  // Best potential first; when route caps make that run dry, nearest first.
  std::optional<std::vector<int>> rep_of = TakeTurns(p, false);
  if (!rep_of) rep_of = TakeTurns(p, true);
  if (rep_of) ImproveAssignment(p, *rep_of);
  return rep_of;
}

}  // namespace callplan
