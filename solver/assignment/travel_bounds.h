// Lower bounds on a rep's travel, for the route capacity rows (internal):
// every route enters and leaves each of its visits once, from the rep's home
// or from another physician, so half the shortest way in plus half the
// shortest way out of each visit never exceeds the route's real length.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_TRAVEL_BOUNDS_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_TRAVEL_BOUNDS_H_

#include <functional>
#include <vector>

namespace callplan {

// Beyond this many physicians the physician-to-physician part (O(P^2)) is
// skipped and only the home legs bound the route (still valid, weaker).
inline constexpr int kMaxPhysiciansForNearestLinks = 3000;

// cost(a, b) between places 0..places-1; physicians are places
// first..first+count-1.
using PlaceCost = std::function<double(int from, int to)>;

// Per physician, the cheapest way in from another physician and out to
// another physician (infinity when there is no other).
struct NearestLinks {
  std::vector<double> in, out;
};
NearestLinks NearestPhysicianLinks(const PlaceCost& cost, int first, int count);

// (min(cost(home, j), in_j) + min(cost(j, home), out_j)) / 2.
double HalfLinkBound(const NearestLinks& links, int j, double from_home,
                     double to_home);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_TRAVEL_BOUNDS_H_
