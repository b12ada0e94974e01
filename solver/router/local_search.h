// Local search for the heuristic router: 2-opt and Or-opt on a path whose two
// ends (local nodes 0 and size()-1) stay fixed.
//
// Distances may be asymmetric: a 2-opt move reverses a segment, so its cost
// change includes the segment's reversed internal length, read in O(1) from
// prefix sums of the path taken forwards and backwards. Or-opt moves a
// segment of 1-3 stops elsewhere, as is or reversed (same accounting).
// Moves are looked for around "active" nodes only, among each node's nearest
// neighbours, so after a small perturbation the repair costs little more than
// the size of the perturbation. Everything is deterministic.
#ifndef CALLPLAN_SOLVER_ROUTER_LOCAL_SEARCH_H_
#define CALLPLAN_SOLVER_ROUTER_LOCAL_SEARCH_H_

#include <deque>
#include <functional>
#include <vector>

#include "solver/router/path_problem.h"

namespace callplan::router_internal {

class LocalSearch {
 public:
  // `neighbours`: how many nearest nodes each node considers linking to.
  explicit LocalSearch(const PathProblem& problem, int neighbours = 10);

  // Takes `path` (0 first, size()-1 last) and activates the nodes in
  // `touched`, or every node when `touched` is empty.
  void SetPath(std::vector<int> path, const std::vector<int>& touched = {});

  // Applies improving moves until no active node has one left, or until
  // `should_stop` (polled every few dozen moves; may be empty) says so. The
  // path is a valid path at every moment, so a stopped run still has one.
  void Run(const std::function<bool()>& should_stop = {});

  const std::vector<int>& path() const { return path_; }
  double Length() const { return problem_.Length(path_); }

 private:
  struct Move {
    enum Kind { kNone, kTwoOpt, kOrOpt } kind = kNone;
    int first = 0;   // 2-opt: reversed range [first, last]; Or-opt: segment start
    int last = 0;    // Or-opt: segment length
    int slot = 0;    // Or-opt: insert between positions slot and slot + 1
    bool reversed = false;
    double delta = 0;
  };

  void Activate(int node);
  void RecomputePrefixes(int from_position);
  bool ImproveAround(int node);
  void ConsiderTwoOpt(int first, int last, Move* best) const;
  void ConsiderOrOpt(int start, int length, int slot, bool reversed,
                     Move* best) const;
  void ConsiderOrOptAround(int position, Move* best) const;
  void ApplyTwoOpt(int first, int last);
  void ApplyOrOpt(int start, int length, int slot, bool reversed);
  double d(int from, int to) const { return problem_(from, to); }

  const PathProblem& problem_;
  std::vector<std::vector<int>> neighbours_;
  double epsilon_ = 0;  // improvements smaller than rounding noise are not
  std::vector<int> path_;
  std::vector<int> position_;
  std::vector<double> forward_;   // forward_[p]: length of path_[0..p]
  std::vector<double> backward_;  // same, each edge taken backwards
  std::deque<int> active_;
  std::vector<char> is_active_;
};

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_LOCAL_SEARCH_H_
