// Internal to the router: a day's time dimension over the local nodes of a
// PathProblem (0 the start, size()-1 the end, the stops in between), and the
// two questions every schedule asks of one activity (a service or a break):
// when can it start at the earliest, and when at the latest so that it ends
// by a given time.
//
// Breaks are numbered as in RouteTiming::breaks; a set of breaks taken is a
// bit mask over them (at most kMaxBreaks, so a mask indexes small arrays).
// The start and end nodes have no window and no service: at the start the
// rep only takes breaks before leaving; the end only checks the return.
#ifndef CALLPLAN_SOLVER_ROUTER_TIMED_PROBLEM_H_
#define CALLPLAN_SOLVER_ROUTER_TIMED_PROBLEM_H_

#include <cstdint>
#include <limits>
#include <vector>

#include "solver/router/path_problem.h"
#include "solver/router/router.h"
#include "solver/time_window.h"

namespace callplan::router_internal {

inline constexpr int kMaxBreaks = 6;
// No time: an activity that cannot start, a state never reached.
inline constexpr int64_t kNoEarliest = std::numeric_limits<int64_t>::max();
inline constexpr int64_t kNoLatest = std::numeric_limits<int64_t>::min();

class TimedProblem {
 public:
  // `timing` has been validated against the table and outlives this.
  TimedProblem(const PathProblem& path, const RouteTiming& timing);

  const PathProblem& path() const { return path_; }
  int size() const { return path_.size(); }
  int stops() const { return path_.stops(); }
  int end() const { return path_.size() - 1; }
  double distance(int from, int to) const { return path_(from, to); }
  int64_t travel(int from, int to) const {
    return timing_.travel(path_.original(from), path_.original(to));
  }
  // Empty for the start and end, and for a stop receiving at any time.
  const std::vector<TimeWindow>& windows(int local) const {
    return windows_[local];
  }
  int64_t service(int local) const { return service_[local]; }
  // The last moment a stop's service may start (kNoEarliest: no limit).
  int64_t latest_start(int local) const { return latest_start_[local]; }
  const TimeWindow& shift() const { return timing_.shift; }

  int breaks() const { return static_cast<int>(timing_.breaks.size()); }
  const Break& break_at(int b) const { return timing_.breaks[b]; }
  int masks() const { return 1 << breaks(); }
  uint32_t all_breaks() const { return (1u << breaks()) - 1; }
  // Total duration of the breaks not in `taken`.
  int64_t break_seconds_left(uint32_t taken) const;

 private:
  const PathProblem& path_;
  const RouteTiming& timing_;
  std::vector<std::vector<TimeWindow>> windows_;
  std::vector<int64_t> service_;
  std::vector<int64_t> latest_start_;
};

// The earliest start at or after `t` inside one of `windows` (t itself when
// there are none), or kNoEarliest when the last window has closed.
int64_t EarliestStart(const std::vector<TimeWindow>& windows, int64_t t);

// The latest start s inside one of `windows` with s + duration <= t
// (t - duration when there are none), or kNoLatest when no window opens in
// time.
int64_t LatestStart(const std::vector<TimeWindow>& windows, int64_t duration,
                    int64_t t);

// The same for one window (a break's).
int64_t EarliestStart(const TimeWindow& window, int64_t t);
int64_t LatestStart(const TimeWindow& window, int64_t duration, int64_t t);

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_TIMED_PROBLEM_H_
