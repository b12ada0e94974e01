#include "plugins/learning/segments.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "plugins/learning/scoring.h"

namespace callplan::crm::learning {

void AssignSegments(const v1::PotentialModelCard& card,
                    std::vector<PhysicianScore>& physicians) {
  const size_t n = physicians.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return physicians[a].value > physicians[b].value;
  });
  for (size_t rank = 0; rank < n; ++rank) {
    PhysicianScore& physician = physicians[order[rank]];
    physician.decile = static_cast<int>(rank * 10 / n) + 1;
    // The tier whose cumulative share first covers this rank.
    double covered = 0;
    for (const v1::SegmentShare& segment : card.segments()) {
      covered += segment.share();
      physician.tier = segment.tier();
      if (static_cast<double>(rank) < std::round(covered * static_cast<double>(n))) break;
    }
  }
}

}  // namespace callplan::crm::learning
