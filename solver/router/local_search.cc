#include "solver/router/local_search.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>
#include <vector>

namespace callplan::router_internal {

LocalSearch::LocalSearch(const PathProblem& problem, int neighbours)
    : problem_(problem) {
  const int n = problem.size();
  const int k = std::min(neighbours, n - 1);
  neighbours_.resize(n);
  double largest = 0;
  // The k nearest by (closeness, node), kept sorted: most candidates are
  // rejected by one comparison with the k-th, which matters at thousands of
  // stops, where this loop is most of the router's time.
  std::vector<std::pair<double, int>> nearest;
  nearest.reserve(k + 1);
  for (int u = 0; u < n; ++u) {
    nearest.clear();
    for (int v = 0; v < n; ++v) {
      if (v == u) continue;
      // Closeness in both directions, so asymmetric tables still give
      // sensible candidates (symmetric ones skip the strided read).
      const double there = d(u, v);
      double both = problem.symmetric() ? 2 * there : there + d(v, u);
      if (std::isnan(both)) both = INFINITY;
      if (std::isfinite(there)) largest = std::max(largest, std::fabs(there));
      const std::pair<double, int> candidate{both, v};
      if (static_cast<int>(nearest.size()) == k && !(candidate < nearest.back())) {
        continue;
      }
      nearest.insert(std::upper_bound(nearest.begin(), nearest.end(), candidate),
                     candidate);
      if (static_cast<int>(nearest.size()) > k) nearest.pop_back();
    }
    neighbours_[u].reserve(k);
    for (const auto& [closeness, v] : nearest) neighbours_[u].push_back(v);
  }
  epsilon_ = 1e-12 * largest * n;
  is_active_.assign(n, 0);
}

void LocalSearch::SetPath(std::vector<int> path,
                          const std::vector<int>& touched) {
  path_ = std::move(path);
  const int n = static_cast<int>(path_.size());
  position_.assign(n, 0);
  for (int p = 0; p < n; ++p) position_[path_[p]] = p;
  forward_.assign(n, 0);
  backward_.assign(n, 0);
  RecomputePrefixes(0);
  active_.clear();
  is_active_.assign(n, 0);
  if (touched.empty()) {
    for (int node : path_) Activate(node);
  } else {
    for (int node : touched) Activate(node);
  }
}

void LocalSearch::Activate(int node) {
  if (is_active_[node]) return;
  is_active_[node] = 1;
  active_.push_back(node);
}

void LocalSearch::RecomputePrefixes(int from_position) {
  for (int p = std::max(from_position, 0); p + 1 < static_cast<int>(path_.size());
       ++p) {
    forward_[p + 1] = forward_[p] + d(path_[p], path_[p + 1]);
    backward_[p + 1] = backward_[p] + d(path_[p + 1], path_[p]);
  }
}

void LocalSearch::Run(const std::function<bool()>& should_stop) {
  // Each step costs up to O(size) (a reversal and its prefix sums), so the
  // poll interval shrinks on large paths.
  const int poll_every = path_.size() > 1000 ? 8 : 64;
  for (int step = 0; !active_.empty(); ++step) {
    if (should_stop && step % poll_every == 0 && should_stop()) return;
    const int node = active_.front();
    active_.pop_front();
    is_active_[node] = 0;
    if (ImproveAround(node)) Activate(node);
  }
}

// Reversing path_[first..last] (1 <= first < last <= size-2).
void LocalSearch::ConsiderTwoOpt(int first, int last, Move* best) const {
  if (first < 1 || last > static_cast<int>(path_.size()) - 2 || first >= last) {
    return;
  }
  const int a = path_[first - 1], s = path_[first];
  const int e = path_[last], b = path_[last + 1];
  const double delta = d(a, e) + d(s, b) - d(a, s) - d(e, b) +
                       (backward_[last] - backward_[first]) -
                       (forward_[last] - forward_[first]);
  if (delta < best->delta) {
    *best = Move{Move::kTwoOpt, first, last, 0, false, delta};
  }
}

// Moving path_[start..start+length-1] between positions slot and slot + 1.
void LocalSearch::ConsiderOrOpt(int start, int length, int slot, bool reversed,
                                Move* best) const {
  const int n = static_cast<int>(path_.size());
  const int stop = start + length - 1;
  if (slot < 0 || slot > n - 2 || (slot >= start - 1 && slot <= stop)) return;
  const int prev = path_[start - 1], s = path_[start];
  const int e = path_[stop], next = path_[stop + 1];
  const int a = path_[slot], b = path_[slot + 1];
  const double removed = d(prev, s) + d(e, next) - d(prev, next);
  double added = reversed ? d(a, e) + d(s, b) : d(a, s) + d(e, b);
  added -= d(a, b);
  if (reversed) {
    added += (backward_[stop] - backward_[start]) -
             (forward_[stop] - forward_[start]);
  }
  const double delta = added - removed;
  if (delta < best->delta) {
    *best = Move{Move::kOrOpt, start, length, slot, reversed, delta};
  }
}

// Segments of 1-3 stops that begin or end at `position`, inserted next to a
// neighbour of one of their ends.
void LocalSearch::ConsiderOrOptAround(int position, Move* best) const {
  const int n = static_cast<int>(path_.size());
  for (int length = 1; length <= 3; ++length) {
    for (int start : {position, position - length + 1}) {
      if (length == 1 && start != position) continue;
      if (start < 1 || start + length - 1 > n - 2) continue;
      const int s = path_[start], e = path_[start + length - 1];
      for (int c : neighbours_[s]) {
        ConsiderOrOpt(start, length, position_[c], false, best);  // c -> s
        ConsiderOrOpt(start, length, position_[c] - 1, true, best);  // s -> c
      }
      for (int c : neighbours_[e]) {
        ConsiderOrOpt(start, length, position_[c] - 1, false, best);  // e -> c
        ConsiderOrOpt(start, length, position_[c], true, best);  // c -> e
      }
    }
  }
}

bool LocalSearch::ImproveAround(int node) {
  Move best;
  best.delta = -epsilon_;
  const int i = position_[node];
  for (int c : neighbours_[node]) {
    // Every reversal that creates an edge between node and c.
    const int j = position_[c];
    ConsiderTwoOpt(i + 1, j, &best);
    ConsiderTwoOpt(j + 1, i, &best);
    ConsiderTwoOpt(j, i - 1, &best);
    ConsiderTwoOpt(i, j - 1, &best);
  }
  ConsiderOrOptAround(i, &best);
  switch (best.kind) {
    case Move::kTwoOpt:
      ApplyTwoOpt(best.first, best.last);
      return true;
    case Move::kOrOpt:
      ApplyOrOpt(best.first, best.last, best.slot, best.reversed);
      return true;
    case Move::kNone:
      break;
  }
  return false;
}

void LocalSearch::ApplyTwoOpt(int first, int last) {
  for (int node : {path_[first - 1], path_[first], path_[last],
                   path_[last + 1]}) {
    Activate(node);
  }
  std::reverse(path_.begin() + first, path_.begin() + last + 1);
  for (int p = first; p <= last; ++p) position_[path_[p]] = p;
  RecomputePrefixes(first - 1);
}

void LocalSearch::ApplyOrOpt(int start, int length, int slot, bool reversed) {
  const int stop = start + length - 1;
  for (int node : {path_[start - 1], path_[start], path_[stop],
                   path_[stop + 1], path_[slot], path_[slot + 1]}) {
    Activate(node);
  }
  auto at = [this](int p) { return path_.begin() + p; };
  int low, high, segment;
  if (slot < start) {
    std::rotate(at(slot + 1), at(start), at(stop + 1));
    low = slot + 1;
    high = stop;
    segment = slot + 1;
  } else {
    std::rotate(at(start), at(stop + 1), at(slot + 1));
    low = start;
    high = slot;
    segment = slot - length + 1;
  }
  if (reversed) std::reverse(at(segment), at(segment + length));
  for (int p = low; p <= high; ++p) position_[path_[p]] = p;
  RecomputePrefixes(low - 1);
}

}  // namespace callplan::router_internal
