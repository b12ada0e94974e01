// Local search for the timed heuristic router: relocate / Or-opt (segments
// of 1-3 stops, as is or reversed), 2-opt (a reversed segment) and swap, on
// an order whose two ends stay fixed, each move's schedule evaluated exactly
// (ScheduleEvaluator: breaks placed optimally for the new order).
//
// Orders compare by (warp, distance, return): an infeasible start is
// repaired first, then shortened, then brought home earlier. While the order
// is feasible a move is only timed when its distance change (O(1), asymmetric
// tables included, via prefix sums forwards and backwards) could improve,
// and insertions between places whose windows rule the pair out are skipped;
// so most moves cost O(1).
//
// As in the untimed LocalSearch, moves are looked for around "active" stops,
// so a perturbation is repaired around its endpoints. Deterministic.
#ifndef CALLPLAN_SOLVER_ROUTER_TIMED_LOCAL_SEARCH_H_
#define CALLPLAN_SOLVER_ROUTER_TIMED_LOCAL_SEARCH_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include "solver/router/schedule.h"
#include "solver/router/timed_problem.h"

namespace callplan::router_internal {

struct SearchCost {
  int64_t warp = 0;
  double distance = 0;
  int64_t return_seconds = 0;
};

// a better than b, distances within `epsilon` being equal.
bool Better(const SearchCost& a, const SearchCost& b, double epsilon);

class TimedLocalSearch {
 public:
  explicit TimedLocalSearch(const TimedProblem& problem);

  // Takes `order` (start first, end last) and activates the stops in
  // `touched`, or every stop when `touched` is empty.
  void SetOrder(std::vector<int> order, const std::vector<int>& touched = {});
  // Applies improving moves until no active stop has one, or should_stop
  // (polled between stops; may be empty) says so.
  void Run(const std::function<bool()>& should_stop = {});

  const std::vector<int>& order() const { return order_; }
  SearchCost cost() const { return cost_; }
  double epsilon() const { return epsilon_; }

 private:
  struct Candidate {
    int first = 0;  // positions [first, first + nodes.size()) change
    std::vector<int> nodes;
    SearchCost cost;
    bool found = false;
  };

  bool ImproveAround(int stop);
  void TryOrOpt(int position, int length, Candidate* best);
  void TryTwoOpt(int position, Candidate* best);
  void TrySwap(int position, Candidate* best);
  // Times the move whose new positions [first, first + nodes.size()) cost
  // `delta` more distance, and keeps it in *best if it beats it and cost_.
  void Consider(int first, double delta, Candidate* best);
  void Apply(const Candidate& move);
  void Activate(int stop);
  void RecomputePrefixes(int from_position);
  // Windows allow `to` right after `from` at all.
  bool MayFollow(int from, int to) const;
  double d(int from, int to) const { return problem_.distance(from, to); }

  const TimedProblem& problem_;
  ScheduleEvaluator evaluator_;
  double epsilon_ = 0;
  std::vector<int64_t> earliest_ready_;  // per node, windows only
  std::vector<int> order_;
  std::vector<int> position_;
  std::vector<double> forward_, backward_;
  SearchCost cost_;
  std::vector<int> move_nodes_;  // scratch for the move being timed
  std::deque<int> active_;
  std::vector<char> is_active_;
};

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_TIMED_LOCAL_SEARCH_H_
