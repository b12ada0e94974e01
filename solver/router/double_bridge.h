// The perturbation both heuristic routers use: a double bridge
// A B C D -> A C B D on a path whose two ends stay fixed, with segments of
// at most `max_segment` stops, so a kick is local and cheap to repair.
#ifndef CALLPLAN_SOLVER_ROUTER_DOUBLE_BRIDGE_H_
#define CALLPLAN_SOLVER_ROUTER_DOUBLE_BRIDGE_H_

#include <cstdint>
#include <random>
#include <vector>

namespace callplan::router_internal {

// A uniform-enough integer in [0, bound), the same on every standard library
// (std::uniform_int_distribution is implementation-defined).
inline int Below(std::mt19937_64& rng, int bound) {
  return static_cast<int>(rng() % static_cast<uint64_t>(bound));
}

// Cuts 1 <= a < b < c <= size-1, so the fixed ends stay in A and D; `path`
// has at least 5 nodes. `touched` receives the nodes at the six cuts.
std::vector<int> DoubleBridge(const std::vector<int>& path, int max_segment,
                              std::mt19937_64& rng, std::vector<int>* touched);

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_DOUBLE_BRIDGE_H_
