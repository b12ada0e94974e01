#include "solver/assignment_local_search.h"

#include <algorithm>

namespace callplan {
namespace {

constexpr double kEpsilon = 1e-9;

// Per-rep totals of the current assignment, updated move by move.
class Loads {
 public:
  Loads(const AssignmentProblem& p, const std::vector<int>& rep_of)
      : p_(p), visits_(p.num_reps, 0), potential_(p.num_reps, 0),
        distance_(p.num_reps, 0) {
    for (int j = 0; j < p.num_physicians; ++j) {
      if (rep_of[j] >= 0) Change(rep_of[j], j, +1);
    }
  }

  double P(int i, int j) const { return p_.potential[Index(i, j)]; }

  void Change(int i, int j, int sign) {
    visits_[i] += sign;
    potential_[i] += sign * P(i, j);
    distance_[i] += sign * p_.home_distance[Index(i, j)];
  }

  bool Allowed(int i, int j) const {
    return p_.allowed.empty() || p_.allowed[Index(i, j)];
  }

  // Whether the per-rep limits of rep i hold and the spreads hold overall.
  bool RepFits(int i) const {
    if (p_.max_visits[i] > 0 && visits_[i] > static_cast<int>(p_.max_visits[i])) {
      return false;
    }
    return p_.route_cap[i] <= 0 ||
           p_.safety_factor[i] * distance_[i] <= p_.route_cap[i] + kEpsilon;
  }
  bool SpreadsFit() const {
    if (p_.max_workload_spread) {
      const auto [lo, hi] = std::minmax_element(visits_.begin(), visits_.end());
      if (*hi - *lo > static_cast<int>(*p_.max_workload_spread)) return false;
    }
    if (p_.max_potential_spread) {
      const auto [lo, hi] =
          std::minmax_element(potential_.begin(), potential_.end());
      if (*hi - *lo > *p_.max_potential_spread + kEpsilon) return false;
    }
    return true;
  }

 private:
  size_t Index(int i, int j) const {
    return static_cast<size_t>(i) * p_.num_physicians + j;
  }
  const AssignmentProblem& p_;
  std::vector<int> visits_;
  std::vector<double> potential_, distance_;
};

// Applies (from -> to) for physician j (from or to may be -1 = unvisited),
// keeps it when every touched limit holds, else undoes it.
bool TryMove(Loads& loads, std::vector<int>& rep_of, int j, int to) {
  const int from = rep_of[j];
  if (from >= 0) loads.Change(from, j, -1);
  if (to >= 0) loads.Change(to, j, +1);
  if ((to < 0 || loads.RepFits(to)) && loads.SpreadsFit()) {
    rep_of[j] = to;
    return true;
  }
  if (to >= 0) loads.Change(to, j, -1);
  if (from >= 0) loads.Change(from, j, +1);
  return false;
}

bool TrySwap(Loads& loads, std::vector<int>& rep_of, int j, int k) {
  const int a = rep_of[j], b = rep_of[k];
  loads.Change(a, j, -1);
  loads.Change(b, k, -1);
  loads.Change(b, j, +1);
  loads.Change(a, k, +1);
  if (loads.RepFits(a) && loads.RepFits(b) && loads.SpreadsFit()) {
    rep_of[j] = b;
    rep_of[k] = a;
    return true;
  }
  loads.Change(a, k, -1);
  loads.Change(b, j, -1);
  loads.Change(b, k, +1);
  loads.Change(a, j, +1);
  return false;
}

bool MovePass(const AssignmentProblem& p, Loads& loads,
              std::vector<int>& rep_of) {
  bool improved = false;
  for (int j = 0; j < p.num_physicians; ++j) {
    const int from = rep_of[j];
    const double now = from >= 0 ? loads.P(from, j) : 0;
    for (int to = 0; to < p.num_reps; ++to) {
      if (to == from || !loads.Allowed(to, j)) continue;
      if (loads.P(to, j) > now + kEpsilon && TryMove(loads, rep_of, j, to)) {
        improved = true;
        break;
      }
    }
  }
  return improved;
}

bool SwapPass(const AssignmentProblem& p, Loads& loads,
              std::vector<int>& rep_of) {
  bool improved = false;
  for (int j = 0; j < p.num_physicians; ++j) {
    for (int k = j + 1; k < p.num_physicians; ++k) {
      const int a = rep_of[j], b = rep_of[k];
      if (a < 0 || b < 0 || a == b) continue;
      if (!loads.Allowed(b, j) || !loads.Allowed(a, k)) continue;
      const double gain = loads.P(b, j) + loads.P(a, k) - loads.P(a, j) -
                          loads.P(b, k);
      if (gain > kEpsilon && TrySwap(loads, rep_of, j, k)) improved = true;
    }
  }
  return improved;
}

}  // namespace

void ImproveAssignment(const AssignmentProblem& problem,
                       std::vector<int>& rep_of_physician, int max_passes) {
  Loads loads(problem, rep_of_physician);
  for (int pass = 0; pass < max_passes; ++pass) {
    const bool moved = MovePass(problem, loads, rep_of_physician);
    const bool swapped = SwapPass(problem, loads, rep_of_physician);
    if (!moved && !swapped) break;
  }
}

}  // namespace callplan
