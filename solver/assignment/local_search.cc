#include "solver/assignment/local_search.h"

#include "absl/time/clock.h"
#include "solver/assignment/state.h"

namespace callplan {
namespace {

constexpr double kEpsilon = 1e-9;

bool Holds(const AssignmentState& s, int a, int b) {
  return s.RepFits(a) && s.RepFits(b) && s.TeamFits(s.TeamOf(a)) &&
         s.TeamFits(s.TeamOf(b));
}

// Visit (a, j) becomes (b, j); a = -1 adds a new visit.
bool TryMove(AssignmentState& s, int a, int b, int j) {
  if (a >= 0) s.Remove(a, j);
  if (!s.CanTake(b, j)) {
    if (a >= 0) s.Add(a, j);
    return false;
  }
  s.Add(b, j);
  if (Holds(s, a >= 0 ? a : b, b)) return true;
  s.Remove(b, j);
  if (a >= 0) s.Add(a, j);
  return false;
}

// Visits (a, j) and (b, k) become (b, j) and (a, k) when `keep` says so
// afterwards.
template <typename Keep>
bool TrySwapIf(AssignmentState& s, int a, int j, int b, int k, Keep keep) {
  s.Remove(a, j);
  s.Remove(b, k);
  if (s.CanTake(b, j)) {
    s.Add(b, j);
    if (s.CanTake(a, k)) {
      s.Add(a, k);
      if (keep()) return true;
      s.Remove(a, k);
    }
    s.Remove(b, j);
  }
  s.Add(a, j);
  s.Add(b, k);
  return false;
}

bool TrySwap(AssignmentState& s, int a, int j, int b, int k) {
  return TrySwapIf(s, a, j, b, k, [&] { return Holds(s, a, b); });
}

bool MovePass(AssignmentState& s) {
  const AssignmentProblem& p = s.problem();
  bool improved = false;
  for (int j = 0; j < p.num_physicians; ++j) {
    for (int a = -1; a < p.num_reps; ++a) {
      if (a >= 0 && !s.Visits(a, j)) continue;
      const double now = a >= 0 ? s.P(a, j) : 0;
      for (int b = 0; b < p.num_reps; ++b) {
        if (b == a || s.P(b, j) <= now + kEpsilon) continue;
        if (TryMove(s, a, b, j)) {
          improved = true;
          break;
        }
      }
    }
  }
  return improved;
}

// Scans pairs of visits of different reps. The visit lists are a snapshot
// taken once per pass (O(visits^2), not O((reps x physicians)^2)); a visit
// already moved by an earlier swap of the pass is skipped.
bool SwapPass(AssignmentState& s, absl::Time stop_at) {
  const RepVisits snapshot = s.Visits();
  const int reps = s.problem().num_reps;
  bool improved = false;
  for (int a = 0; a < reps; ++a) {
    if (absl::Now() >= stop_at) break;
    for (int j : snapshot[a]) {
      for (int b = a + 1; b < reps && s.Visits(a, j); ++b) {
        for (int k : snapshot[b]) {
          if (k == j || !s.Visits(b, k)) continue;
          const double gain =
              s.P(b, j) + s.P(a, k) - s.P(a, j) - s.P(b, k);
          if (gain > kEpsilon && TrySwap(s, a, j, b, k)) {
            improved = true;
            break;
          }
        }
      }
    }
  }
  return improved;
}

// Everything but team t's potential spread holds for reps a and b.
bool HoldsButPotential(const AssignmentState& s, int t, int a, int b) {
  const auto& team = s.problem().teams[t];
  return s.RepFits(a) && s.RepFits(b) &&
         (!team.max_workload_spread ||
          s.TeamSpreads(t).first <= static_cast<int64_t>(*team.max_workload_spread));
}

// One improving move or swap between two reps of team t, or false.
bool BalanceStep(AssignmentState& s, int t) {
  const std::vector<int>& reps = s.problem().teams[t].reps;
  const double before = s.PotentialImbalance(t);
  const RepVisits snapshot = s.Visits();
  for (int a : reps) {
    for (int b : reps) {
      if (s.RepPotential(a) <= s.RepPotential(b)) continue;  // a richer
      for (int j : snapshot[a]) {
        s.Remove(a, j);
        if (s.CanTake(b, j)) {
          s.Add(b, j);
          if (HoldsButPotential(s, t, a, b) &&
              s.PotentialImbalance(t) < before - kEpsilon) {
            return true;
          }
          s.Remove(b, j);
        }
        s.Add(a, j);
        for (int k : snapshot[b]) {
          if (k == j || !TrySwapIf(s, a, j, b, k, [&] {
                return HoldsButPotential(s, t, a, b) &&
                       s.PotentialImbalance(t) < before - kEpsilon;
              })) {
            continue;
          }
          return true;
        }
      }
    }
  }
  return false;
}

}  // namespace

bool RepairPotentialBalance(const AssignmentProblem& problem,
                            RepVisits& visits, absl::Time stop_at) {
  AssignmentState state(problem, visits);
  bool balanced = true;
  for (size_t t = 0; t < problem.teams.size(); ++t) {
    const int team = static_cast<int>(t);
    const auto& bound = problem.teams[t].max_potential_spread;
    while (bound && state.TeamSpreads(team).second > *bound + kEpsilon &&
           absl::Now() < stop_at && BalanceStep(state, team)) {
    }
    balanced &= state.TeamFits(team);
  }
  visits = state.Visits();
  return balanced;
}

void ImproveAssignment(const AssignmentProblem& problem, RepVisits& visits,
                       absl::Time stop_at, int max_passes) {
  AssignmentState state(problem, visits);
  for (int pass = 0; pass < max_passes && absl::Now() < stop_at; ++pass) {
    const bool moved = MovePass(state);
    const bool swapped = SwapPass(state, stop_at);
    if (!moved && !swapped) break;
  }
  visits = state.Visits();
}

}  // namespace callplan
