#include "solver/router/iterated_local_search.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <utility>
#include <vector>

#include "solver/router/construction.h"
#include "solver/router/double_bridge.h"
#include "solver/router/local_search.h"

namespace callplan::router_internal {
namespace {

// Segments of a kick are at most this long: a local double bridge is repaired
// by a local search around its six endpoints, so a kick costs little, and
// many cheap kicks beat a few global ones on paths of a few hundred stops.
constexpr int kMaxKickSegment = 50;

}  // namespace

int KickRounds(int stops) {
  if (stops < 3) return 0;  // nothing a kick could reorder usefully
  return std::clamp(50 * stops, 1000, 20000);
}

std::vector<int> SolveIteratedLocalSearch(const PathProblem& problem,
                                          const RouteOptions& options) {
  const auto deadline =
      std::chrono::steady_clock::now() +
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(options.time_limit_seconds));
  // The time limit, the caller's deadline and cancellation stop every phase,
  // the first descent included: on thousands of stops it alone can take
  // seconds (issue 10, finding 1). The best path so far is the answer.
  const std::function<bool()> should_stop = [&options, deadline] {
    return std::chrono::steady_clock::now() > deadline ||
           (options.should_stop && options.should_stop());
  };
  std::vector<int> constructed = BestConstructedPath(problem);
  // Nearest neighbour lists alone cost O(size^2): skip them when the time
  // is already gone.
  if (should_stop()) return constructed;
  LocalSearch search(problem);
  search.SetPath(std::move(constructed));
  search.Run(should_stop);
  std::vector<int> current = search.path();
  double current_length = search.Length();
  std::vector<int> best = current;
  double best_length = current_length;

  std::mt19937_64 rng(options.seed);
  std::vector<int> touched;
  const int rounds = KickRounds(problem.stops());
  for (int round = 0; round < rounds; ++round) {
    if (should_stop()) break;
    search.SetPath(DoubleBridge(current, kMaxKickSegment, rng, &touched), touched);
    search.Run(should_stop);
    const double length = search.Length();
    // Accepting equal lengths lets the search drift across plateaus.
    if (length <= current_length) {
      current = search.path();
      current_length = length;
      if (length < best_length) {
        best = current;
        best_length = length;
      }
    }
  }
  return best;
}

}  // namespace callplan::router_internal
