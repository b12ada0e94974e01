#include "solver/router/iterated_local_search.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <utility>
#include <vector>

#include "solver/router/construction.h"
#include "solver/router/local_search.h"

namespace callplan::router_internal {
namespace {

// Segments of a kick are at most this long: a local double bridge is repaired
// by a local search around its six endpoints, so a kick costs little, and
// many cheap kicks beat a few global ones on paths of a few hundred stops.
constexpr int kMaxKickSegment = 50;

// A uniform-enough integer in [0, bound), the same on every standard library
// (std::uniform_int_distribution is implementation-defined).
int Below(std::mt19937_64& rng, int bound) {
  return static_cast<int>(rng() % static_cast<uint64_t>(bound));
}

// Double bridge A B C D -> A C B D with cuts 1 <= a < b < c <= size-1, so the
// fixed ends stay in A and D. `touched` receives the nodes at the six cuts.
std::vector<int> DoubleBridge(const std::vector<int>& path,
                              std::mt19937_64& rng, std::vector<int>* touched) {
  const int n = static_cast<int>(path.size());
  const int a = 1 + Below(rng, n - 3);
  const int b = a + 1 + Below(rng, std::min(kMaxKickSegment, n - 2 - a));
  const int c = b + 1 + Below(rng, std::min(kMaxKickSegment, n - 1 - b));
  std::vector<int> kicked(path.begin(), path.begin() + a);
  kicked.insert(kicked.end(), path.begin() + b, path.begin() + c);
  kicked.insert(kicked.end(), path.begin() + a, path.begin() + b);
  kicked.insert(kicked.end(), path.begin() + c, path.end());
  *touched = {path[a - 1], path[a], path[b - 1], path[b], path[c - 1], path[c]};
  return kicked;
}

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
    search.SetPath(DoubleBridge(current, rng, &touched), touched);
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
