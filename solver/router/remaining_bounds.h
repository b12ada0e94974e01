// Internal to the exact timed router: lower bounds on what is left of a day
// once the rep is at a stop with some stops still to visit, so the dynamic
// programme can drop partial routes that can no longer be feasible or beat
// the best route known.
//  - distance(left, at): the shortest path from `at` through every stop of
//    `left` to the end, windows ignored: Held-Karp run backwards from the
//    end, O(2^k k^2) for k stops, exact for the relaxation.
//  - seconds(left, at): the same for travel plus the service of each stop of
//    `left`; breaks are added by the caller (they never overlap driving or
//    serving, so their durations add up).
//  - shortest_travel(from, to): through any nodes (Floyd-Warshall), the
//    earliest a stop can be reached: rounded travel times need not obey the
//    triangle inequality, so the direct drive is not always the fastest.
// Stop s (local node s, 1 <= s <= k) is bit s-1 of `left`. Memory: 16 bytes
// per (subset, stop), 16 MB at 16 stops; beyond kHeldKarpBoundMaxStops the
// tables would not fit, and distance and seconds fall back to a weaker bound
// in O(k) per call: every place still to enter (the stops of `left` and the
// end) is entered once, by its cheapest incoming drive.
#ifndef CALLPLAN_SOLVER_ROUTER_REMAINING_BOUNDS_H_
#define CALLPLAN_SOLVER_ROUTER_REMAINING_BOUNDS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "solver/router/timed_problem.h"

namespace callplan::router_internal {

inline constexpr int kHeldKarpBoundMaxStops = 16;

class RemainingBounds {
 public:
  explicit RemainingBounds(const TimedProblem& problem);

  // `at` is a stop not in `left`.
  double distance(uint32_t left, int at) const {
    return held_karp_ ? distance_[Index(left, at)] : Entering(left, cheapest_in_distance_);
  }
  int64_t seconds(uint32_t left, int at) const {
    return held_karp_ ? seconds_[Index(left, at)] : Entering(left, cheapest_in_seconds_);
  }
  int64_t shortest_travel(int from, int to) const {
    return shortest_[static_cast<size_t>(from) * size_ + to];
  }

 private:
  size_t Index(uint32_t left, int at) const {
    return static_cast<size_t>(left) * stops_ + (at - 1);
  }
  void FillHeldKarp(const TimedProblem& problem);
  void FillShortestTravel(const TimedProblem& problem);
  void FillCheapestEntries(const TimedProblem& problem);
  // The sum of `cheapest` over the stops of `left` and the end.
  template <typename T>
  T Entering(uint32_t left, const std::vector<T>& cheapest) const {
    T total = cheapest[size_ - 1];
    for (; left != 0; left &= left - 1) total += cheapest[__builtin_ctz(left) + 1];
    return total;
  }

  bool held_karp_ = false;
  int stops_ = 0;
  int size_ = 0;
  std::vector<double> distance_;
  std::vector<int64_t> seconds_;
  std::vector<int64_t> shortest_;
  // Per local node: the cheapest drive into it (plus its service, in time).
  std::vector<double> cheapest_in_distance_;
  std::vector<int64_t> cheapest_in_seconds_;
};

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_REMAINING_BOUNDS_H_
