#include "solver/assignment/local_search.h"

#include "absl/time/clock.h"
#include "solver/assignment/families.h"
#include "solver/assignment/state.h"
#include "solver/assignment/team_balance.h"

namespace callplan {
namespace {

constexpr double kEpsilon = 1e-9;

// Moves change the state only through CanAdd-approved adds and removals,
// so only the families that adding cannot decide need checking.
bool Holds(const AssignmentState& s, int a, int b) {
  return s.HoldsAfterMoves(a) && s.HoldsAfterMoves(b);
}

// Visit (a, j) becomes (b, j); a = -1 adds a new visit.
bool TryMove(AssignmentState& s, int a, int b, int j) {
  if (a >= 0) s.Remove(a, j);
  if (!s.CanAdd(b, j)) {
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
  if (s.CanAdd(b, j)) {
    s.Add(b, j);
    if (s.CanAdd(a, k)) {
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
      const double now = a >= 0 ? s.E(a, j) : 0;
      for (int b = 0; b < p.num_reps; ++b) {
        if (b == a || s.E(b, j) <= now + kEpsilon) continue;
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
              s.E(b, j) + s.E(a, k) - s.E(a, j) - s.E(b, k);
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

// Everything but team t's potential spread holds for reps a and b (moves
// keep the monotone families, as in Holds).
bool HoldsButPotential(const AssignmentState& s, int t, int a, int b) {
  for (const ConstraintFamily* family : AllFamilies()) {
    if (family->monotone() || family == &TeamBalanceFamily()) continue;
    if (!family->Holds(s, a) || !family->Holds(s, b)) return false;
  }
  return WorkloadSpreadHolds(s, t);
}

// One improving move or swap between two reps of team t, or false. Each
// candidate's imbalance is worked out from the team's sums before the state
// is touched, so the many that would not improve cost O(1).
bool BalanceStep(AssignmentState& s, int t) {
  const std::vector<int>& reps = s.problem().teams[t].reps;
  const double before = s.PotentialImbalance(t);
  const double enough = before - kEpsilon * (1 + before);
  const RepVisits snapshot = s.Visits();
  const auto improves = [&](int a, double pa, int b, double pb) {
    return s.ImbalanceIf(t, a, pa, b, pb) < enough;
  };
  const auto accept = [&](int a, int b) {
    return HoldsButPotential(s, t, a, b) && s.PotentialImbalance(t) < enough;
  };
  for (int a : reps) {
    for (int b : reps) {
      const double pa = s.RepPotential(a), pb = s.RepPotential(b);
      if (pa <= pb) continue;  // a richer
      for (int j : snapshot[a]) {
        if (improves(a, pa - s.P(a, j), b, pb + s.P(b, j))) {
          s.Remove(a, j);
          if (s.CanAdd(b, j)) {
            s.Add(b, j);
            if (accept(a, b)) return true;
            s.Remove(b, j);
          }
          s.Add(a, j);
        }
        for (int k : snapshot[b]) {
          if (k == j || !improves(a, pa - s.P(a, j) + s.P(a, k), b,
                                  pb - s.P(b, k) + s.P(b, j))) {
            continue;
          }
          if (TrySwapIf(s, a, j, b, k, [&] { return accept(a, b); })) return true;
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
    balanced &= TeamBalanceHolds(state, team);
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
