#include "solver/router/timed_local_search.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace callplan::router_internal {

bool Better(const SearchCost& a, const SearchCost& b, double epsilon) {
  if (a.warp != b.warp) return a.warp < b.warp;
  if (a.distance < b.distance - epsilon) return true;
  if (a.distance > b.distance + epsilon) return false;
  return a.return_seconds < b.return_seconds;
}

TimedLocalSearch::TimedLocalSearch(const TimedProblem& problem)
    : problem_(problem), evaluator_(problem) {
  const int n = problem.size();
  double largest = 0;
  for (int from = 0; from < n; ++from) {
    for (int to = 0; to < n; ++to) {
      if (std::isfinite(d(from, to))) largest = std::max(largest, std::fabs(d(from, to)));
    }
  }
  epsilon_ = 1e-12 * largest * n;
  earliest_ready_.assign(n, problem.shift().start_seconds);
  for (int stop = 1; stop + 1 < n; ++stop) {
    const int64_t start =
        EarliestStart(problem.windows(stop), problem.shift().start_seconds);
    earliest_ready_[stop] =
        start == kNoEarliest ? kNoEarliest : start + problem.service(stop);
  }
}

bool TimedLocalSearch::MayFollow(int from, int to) const {
  if (earliest_ready_[from] == kNoEarliest) return false;
  const int64_t latest = to == problem_.end() ? problem_.shift().end_seconds
                                              : problem_.latest_start(to);
  return earliest_ready_[from] + problem_.travel(from, to) <= latest;
}

void TimedLocalSearch::SetOrder(std::vector<int> order,
                                const std::vector<int>& touched) {
  order_ = std::move(order);
  const int n = static_cast<int>(order_.size());
  position_.assign(n, 0);
  for (int p = 0; p < n; ++p) position_[order_[p]] = p;
  forward_.assign(n, 0);
  backward_.assign(n, 0);
  RecomputePrefixes(0);
  evaluator_.Set(order_);
  cost_ = {evaluator_.cost().warp, forward_.back(),
           evaluator_.cost().return_seconds};
  active_.clear();
  is_active_.assign(n, 0);
  for (int stop : touched.empty() ? order_ : touched) Activate(stop);
}

void TimedLocalSearch::Activate(int stop) {
  if (stop == 0 || stop == problem_.end() || is_active_[stop]) return;
  is_active_[stop] = 1;
  active_.push_back(stop);
}

void TimedLocalSearch::RecomputePrefixes(int from_position) {
  for (int p = std::max(from_position, 0); p + 1 < static_cast<int>(order_.size());
       ++p) {
    forward_[p + 1] = forward_[p] + d(order_[p], order_[p + 1]);
    backward_[p + 1] = backward_[p] + d(order_[p + 1], order_[p]);
  }
}

void TimedLocalSearch::Run(const std::function<bool()>& should_stop) {
  while (!active_.empty()) {
    if (should_stop && should_stop()) return;
    const int stop = active_.front();
    active_.pop_front();
    is_active_[stop] = 0;
    if (ImproveAround(stop)) Activate(stop);
  }
}

bool TimedLocalSearch::ImproveAround(int stop) {
  const int position = position_[stop];
  Candidate best;
  for (int length = 1; length <= 3; ++length) TryOrOpt(position, length, &best);
  TryTwoOpt(position, &best);
  TrySwap(position, &best);
  if (!best.found) return false;
  Apply(best);
  return true;
}

void TimedLocalSearch::Consider(int first, double delta, Candidate* best) {
  const SearchCost& reference = best->found ? best->cost : cost_;
  const double distance = cost_.distance + delta;
  const bool longer = distance > reference.distance + epsilon_;
  if (reference.warp == 0 && longer) return;
  // Warp is all that can make a longer order better.
  const int64_t warp_bound = longer ? reference.warp - 1 : reference.warp;
  const int count = static_cast<int>(move_nodes_.size());
  const std::optional<TimeCost> timed = evaluator_.Try(
      order_, first, move_nodes_.data(), count, first + count, warp_bound);
  if (!timed) return;
  const SearchCost cost{timed->warp, distance, timed->return_seconds};
  if (!Better(cost, reference, epsilon_)) return;
  best->first = first;
  best->nodes = move_nodes_;
  best->cost = cost;
  best->found = true;
}

// Moving order_[position, position + length) between slot and slot + 1.
void TimedLocalSearch::TryOrOpt(int position, int length, Candidate* best) {
  const int n = static_cast<int>(order_.size());
  const int last = position + length - 1;
  if (last > n - 2) return;
  const int prev = order_[position - 1], s = order_[position];
  const int e = order_[last], next = order_[last + 1];
  const double removed = d(prev, s) + d(e, next) - d(prev, next);
  const double inside = (backward_[last] - backward_[position]) -
                        (forward_[last] - forward_[position]);
  const bool feasible = cost_.warp == 0;
  for (int slot = 0; slot <= n - 2; ++slot) {
    if (slot >= position - 1 && slot <= last) continue;
    const int a = order_[slot], b = order_[slot + 1];
    for (const bool reversed : {false, true}) {
      if (reversed && length == 1) break;
      const int head = reversed ? e : s, tail = reversed ? s : e;
      if (!MayFollow(a, head) || !MayFollow(tail, b)) continue;
      const double delta = d(a, head) + d(tail, b) - d(a, b) +
                           (reversed ? inside : 0) - removed;
      if (feasible && cost_.distance + delta >
                          (best->found ? best->cost.distance : cost_.distance) +
                              epsilon_) {
        continue;
      }
      move_nodes_.clear();
      if (slot > last) {
        move_nodes_.assign(order_.begin() + last + 1, order_.begin() + slot + 1);
      }
      for (int i = 0; i < length; ++i) {
        move_nodes_.push_back(order_[reversed ? last - i : position + i]);
      }
      if (slot < position - 1) {
        move_nodes_.insert(move_nodes_.end(), order_.begin() + slot + 1,
                           order_.begin() + position);
      }
      Consider(slot > last ? position : slot + 1, delta, best);
    }
  }
}

// Reversing order_[first..last] with `position` at one end.
void TimedLocalSearch::TryTwoOpt(int position, Candidate* best) {
  const int n = static_cast<int>(order_.size());
  const bool feasible = cost_.warp == 0;
  for (int other = 1; other <= n - 2; ++other) {
    if (other == position) continue;
    const int first = std::min(position, other), last = std::max(position, other);
    const int a = order_[first - 1], s = order_[first];
    const int e = order_[last], b = order_[last + 1];
    if (!MayFollow(a, e) || !MayFollow(s, b)) continue;
    const double delta = d(a, e) + d(s, b) - d(a, s) - d(e, b) +
                         (backward_[last] - backward_[first]) -
                         (forward_[last] - forward_[first]);
    if (feasible && delta > epsilon_) continue;
    move_nodes_.assign(order_.rbegin() + (n - 1 - last),
                       order_.rbegin() + (n - first));
    Consider(first, delta, best);
  }
}

// Exchanging order_[position] with another stop.
void TimedLocalSearch::TrySwap(int position, Candidate* best) {
  const int n = static_cast<int>(order_.size());
  const bool feasible = cost_.warp == 0;
  for (int other = 1; other <= n - 2; ++other) {
    if (other == position || other == position + 1 || other == position - 1) {
      continue;  // adjacent swaps are 2-opt moves of two stops
    }
    const int lo = std::min(position, other), hi = std::max(position, other);
    const int a = order_[lo - 1], x = order_[lo], x1 = order_[lo + 1];
    const int yk = order_[hi - 1], y = order_[hi], b = order_[hi + 1];
    if (!MayFollow(a, y) || !MayFollow(x, b)) continue;
    const double delta = d(a, y) + d(y, x1) + d(yk, x) + d(x, b) - d(a, x) -
                         d(x, x1) - d(yk, y) - d(y, b);
    if (feasible && delta > epsilon_) continue;
    move_nodes_.assign(order_.begin() + lo, order_.begin() + hi + 1);
    std::swap(move_nodes_.front(), move_nodes_.back());
    Consider(lo, delta, best);
  }
}

void TimedLocalSearch::Apply(const Candidate& move) {
  const int last = move.first + static_cast<int>(move.nodes.size()) - 1;
  std::copy(move.nodes.begin(), move.nodes.end(), order_.begin() + move.first);
  for (int p = move.first; p <= last; ++p) position_[order_[p]] = p;
  RecomputePrefixes(move.first - 1);
  evaluator_.Set(order_, move.first);
  cost_ = {evaluator_.cost().warp, forward_.back(),
           evaluator_.cost().return_seconds};
  for (int p : {move.first - 1, move.first, last, last + 1}) Activate(order_[p]);
}

}  // namespace callplan::router_internal
