#include "solver/router/time_window_search.h"

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

#include "solver/router/double_bridge.h"
#include "solver/router/time_window_construction.h"

namespace callplan::router_internal {
namespace {

// Segments of a timed kick are at most this long.
constexpr int kMaxTimedKickSegment = 10;
// A repair that keeps improving gets another full pass, at most this many:
// the active-stop queue alone stops at the first local optimum around the
// stops it has seen, which is not enough to repair a late start.
constexpr int kMaxRepairPasses = 10;

void Descend(TimedLocalSearch& search, const std::function<bool()>& should_stop) {
  search.Run(should_stop);
  for (int pass = 0; pass < kMaxRepairPasses && search.cost().warp > 0; ++pass) {
    const SearchCost before = search.cost();
    if (should_stop && should_stop()) return;
    search.SetOrder(search.order());
    search.Run(should_stop);
    if (!Better(search.cost(), before, search.epsilon())) return;
  }
}

}  // namespace

int TimedKickRounds(int stops) {
  if (stops < 3) return 0;  // a double bridge needs three stops
  return std::clamp(50 * stops, 1000, 20000);
}

TimedSearchResult SearchTimedOrder(const TimedProblem& problem, int rounds,
                                   uint64_t seed,
                                   const std::function<bool()>& should_stop) {
  TimedLocalSearch search(problem);
  search.SetOrder(ConstructTimedOrder(problem, should_stop));
  Descend(search, should_stop);
  TimedSearchResult current{search.order(), search.cost()};
  TimedSearchResult best = current;
  if (problem.stops() < 3) rounds = 0;

  std::mt19937_64 rng(seed);
  std::vector<int> touched;
  for (int round = 0; round < rounds; ++round) {
    if (should_stop && should_stop()) break;
    search.SetOrder(
        DoubleBridge(current.order, kMaxTimedKickSegment, rng, &touched),
        touched);
    search.Run(should_stop);  // full passes cost O(k^2) timings: first descent only
    // Accepting equal costs lets the search drift across plateaus.
    if (Better(current.cost, search.cost(), search.epsilon())) continue;
    current = {search.order(), search.cost()};
    if (Better(current.cost, best.cost, search.epsilon())) best = current;
  }
  return best;
}

}  // namespace callplan::router_internal
