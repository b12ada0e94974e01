// What the plan loop learns from a rep's real route that does not fit its
// route cap (and, with time, its shift and the physicians' hours): a
// smallest set of its visits whose exact route still does not fit, which
// becomes a forbidden set (assignment/forbidden_sets.cc). Smallest sets rule
// out far more days than the whole route would: with the triangle
// inequality, every day containing them.
#ifndef CALLPLAN_SOLVER_ROUTE_LEARNING_H_
#define CALLPLAN_SOLVER_ROUTE_LEARNING_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace callplan {

// Whether one set of a rep's visits can be routed within its caps.
struct RouteFit {
  bool fits = true;
  // The verdict holds for every order (an exact route), not just the one
  // a heuristic found.
  bool proven = true;
  std::string why;  // when it does not fit, in words
};
using FitTest =
    std::function<absl::StatusOr<RouteFit>(const std::vector<int>& physicians)>;

// `physicians` (whose route is proven not to fit) shrunk one visit at a time
// to a set that still provably does not fit, and why it does not. Stops
// shrinking (keeping what it has, which is still valid) when `should_stop`
// says so.
struct Misfit {
  std::vector<int> physicians;  // ascending
  std::string why;
};
absl::StatusOr<Misfit> SmallestMisfit(std::vector<int> physicians,
                                      const std::string& why,
                                      const FitTest& fit,
                                      const std::function<bool()>& should_stop);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ROUTE_LEARNING_H_
