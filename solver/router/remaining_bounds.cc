#include "solver/router/remaining_bounds.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace callplan::router_internal {

RemainingBounds::RemainingBounds(const TimedProblem& problem)
    : held_karp_(problem.stops() <= kHeldKarpBoundMaxStops),
      stops_(problem.stops()),
      size_(problem.size()) {
  if (held_karp_) {
    FillHeldKarp(problem);
  } else {
    FillCheapestEntries(problem);
  }
  FillShortestTravel(problem);
}

void RemainingBounds::FillCheapestEntries(const TimedProblem& problem) {
  cheapest_in_distance_.assign(size_, std::numeric_limits<double>::infinity());
  cheapest_in_seconds_.assign(size_, std::numeric_limits<int64_t>::max());
  // The start is never entered again; only stops and the end are.
  for (int to = 1; to < size_; ++to) {
    for (int from = 0; from + 1 < size_; ++from) {
      if (from == to) continue;
      cheapest_in_distance_[to] =
          std::min(cheapest_in_distance_[to], problem.distance(from, to));
      cheapest_in_seconds_[to] = std::min(
          cheapest_in_seconds_[to], problem.travel(from, to) + problem.service(to));
    }
  }
}

void RemainingBounds::FillHeldKarp(const TimedProblem& problem) {
  const int k = stops_;
  const int end = problem.end();
  // Local copies: the inner loop reads them 2^k k^2 times.
  std::vector<double> d(static_cast<size_t>(k + 1) * (k + 1));
  std::vector<int64_t> t(d.size());
  for (int from = 1; from <= k; ++from) {
    for (int to = 1; to <= k; ++to) {
      d[from * (k + 1) + to] = problem.distance(from, to);
      t[from * (k + 1) + to] = problem.travel(from, to) + problem.service(to);
    }
  }
  const size_t subsets = size_t{1} << k;
  distance_.assign(subsets * k, std::numeric_limits<double>::infinity());
  seconds_.assign(subsets * k, std::numeric_limits<int64_t>::max());
  for (int at = 1; at <= k; ++at) {
    distance_[Index(0, at)] = problem.distance(at, end);
    seconds_[Index(0, at)] = problem.travel(at, end);
  }
  for (uint32_t left = 1; left < subsets; ++left) {
    for (int at = 1; at <= k; ++at) {
      if (left & (1u << (at - 1))) continue;
      double best_distance = std::numeric_limits<double>::infinity();
      int64_t best_seconds = std::numeric_limits<int64_t>::max();
      for (uint32_t rest = left; rest != 0; rest &= rest - 1) {
        const int next = __builtin_ctz(rest) + 1;
        const size_t after = Index(left ^ (1u << (next - 1)), next);
        best_distance = std::min(best_distance, d[at * (k + 1) + next] + distance_[after]);
        best_seconds = std::min(best_seconds, t[at * (k + 1) + next] + seconds_[after]);
      }
      distance_[Index(left, at)] = best_distance;
      seconds_[Index(left, at)] = best_seconds;
    }
  }
}

void RemainingBounds::FillShortestTravel(const TimedProblem& problem) {
  const int n = size_;
  shortest_.resize(static_cast<size_t>(n) * n);
  for (int from = 0; from < n; ++from) {
    for (int to = 0; to < n; ++to) {
      shortest_[static_cast<size_t>(from) * n + to] =
          from == to ? 0 : problem.travel(from, to);
    }
  }
  for (int via = 0; via < n; ++via) {
    for (int from = 0; from < n; ++from) {
      const int64_t first = shortest_[static_cast<size_t>(from) * n + via];
      for (int to = 0; to < n; ++to) {
        int64_t& best = shortest_[static_cast<size_t>(from) * n + to];
        best = std::min(best, first + shortest_[static_cast<size_t>(via) * n + to]);
      }
    }
  }
}

}  // namespace callplan::router_internal
