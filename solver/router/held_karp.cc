#include "solver/router/held_karp.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace callplan::router_internal {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// best[mask * k + j]: shortest path from the start through exactly the stops
// in `mask`, ending at stop j (j in mask). Stop j is local node j + 1.
std::vector<double> FillTable(const PathProblem& problem, int k) {
  const uint32_t full = (1u << k) - 1;
  std::vector<double> best(static_cast<size_t>(full + 1) * k, kInfinity);
  for (int j = 0; j < k; ++j) best[(size_t{1} << j) * k + j] = problem(0, j + 1);
  for (uint32_t mask = 1; mask <= full; ++mask) {
    if ((mask & (mask - 1)) == 0) continue;  // singletons are seeded above
    for (int j = 0; j < k; ++j) {
      if ((mask & (1u << j)) == 0) continue;
      const uint32_t before = mask ^ (1u << j);
      const double* row = &best[static_cast<size_t>(before) * k];
      double value = kInfinity;
      for (int i = 0; i < k; ++i) {
        if ((before & (1u << i)) == 0) continue;
        const double candidate = row[i] + problem(i + 1, j + 1);
        if (candidate < value) value = candidate;
      }
      best[static_cast<size_t>(mask) * k + j] = value;
    }
  }
  return best;
}

}  // namespace

std::vector<int> SolveHeldKarp(const PathProblem& problem) {
  const int k = problem.stops();
  const int end = problem.size() - 1;
  if (k == 0) return {0, end};
  const std::vector<double> best = FillTable(problem, k);
  const uint32_t full = (1u << k) - 1;

  // Pick the last stop, then walk back: the predecessor is the first stop
  // whose table entry reproduces the stored value with the same arithmetic
  // the fill used, so equality is exact and ties break deterministically.
  int last = 0;
  double total = kInfinity;
  for (int j = 0; j < k; ++j) {
    const double candidate = best[static_cast<size_t>(full) * k + j] +
                             problem(j + 1, end);
    if (candidate < total || j == 0) {
      total = candidate;
      last = j;
    }
  }
  std::vector<int> reversed = {end, last + 1};
  uint32_t mask = full;
  while ((mask & (mask - 1)) != 0) {
    const double value = best[static_cast<size_t>(mask) * k + last];
    const uint32_t before = mask ^ (1u << last);
    int previous = -1;
    for (int i = 0; i < k && previous < 0; ++i) {
      if ((before & (1u << i)) == 0) continue;
      if (best[static_cast<size_t>(before) * k + i] + problem(i + 1, last + 1) ==
          value) {
        previous = i;
      }
    }
    if (previous < 0) {  // only when every path is infinite: any order will do
      for (int i = 0; i < k && previous < 0; ++i) {
        if (before & (1u << i)) previous = i;
      }
    }
    reversed.push_back(previous + 1);
    mask = before;
    last = previous;
  }
  reversed.push_back(0);
  return std::vector<int>(reversed.rbegin(), reversed.rend());
}

}  // namespace callplan::router_internal
