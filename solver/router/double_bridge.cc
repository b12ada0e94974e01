#include "solver/router/double_bridge.h"

#include <algorithm>
#include <vector>

namespace callplan::router_internal {

std::vector<int> DoubleBridge(const std::vector<int>& path, int max_segment,
                              std::mt19937_64& rng, std::vector<int>* touched) {
  const int n = static_cast<int>(path.size());
  const int a = 1 + Below(rng, n - 3);
  const int b = a + 1 + Below(rng, std::min(max_segment, n - 2 - a));
  const int c = b + 1 + Below(rng, std::min(max_segment, n - 1 - b));
  std::vector<int> kicked(path.begin(), path.begin() + a);
  kicked.insert(kicked.end(), path.begin() + b, path.begin() + c);
  kicked.insert(kicked.end(), path.begin() + a, path.begin() + b);
  kicked.insert(kicked.end(), path.begin() + c, path.end());
  *touched = {path[a - 1], path[a], path[b - 1], path[b], path[c - 1], path[c]};
  return kicked;
}

}  // namespace callplan::router_internal
