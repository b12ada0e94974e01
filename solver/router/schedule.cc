#include "solver/router/schedule.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace callplan::router_internal {

ScheduleEvaluator::ScheduleEvaluator(const TimedProblem& problem)
    : problem_(problem),
      masks_(problem.masks()),
      scratch_(static_cast<size_t>(3) * problem.masks()) {}

void ScheduleEvaluator::Arrive(int previous, int node, const Label* from,
                               Label* to) const {
  const int64_t travel = problem_.travel(previous, node);
  for (int m = 0; m < masks_; ++m) {
    to[m] = from[m].reached() ? Label{from[m].warp, from[m].time + travel}
                              : Label{};
  }
}

void ScheduleEvaluator::Return(int previous, const Label* from,
                               Label* to) const {
  Arrive(previous, problem_.end(), from, to);
  const int64_t shift_end = problem_.shift().end_seconds;
  for (int m = 0; m < masks_; ++m) {
    // Home late: the return goes back to the shift's end, the rest is warp.
    if (to[m].reached() && to[m].time > shift_end) {
      to[m].warp += to[m].time - shift_end;
      to[m].time = shift_end;
    }
  }
}

TimeCost ScheduleEvaluator::CostOf(const Label* end_labels) const {
  const Label& last = end_labels[problem_.all_breaks()];
  return {last.warp, last.time};
}

bool ScheduleEvaluator::AllWarpAbove(const Label* labels, int64_t bound) const {
  for (int m = 0; m < masks_; ++m) {
    if (labels[m].warp <= bound) return false;  // unreached is above any bound
  }
  return true;
}

void ScheduleEvaluator::Set(const std::vector<int>& order, int first) {
  const int size = static_cast<int>(order.size());
  labels_.resize(static_cast<size_t>(size) * masks_);
  Label* arrival = scratch_.data();
  for (int p = std::max(first, 0); p < size; ++p) {
    Label* here = &labels_[static_cast<size_t>(p) * masks_];
    if (p == 0) {
      std::fill(arrival, arrival + masks_, Label{});
      arrival[0] = {0, problem_.shift().start_seconds};
      VisitForward(problem_, order[0], arrival, here);
    } else if (p == size - 1) {
      Return(order[p - 1], here - masks_, here);
    } else {
      Arrive(order[p - 1], order[p], here - masks_, arrival);
      VisitForward(problem_, order[p], arrival, here);
    }
  }
  cost_ = CostOf(labels(size - 1));
}

std::optional<TimeCost> ScheduleEvaluator::Try(const std::vector<int>& order,
                                               int first, const int* nodes,
                                               int count, int resume,
                                               int64_t warp_bound) const {
  if (masks_ == 1) {
    return TryWithoutBreaks(order, first, nodes, count, resume, warp_bound);
  }
  const int size = static_cast<int>(order.size());
  Label* current = scratch_.data();
  Label* arrival = current + masks_;
  Label* next = arrival + masks_;
  std::copy(labels(first - 1), labels(first - 1) + masks_, current);
  int previous = order[first - 1];
  for (int i = 0; i < count; ++i) {
    Arrive(previous, nodes[i], current, arrival);
    VisitForward(problem_, nodes[i], arrival, next);
    std::swap(current, next);
    if (AllWarpAbove(current, warp_bound)) return std::nullopt;
    previous = nodes[i];
  }
  for (int p = resume; p < size; ++p) {
    if (p == size - 1) {
      Return(previous, current, next);
      const TimeCost cost = CostOf(next);
      if (cost.warp > warp_bound) return std::nullopt;
      return cost;
    }
    Arrive(previous, order[p], current, arrival);
    VisitForward(problem_, order[p], arrival, next);
    std::swap(current, next);
    // Back on the kept schedule: the rest of it is unchanged.
    if (std::equal(current, current + masks_, labels(p))) return cost_;
    if (AllWarpAbove(current, warp_bound)) return std::nullopt;
    previous = order[p];
  }
  return cost_;  // not reached: the end is the last position
}

// The same steps as Try with one label, without the per-mask loops: most
// days have no break, and this is the local search's innermost loop.
std::optional<TimeCost> ScheduleEvaluator::TryWithoutBreaks(
    const std::vector<int>& order, int first, const int* nodes, int count,
    int resume, int64_t warp_bound) const {
  const int size = static_cast<int>(order.size());
  Label label = labels_[first - 1];
  int previous = order[first - 1];
  auto visit = [&](int node) {
    label.time += problem_.travel(previous, node);
    const std::vector<TimeWindow>& windows = problem_.windows(node);
    int64_t start = EarliestStart(windows, label.time);
    if (start == kNoEarliest) {
      start = windows.back().end_seconds;
      label.warp += label.time - start;
    }
    label.time = start + problem_.service(node);
    previous = node;
  };
  for (int i = 0; i < count; ++i) {
    visit(nodes[i]);
    if (label.warp > warp_bound) return std::nullopt;
  }
  for (int p = resume; p < size - 1; ++p) {
    visit(order[p]);
    if (label == labels_[p]) return cost_;  // back on the kept schedule
    if (label.warp > warp_bound) return std::nullopt;
  }
  label.time += problem_.travel(previous, order[size - 1]);
  const int64_t shift_end = problem_.shift().end_seconds;
  if (label.time > shift_end) {
    label.warp += label.time - shift_end;
    label.time = shift_end;
  }
  if (label.warp > warp_bound) return std::nullopt;
  return TimeCost{label.warp, label.time};
}

TimeCost EvaluateOrder(const TimedProblem& problem,
                       const std::vector<int>& order) {
  ScheduleEvaluator evaluator(problem);
  evaluator.Set(order);
  return evaluator.cost();
}

}  // namespace callplan::router_internal
