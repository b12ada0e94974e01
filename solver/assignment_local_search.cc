#include "solver/assignment_local_search.h"

#include "solver/assignment_state.h"

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

// Visits (a, j) and (b, k) become (b, j) and (a, k).
bool TrySwap(AssignmentState& s, int a, int j, int b, int k) {
  s.Remove(a, j);
  s.Remove(b, k);
  if (s.CanTake(b, j)) {
    s.Add(b, j);
    if (s.CanTake(a, k)) {
      s.Add(a, k);
      if (Holds(s, a, b)) return true;
      s.Remove(a, k);
    }
    s.Remove(b, j);
  }
  s.Add(a, j);
  s.Add(b, k);
  return false;
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

bool SwapPass(AssignmentState& s) {
  const AssignmentProblem& p = s.problem();
  bool improved = false;
  for (int a = 0; a < p.num_reps; ++a) {
    for (int j = 0; j < p.num_physicians; ++j) {
      if (!s.Visits(a, j)) continue;
      for (int b = a + 1; b < p.num_reps && s.Visits(a, j); ++b) {
        for (int k = 0; k < p.num_physicians; ++k) {
          if (!s.Visits(b, k) || k == j) continue;
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

}  // namespace

void ImproveAssignment(const AssignmentProblem& problem, RepVisits& visits,
                       int max_passes) {
  AssignmentState state(problem, visits);
  for (int pass = 0; pass < max_passes; ++pass) {
    const bool moved = MovePass(state);
    const bool swapped = SwapPass(state);
    if (!moved && !swapped) break;
  }
  visits = state.Visits();
}

}  // namespace callplan
