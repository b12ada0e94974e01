#include "solver/router/timed_problem.h"

#include <algorithm>
#include <vector>

namespace callplan::router_internal {

TimedProblem::TimedProblem(const PathProblem& path, const RouteTiming& timing)
    : path_(path), timing_(timing) {
  const int n = path.size();
  windows_.resize(n);
  service_.assign(n, 0);
  latest_start_.assign(n, kNoEarliest);
  for (int local = 1; local + 1 < n; ++local) {
    const NodeTime& node = timing.nodes[path.original(local)];
    windows_[local] = node.windows;
    service_[local] = node.service_seconds;
    if (!node.windows.empty()) latest_start_[local] = node.windows.back().end_seconds;
  }
}

int64_t TimedProblem::break_seconds_left(uint32_t taken) const {
  int64_t total = 0;
  for (int b = 0; b < breaks(); ++b) {
    if ((taken & (1u << b)) == 0) total += timing_.breaks[b].duration_seconds;
  }
  return total;
}

int64_t EarliestStart(const TimeWindow& window, int64_t t) {
  const int64_t start = std::max(t, window.start_seconds);
  return start <= window.end_seconds ? start : kNoEarliest;
}

int64_t LatestStart(const TimeWindow& window, int64_t duration, int64_t t) {
  const int64_t start = std::min(window.end_seconds, t - duration);
  return start >= window.start_seconds ? start : kNoLatest;
}

int64_t EarliestStart(const std::vector<TimeWindow>& windows, int64_t t) {
  if (windows.empty()) return t;
  // Windows are sorted and disjoint: the first one still open is the answer.
  // Days have a handful of windows, so a scan beats a binary search.
  for (const TimeWindow& window : windows) {
    if (window.end_seconds >= t) return std::max(t, window.start_seconds);
  }
  return kNoEarliest;
}

int64_t LatestStart(const std::vector<TimeWindow>& windows, int64_t duration,
                    int64_t t) {
  if (windows.empty()) return t - duration;
  const int64_t latest = t - duration;
  for (auto it = windows.rbegin(); it != windows.rend(); ++it) {
    if (it->start_seconds <= latest) return std::min(latest, it->end_seconds);
  }
  return kNoLatest;
}

}  // namespace callplan::router_internal
