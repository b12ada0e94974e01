#include "solver/assignment/travel_bounds.h"

#include <algorithm>
#include <limits>

namespace callplan {

NearestLinks NearestPhysicianLinks(const PlaceCost& cost, int first, int count) {
  constexpr double kNone = std::numeric_limits<double>::infinity();
  NearestLinks links{std::vector<double>(count, kNone),
                     std::vector<double>(count, kNone)};
  if (count > kMaxPhysiciansForNearestLinks) {
    links.in.assign(count, 0);
    links.out.assign(count, 0);
    return links;
  }
  for (int a = 0; a < count; ++a) {
    for (int b = 0; b < count; ++b) {
      if (a == b) continue;
      const double c = cost(first + a, first + b);
      links.out[a] = std::min(links.out[a], c);
      links.in[b] = std::min(links.in[b], c);
    }
  }
  return links;
}

double HalfLinkBound(const NearestLinks& links, int j, double from_home,
                     double to_home) {
  return (std::min(from_home, links.in[j]) + std::min(to_home, links.out[j])) / 2;
}

}  // namespace callplan
