#include "solver/assignment/greedy.h"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "solver/assignment/check.h"
#include "solver/assignment/local_search.h"
#include "solver/assignment/pins.h"
#include "solver/assignment/state.h"
#include "solver/assignment/team_balance.h"

namespace callplan {
namespace {

// The best physician rep i may still take: required-and-unvisited first,
// then by potential (or distance), -1 if none.
int BestFor(AssignmentState& state, int i, bool nearest_first) {
  const AssignmentProblem& p = state.problem();
  int best = -1;
  std::tuple<bool, double, double> best_key;
  for (int j = 0; j < p.num_physicians; ++j) {
    if (!state.CanAdd(i, j)) continue;
    const size_t ij = static_cast<size_t>(i) * p.num_physicians + j;
    const bool needed = !p.physician_optional[j] && state.VisitCount(j) == 0;
    const double potential = Earning(p, i, j), near = -p.home_distance[ij];
    const auto key = nearest_first ? std::make_tuple(needed, near, potential)
                                   : std::make_tuple(needed, potential, near);
    if (best < 0 || key > best_key) {
      best = j;
      best_key = key;
    }
  }
  return best;
}

std::optional<RepVisits> TakeTurns(const AssignmentProblem& p,
                                   bool nearest_first, absl::Time stop_at) {
  // The managers' pins first; no later step removes one.
  AssignmentState state(p, PinnedVisits(p));
  std::vector<int> turn(p.num_reps);
  std::iota(turn.begin(), turn.end(), 0);
  for (bool progress = true; progress;) {
    progress = false;
    std::stable_sort(turn.begin(), turn.end(), [&](int a, int b) {
      return state.RepPotential(a) < state.RepPotential(b);
    });
    for (int i : turn) {
      // A rep that has run out of reachable physicians holds its team back,
      // so that the workload spread still holds at the end.
      const BalanceGroup& team = p.teams[state.TeamOf(i)];
      int fewest = state.RepVisitCount(i);
      for (int k : BalancedReps(p, team)) fewest = std::min(fewest, state.RepVisitCount(k));
      if (team.max_workload_spread &&
          state.RepVisitCount(i) + 1 - fewest >
              static_cast<int64_t>(*team.max_workload_spread)) {
        continue;
      }
      const int j = BestFor(state, i, nearest_first);
      if (j < 0) continue;
      state.Add(i, j);
      progress = true;
    }
  }
  RepVisits visits = state.Visits();
  // Turn-taking balances visit counts, not potentials; repair those.
  RepairPotentialBalance(p, visits, stop_at);
  if (!AssignmentViolations(p, visits).empty()) return std::nullopt;
  return visits;
}

}  // namespace

std::optional<RepVisits> TurnTakingAssignment(const AssignmentProblem& p,
                                              absl::Time stop_at) {
  // Best potential first; when route caps make that run dry, nearest first.
  std::optional<RepVisits> visits = TakeTurns(p, false, stop_at);
  if (!visits) visits = TakeTurns(p, true, stop_at);
  return visits;
}

void ImproveGreedyAssignment(const AssignmentProblem& p, RepVisits& visits,
                             absl::Time stop_at) {
  RepVisits improved = visits;
  ImproveAssignment(p, improved, stop_at);
  // Local moves keep every family's constraints; the re-check makes sure.
  if (AssignmentViolations(p, improved).empty()) visits = std::move(improved);
}

std::optional<RepVisits> AssignmentNear(const AssignmentProblem& p, const RepVisits& hint,
                                        absl::Time stop_at) {
  AssignmentState state(p, PinnedVisits(p));
  std::vector<std::tuple<double, int, int>> order;  // -earning, rep, physician
  for (int i = 0; i < p.num_reps && i < static_cast<int>(hint.size()); ++i) {
    for (int j : hint[i]) order.emplace_back(-Earning(p, i, j), i, j);
  }
  std::sort(order.begin(), order.end());
  for (const auto& [earning, i, j] : order) {
    if (!state.Visits(i, j) && state.CanAdd(i, j)) state.Add(i, j);
  }
  for (int j = 0; j < p.num_physicians; ++j) {
    if (p.physician_optional[j] || state.VisitCount(j) > 0) continue;
    int best = -1;
    for (int i = 0; i < p.num_reps; ++i) {
      if (state.CanAdd(i, j) && (best < 0 || Earning(p, i, j) > Earning(p, best, j))) best = i;
    }
    if (best < 0) return std::nullopt;
    state.Add(best, j);
  }
  RepVisits visits = state.Visits();
  RepairPotentialBalance(p, visits, stop_at);
  if (!AssignmentViolations(p, visits).empty()) return std::nullopt;
  return visits;
}

std::optional<RepVisits> GreedyAssignment(const AssignmentProblem& p,
                                          absl::Time stop_at) {
  std::optional<RepVisits> visits = TurnTakingAssignment(p, stop_at);
  if (visits) ImproveGreedyAssignment(p, *visits, stop_at);
  return visits;
}

}  // namespace callplan
