// Internal to the router: one day's route as an open path over local nodes.
//
// Local node 0 is the start, size()-1 the end and 1..size()-2 the stops, so a
// round trip (start == end) and an open path to another end are the same
// problem: a path with both ends fixed. Distances are copied into a dense
// local matrix so the solvers never translate indices in their inner loops.
#ifndef CALLPLAN_SOLVER_ROUTER_PATH_PROBLEM_H_
#define CALLPLAN_SOLVER_ROUTER_PATH_PROBLEM_H_

#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include "solver/distance.h"

namespace callplan::router_internal {

class PathProblem {
 public:
  PathProblem(const DistanceTable& table, int start, int end)
      : symmetric_(table.symmetric()) {
    nodes_.push_back(start);
    for (int node = 0; node < table.size(); ++node) {
      if (node != start && node != end) nodes_.push_back(node);
    }
    nodes_.push_back(end);
    size_ = static_cast<int>(nodes_.size());
    distances_.resize(static_cast<size_t>(size_) * size_);
    for (int from = 0; from < size_; ++from) {
      for (int to = 0; to < size_; ++to) {
        const double d = table(nodes_[from], nodes_[to]);
        distances_[static_cast<size_t>(from) * size_ + to] = d;
        if (std::isnan(d) && nan_from_ < 0) {
          nan_from_ = nodes_[from];
          nan_to_ = nodes_[to];
        }
      }
    }
  }

  // The first pair of table places whose distance is not a number, if any
  // ({-1, -1} otherwise): checked while copying, so a lazily computed table
  // is read once.
  std::pair<int, int> FirstNotANumber() const { return {nan_from_, nan_to_}; }

  int size() const { return size_; }  // stops + 2
  // d(a, b) == d(b, a) for every pair (a geometric table).
  bool symmetric() const { return symmetric_; }
  int stops() const { return size_ - 2; }
  double operator()(int from, int to) const {
    return distances_[static_cast<size_t>(from) * size_ + to];
  }
  int original(int local) const { return nodes_[local]; }

  // Length of a path given as local nodes in visiting order.
  double Length(const std::vector<int>& path) const {
    double total = 0;
    for (size_t i = 0; i + 1 < path.size(); ++i) {
      total += (*this)(path[i], path[i + 1]);
    }
    return total;
  }

 private:
  bool symmetric_ = false;
  int size_ = 0;
  int nan_from_ = -1, nan_to_ = -1;
  std::vector<int> nodes_;  // local -> table index
  std::vector<double> distances_;
};

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_PATH_PROBLEM_H_
