// Starting paths for the heuristic router. Both keep local node 0 first and
// size()-1 last and are deterministic (ties go to the lower local node).
#ifndef CALLPLAN_SOLVER_ROUTER_CONSTRUCTION_H_
#define CALLPLAN_SOLVER_ROUTER_CONSTRUCTION_H_

#include <vector>

#include "solver/router/path_problem.h"

namespace callplan::router_internal {

// From the start, always go to the closest stop not yet visited. O(k^2).
std::vector<int> NearestNeighbourPath(const PathProblem& problem);

// From start -> end, repeatedly insert the stop whose cheapest insertion adds
// the least distance. O(k^3), fine for the few hundred stops of a day.
std::vector<int> CheapestInsertionPath(const PathProblem& problem);

// Above this many stops cheapest insertion is skipped: at 5,000 stops its
// O(k^3) alone took minutes (issue 10, finding 1), while nearest neighbour
// followed by local search stays within a second.
inline constexpr int kCheapestInsertionMaxStops = 500;

// The shorter of the two above (nearest neighbour alone beyond
// kCheapestInsertionMaxStops).
std::vector<int> BestConstructedPath(const PathProblem& problem);

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_CONSTRUCTION_H_
