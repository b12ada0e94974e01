#include "solver/router/time_window_construction.h"

#include <algorithm>
#include <optional>
#include <tuple>
#include <vector>

#include "solver/router/construction.h"
#include "solver/router/schedule.h"
#include "solver/router/timed_local_search.h"

namespace callplan::router_internal {
namespace {

int64_t Opening(const TimedProblem& problem, int stop) {
  const auto& windows = problem.windows(stop);
  return windows.empty() ? problem.shift().start_seconds
                         : windows.front().start_seconds;
}

std::vector<int> SortedOrder(const TimedProblem& problem, bool by_deadline) {
  std::vector<int> stops;
  for (int stop = 1; stop < problem.end(); ++stop) stops.push_back(stop);
  std::sort(stops.begin(), stops.end(), [&](int a, int b) {
    const int64_t da = problem.latest_start(a), db = problem.latest_start(b);
    const int64_t oa = Opening(problem, a), ob = Opening(problem, b);
    return by_deadline ? std::tie(da, oa, a) < std::tie(db, ob, b)
                       : std::tie(oa, da, a) < std::tie(ob, db, b);
  });
  stops.insert(stops.begin(), 0);
  stops.push_back(problem.end());
  return stops;
}

SearchCost CostOf(const TimedProblem& problem, const std::vector<int>& order) {
  const TimeCost time = EvaluateOrder(problem, order);
  return {time.warp, problem.path().Length(order), time.return_seconds};
}

// Each stop, by deadline, where the order so far is least late, then
// shortest. nullopt when stopped.
std::optional<std::vector<int>> InsertionOrder(
    const TimedProblem& problem, const std::function<bool()>& should_stop) {
  std::vector<int> order = {0, problem.end()};
  ScheduleEvaluator evaluator(problem);
  evaluator.Set(order);
  const std::vector<int> by_deadline = DeadlineOrder(problem);
  for (size_t i = 1; i + 1 < by_deadline.size(); ++i) {
    if (should_stop && should_stop()) return std::nullopt;
    const int stop = by_deadline[i];
    int best_slot = -1;
    int64_t best_warp = 0;
    double best_added = 0;
    for (int slot = 0; slot + 1 < static_cast<int>(order.size()); ++slot) {
      const int a = order[slot], b = order[slot + 1];
      const double added = problem.distance(a, stop) + problem.distance(stop, b) -
                           problem.distance(a, b);
      const int64_t bound =
          best_slot < 0 ? kNoEarliest - 1
                        : (added < best_added ? best_warp : best_warp - 1);
      const auto timed = evaluator.Try(order, slot + 1, &stop, 1, slot + 1, bound);
      if (!timed) continue;
      if (best_slot < 0 || std::tie(timed->warp, added) < std::tie(best_warp, best_added)) {
        best_slot = slot;
        best_warp = timed->warp;
        best_added = added;
      }
    }
    order.insert(order.begin() + best_slot + 1, stop);
    evaluator.Set(order, best_slot + 1);
  }
  return order;
}

}  // namespace

std::vector<int> DeadlineOrder(const TimedProblem& problem) {
  return SortedOrder(problem, /*by_deadline=*/true);
}

std::vector<int> ConstructTimedOrder(const TimedProblem& problem,
                                     const std::function<bool()>& should_stop) {
  std::vector<std::vector<int>> candidates = {
      BestConstructedPath(problem.path()), SortedOrder(problem, true),
      SortedOrder(problem, false)};
  if (problem.stops() <= kTimedInsertionMaxStops) {
    if (auto inserted = InsertionOrder(problem, should_stop)) {
      candidates.push_back(*std::move(inserted));
    }
  }
  size_t best = 0;
  SearchCost best_cost = CostOf(problem, candidates[0]);
  for (size_t i = 1; i < candidates.size(); ++i) {
    const SearchCost cost = CostOf(problem, candidates[i]);
    if (Better(cost, best_cost, 0)) {
      best = i;
      best_cost = cost;
    }
  }
  return candidates[best];
}

}  // namespace callplan::router_internal
