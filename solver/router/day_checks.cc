#include "solver/router/day_checks.h"

#include <algorithm>
#include <limits>
#include <vector>

#include "solver/router/schedule.h"

namespace callplan::router_internal {
namespace {

constexpr int64_t kUnreachable = std::numeric_limits<int64_t>::max() / 4;

// Fastest chains of drives from `source` (or, reversed, to it): Dijkstra on
// the dense table, O(n^2).
std::vector<int64_t> Fastest(const TimedProblem& problem, int source, bool reversed) {
  const int n = problem.size();
  std::vector<int64_t> best(n, kUnreachable);
  std::vector<char> done(n, 0);
  best[source] = 0;
  for (int round = 0; round < n; ++round) {
    int next = -1;
    for (int v = 0; v < n; ++v) {
      if (!done[v] && (next < 0 || best[v] < best[next])) next = v;
    }
    done[next] = 1;
    for (int v = 0; v < n; ++v) {
      const int64_t drive = reversed ? problem.travel(v, next) : problem.travel(next, v);
      best[v] = std::min(best[v], best[next] + drive);
    }
  }
  return best;
}

bool BreakFits(const Break& pause, const TimeWindow& shift) {
  const int64_t start = std::max(pause.window.start_seconds, shift.start_seconds);
  return start <= pause.window.end_seconds &&
         start + pause.duration_seconds <= shift.end_seconds;
}

}  // namespace

bool ProvenUnroutable(const TimedProblem& problem) {
  const TimeWindow& shift = problem.shift();
  for (int b = 0; b < problem.breaks(); ++b) {
    if (!BreakFits(problem.break_at(b), shift)) return true;
  }
  const std::vector<int64_t> from_start = Fastest(problem, 0, false);
  const std::vector<int64_t> to_end = Fastest(problem, problem.end(), true);
  if (shift.start_seconds + from_start[problem.end()] > shift.end_seconds) return true;
  for (int stop = 1; stop < problem.end(); ++stop) {
    const int64_t start =
        EarliestStart(problem.windows(stop), shift.start_seconds + from_start[stop]);
    if (start == kNoEarliest ||
        start + problem.service(stop) + to_end[stop] > shift.end_seconds) {
      return true;
    }
  }
  return false;
}

int BlamedStop(const TimedProblem& problem) {
  const int end = problem.end();
  if (EvaluateOrder(problem, {0, end}).warp > 0) return -1;
  for (int stop = 1; stop < end; ++stop) {
    if (EvaluateOrder(problem, {0, stop, end}).warp > 0) return stop;
  }
  return -1;
}

}  // namespace callplan::router_internal
