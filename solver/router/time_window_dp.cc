#include "solver/router/time_window_dp.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <tuple>
#include <vector>

#include "solver/router/place_visit.h"
#include "solver/router/remaining_bounds.h"

namespace callplan::router_internal {
namespace {

struct DpLabel {
  int64_t time;     // ready to leave `node`
  double distance;  // from the start
  int32_t parent;   // index in the pool; -1 for the start's labels
  uint8_t node;
  uint8_t taken;    // breaks taken
};

class TimeWindowDp {
 public:
  TimeWindowDp(const TimedProblem& problem, const RemainingBounds& bounds,
               double distance_bound, bool time_only,
               const std::function<bool()>& should_stop)
      : problem_(problem),
        bounds_(bounds),
        k_(problem.stops()),
        full_((1u << problem.stops()) - 1),
        bound_(distance_bound + 1e-9 * (1 + std::fabs(distance_bound))),
        time_only_(time_only),
        should_stop_(should_stop),
        arrival_(problem.masks()),
        ready_(problem.masks()) {}

  ExactTimedRoute Solve();

 private:
  size_t Index(uint32_t visited, int last) const {
    return static_cast<size_t>(visited) * k_ + (last - 1);
  }
  void SeedStart();
  void FillState(uint32_t visited, int last);
  void Extend(const DpLabel& from, int32_t index, int to, uint32_t visited);
  bool Hopeless(const DpLabel& label, uint32_t visited) const;
  void KeepParetoFront();
  bool Dominated(const DpLabel& label) const;
  ExactTimedRoute Best() const;

  const TimedProblem& problem_;
  const RemainingBounds& bounds_;
  const int k_;
  const uint32_t full_;
  const double bound_;
  const bool time_only_;
  const std::function<bool()>& should_stop_;
  std::vector<DpLabel> pool_;
  uint32_t start_labels_ = 0;    // pool_[0, start_labels_) are at the start
  std::vector<uint32_t> begin_;  // first label of each (visited, last)
  std::vector<DpLabel> scratch_, kept_;
  std::vector<uint32_t> groups_;  // kept_[groups_[m], groups_[m + 1]): breaks m
  std::vector<Label> arrival_, ready_;
};

void TimeWindowDp::SeedStart() {
  std::fill(arrival_.begin(), arrival_.end(), Label{});
  arrival_[0] = {0, problem_.shift().start_seconds};
  VisitForward(problem_, 0, arrival_.data(), ready_.data());
  for (int m = 0; m < problem_.masks(); ++m) {
    if (ready_[m].reached() && ready_[m].warp == 0) {
      pool_.push_back({ready_[m].time, 0.0, -1, 0, static_cast<uint8_t>(m)});
    }
  }
  start_labels_ = static_cast<uint32_t>(pool_.size());
}

ExactTimedRoute TimeWindowDp::Solve() {
  SeedStart();
  begin_.assign((static_cast<size_t>(full_) + 1) * k_ + 1, start_labels_);
  for (uint32_t visited = 1; visited <= full_; ++visited) {
    if (visited % 64 == 0 && should_stop_ && should_stop_()) return {};
    for (int last = 1; last <= k_; ++last) {
      begin_[Index(visited, last)] = static_cast<uint32_t>(pool_.size());
      if (visited & (1u << (last - 1))) FillState(visited, last);
    }
    if (pool_.size() > kMaxLabels) return {};
  }
  begin_.back() = static_cast<uint32_t>(pool_.size());
  return Best();
}

void TimeWindowDp::FillState(uint32_t visited, int last) {
  scratch_.clear();
  const uint32_t before = visited ^ (1u << (last - 1));
  if (before == 0) {
    for (uint32_t i = 0; i < start_labels_; ++i) {
      Extend(pool_[i], static_cast<int32_t>(i), last, visited);
    }
  } else {
    for (int previous = 1; previous <= k_; ++previous) {
      if ((before & (1u << (previous - 1))) == 0) continue;
      const size_t state = Index(before, previous);
      for (uint32_t i = begin_[state]; i < begin_[state + 1]; ++i) {
        Extend(pool_[i], static_cast<int32_t>(i), last, visited);
      }
    }
  }
  KeepParetoFront();
}

void TimeWindowDp::Extend(const DpLabel& from, int32_t index, int to,
                          uint32_t visited) {
  const int64_t arrival = from.time + problem_.travel(from.node, to);
  if (arrival > problem_.latest_start(to)) return;
  std::fill(arrival_.begin(), arrival_.end(), Label{});
  arrival_[from.taken] = {0, arrival};
  VisitForward(problem_, to, arrival_.data(), ready_.data());
  const double distance = from.distance + problem_.distance(from.node, to);
  for (int m = 0; m < problem_.masks(); ++m) {
    if (!ready_[m].reached() || ready_[m].warp != 0) continue;
    const DpLabel label{ready_[m].time, distance, index,
                        static_cast<uint8_t>(to), static_cast<uint8_t>(m)};
    if (!Hopeless(label, visited)) scratch_.push_back(label);
  }
}

bool TimeWindowDp::Hopeless(const DpLabel& label, uint32_t visited) const {
  const uint32_t left = full_ ^ visited;
  if (left == 0 && label.taken != problem_.all_breaks()) return true;
  if (!time_only_ && label.distance + bounds_.distance(left, label.node) > bound_) {
    return true;
  }
  if (label.time + bounds_.seconds(left, label.node) +
          problem_.break_seconds_left(label.taken) >
      problem_.shift().end_seconds) {
    return true;
  }
  for (int b = 0; b < problem_.breaks(); ++b) {
    if ((label.taken & (1u << b)) == 0 &&
        problem_.break_at(b).window.end_seconds < label.time) {
      return true;
    }
  }
  for (int stop = 1; stop <= k_; ++stop) {
    if ((left & (1u << (stop - 1))) != 0 &&
        label.time + bounds_.shortest_travel(label.node, stop) >
            problem_.latest_start(stop)) {
      return true;
    }
  }
  return false;
}

// Sorted by (breaks, time), a group's Pareto front is the labels whose
// distance beats every earlier one; then labels beaten by one that has taken
// more breaks go too.
void TimeWindowDp::KeepParetoFront() {
  std::sort(scratch_.begin(), scratch_.end(),
            [](const DpLabel& a, const DpLabel& b) {
              return std::tie(a.taken, a.time, a.distance, a.parent) <
                     std::tie(b.taken, b.time, b.distance, b.parent);
            });
  kept_.clear();
  std::vector<uint32_t>& groups = groups_;
  groups.assign(problem_.masks() + 1, 0);
  for (size_t i = 0; i < scratch_.size(); ++i) {
    const DpLabel& label = scratch_[i];
    const bool first = i == 0 || scratch_[i - 1].taken != label.taken;
    if (!first && (time_only_ || kept_.back().distance <= label.distance)) continue;
    kept_.push_back(label);
    groups[label.taken + 1] = static_cast<uint32_t>(kept_.size());
  }
  for (int m = 1; m <= problem_.masks(); ++m) groups[m] = std::max(groups[m], groups[m - 1]);
  for (const DpLabel& label : kept_) {
    if (!Dominated(label)) pool_.push_back(label);
  }
}

bool TimeWindowDp::Dominated(const DpLabel& label) const {
  const std::vector<uint32_t>& groups = groups_;
  for (int m = label.taken + 1; m < problem_.masks(); ++m) {
    if ((m & label.taken) != label.taken) continue;
    // The group's last label no later than this one is its shortest such.
    const auto begin = kept_.begin() + groups[m];
    const auto end = kept_.begin() + groups[m + 1];
    auto it = std::upper_bound(begin, end, label.time,
                               [](int64_t time, const DpLabel& other) {
                                 return time < other.time;
                               });
    if (it == begin) continue;
    if (time_only_ || std::prev(it)->distance <= label.distance) return true;
  }
  return false;
}

ExactTimedRoute TimeWindowDp::Best() const {
  const int end = problem_.end();
  int32_t best = -1;
  double best_distance = 0;
  int64_t best_return = 0;
  auto consider = [&](uint32_t i) {
    const DpLabel& label = pool_[i];
    if (label.taken != problem_.all_breaks()) return;
    const int64_t back = label.time + problem_.travel(label.node, end);
    if (back > problem_.shift().end_seconds) return;
    const double distance = label.distance + problem_.distance(label.node, end);
    if (best < 0 || distance < best_distance ||
        (distance == best_distance && back < best_return)) {
      best = static_cast<int32_t>(i);
      best_distance = distance;
      best_return = back;
    }
  };
  if (k_ == 0) {
    for (uint32_t i = 0; i < start_labels_; ++i) consider(i);
  }
  for (int last = 1; last <= k_; ++last) {
    const size_t state = Index(full_, last);
    for (uint32_t i = begin_[state]; i < begin_[state + 1]; ++i) consider(i);
  }
  ExactTimedRoute result;
  if (best < 0) {
    result.outcome = ExactTimedRoute::Outcome::kInfeasible;
    return result;
  }
  result.outcome = ExactTimedRoute::Outcome::kOptimal;
  for (int32_t i = best; i >= 0 && pool_[i].parent >= 0; i = pool_[i].parent) {
    result.order.push_back(pool_[i].node);
  }
  result.order.push_back(0);
  std::reverse(result.order.begin(), result.order.end());
  result.order.push_back(end);
  return result;
}

}  // namespace

ExactTimedRoute SolveTimeWindowDp(const TimedProblem& problem,
                                  double distance_bound,
                                  const std::function<bool()>& should_stop) {
  if (problem.stops() > kMaxDpStops) return {};
  const RemainingBounds bounds(problem);
  if (!std::isfinite(distance_bound)) {
    ExactTimedRoute first =
        TimeWindowDp(problem, bounds, distance_bound, true, should_stop).Solve();
    if (first.outcome != ExactTimedRoute::Outcome::kOptimal) return first;
    distance_bound = problem.path().Length(first.order);
  }
  return TimeWindowDp(problem, bounds, distance_bound, false, should_stop)
      .Solve();
}

}  // namespace callplan::router_internal
