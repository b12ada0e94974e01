// Internal to the router: the exact schedule of one visiting order, and of
// small changes to it, for the local search.
//
// For an order (local nodes, the start first and the end last) the evaluator
// keeps, at every position and for every set of breaks taken so far, the
// best (warp, ready time) label: a dynamic programme over positions x breaks
// taken, built from place visits, so breaks are placed optimally for that
// order. The cost of the order is the label of the end with every break
// taken, the return past the shift's end counting as warp too. Warp 0 means
// the order is feasible, and then `return_seconds` is its earliest return.
//
// Evaluating a change costs O(size x 2^breaks x breaks) at most, usually far
// less: it starts from the labels kept before the first changed position,
// stops as soon as its labels equal the kept ones again after the change
// (waiting for windows makes schedules meet), and gives up once every label
// is later than a bound the caller could still accept.
#ifndef CALLPLAN_SOLVER_ROUTER_SCHEDULE_H_
#define CALLPLAN_SOLVER_ROUTER_SCHEDULE_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "solver/router/place_visit.h"
#include "solver/router/timed_problem.h"

namespace callplan::router_internal {

struct TimeCost {
  int64_t warp = 0;  // seconds of lateness; 0 = feasible
  int64_t return_seconds = 0;
};

class ScheduleEvaluator {
 public:
  explicit ScheduleEvaluator(const TimedProblem& problem);

  // Evaluates `order` from position `first` on (0: all of it); the labels
  // before `first` must be those of an order with the same beginning.
  void Set(const std::vector<int>& order, int first = 0);
  TimeCost cost() const { return cost_; }

  // The cost of the order that keeps order[0..first-1], then visits
  // `nodes[0..count-1]`, then order[resume..] (the order given to Set).
  // nullopt when its warp is sure to exceed `warp_bound`.
  std::optional<TimeCost> Try(const std::vector<int>& order, int first,
                              const int* nodes, int count, int resume,
                              int64_t warp_bound) const;

  // The labels kept for position p of the last order set (masks() of them).
  const Label* labels(int position) const {
    return &labels_[static_cast<size_t>(position) * masks_];
  }

 private:
  // Arrival labels at `node` from the labels `from` of `previous`.
  void Arrive(int previous, int node, const Label* from, Label* to) const;
  // The end's labels: arrivals with the return past the shift as warp.
  void Return(int previous, const Label* from, Label* to) const;
  TimeCost CostOf(const Label* end_labels) const;
  // Try for a day without breaks: one label per position.
  std::optional<TimeCost> TryWithoutBreaks(const std::vector<int>& order,
                                           int first, const int* nodes,
                                           int count, int resume,
                                           int64_t warp_bound) const;
  bool AllWarpAbove(const Label* labels, int64_t bound) const;

  const TimedProblem& problem_;
  int masks_;
  std::vector<Label> labels_;  // size() x masks_, ready to leave (end: arrival)
  TimeCost cost_;
  mutable std::vector<Label> scratch_;
};

// The cost of a whole order, without keeping anything.
TimeCost EvaluateOrder(const TimedProblem& problem, const std::vector<int>& order);

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_SCHEDULE_H_
