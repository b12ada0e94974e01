#include "solver/router/construction.h"

#include <limits>
#include <vector>

namespace callplan::router_internal {

std::vector<int> NearestNeighbourPath(const PathProblem& problem) {
  const int end = problem.size() - 1;
  std::vector<bool> visited(problem.size(), false);
  std::vector<int> path = {0};
  int current = 0;
  for (int step = 0; step < problem.stops(); ++step) {
    int next = -1;
    double closest = std::numeric_limits<double>::infinity();
    for (int stop = 1; stop < end; ++stop) {
      if (visited[stop]) continue;
      const double d = problem(current, stop);
      if (next < 0 || d < closest) {
        next = stop;
        closest = d;
      }
    }
    visited[next] = true;
    path.push_back(next);
    current = next;
  }
  path.push_back(end);
  return path;
}

std::vector<int> CheapestInsertionPath(const PathProblem& problem) {
  const int end = problem.size() - 1;
  std::vector<bool> inserted(problem.size(), false);
  std::vector<int> path = {0, end};
  for (int step = 0; step < problem.stops(); ++step) {
    int best_stop = -1;
    size_t best_slot = 0;
    double best_added = std::numeric_limits<double>::infinity();
    for (int stop = 1; stop < end; ++stop) {
      if (inserted[stop]) continue;
      for (size_t slot = 0; slot + 1 < path.size(); ++slot) {
        const int a = path[slot];
        const int b = path[slot + 1];
        const double added = problem(a, stop) + problem(stop, b) - problem(a, b);
        if (best_stop < 0 || added < best_added) {
          best_stop = stop;
          best_slot = slot;
          best_added = added;
        }
      }
    }
    inserted[best_stop] = true;
    path.insert(path.begin() + static_cast<long>(best_slot) + 1, best_stop);
  }
  return path;
}

std::vector<int> BestConstructedPath(const PathProblem& problem) {
  std::vector<int> nearest = NearestNeighbourPath(problem);
  if (problem.stops() > kCheapestInsertionMaxStops) return nearest;
  std::vector<int> insertion = CheapestInsertionPath(problem);
  return problem.Length(insertion) <= problem.Length(nearest) ? insertion
                                                              : nearest;
}

}  // namespace callplan::router_internal
