#include "solver/route_conflicts.h"

#include <algorithm>
#include <set>

#include "absl/time/clock.h"
#include "solver/assignment/families.h"
#include "solver/assignment/pins.h"

namespace callplan {
namespace {

// The capacity rows (route_capacity.h) already forbid the rep all of `set`.
bool CapacityRulesOut(const AssignmentProblem& problem, int rep, const std::vector<int>& set) {
  for (const RepCapacity& capacity : problem.capacities) {
    if (capacity.capacity[rep] <= 0) continue;
    double weight = 0;
    for (int j : set) weight += capacity.weight[PairIndex(problem, rep, j)];
    if (weight > capacity.capacity[rep]) return true;
  }
  return false;
}

// One rep's search: sets of its candidates by size, none holding a misfit
// already found.
class RepConflicts {
 public:
  RepConflicts(const AssignmentProblem& problem, const DayRouter& router, int rep,
               absl::Time until, const std::function<bool()>& should_stop)
      : problem_(problem), router_(router), fit_(router.FitTestFor(rep)), rep_(rep),
        until_(until),
        should_stop_(should_stop) {
    // A manager's pin is judged by the loop from the real day (a pin that
    // cannot hold is explained as such), not ruled out here.
    for (int j = 0; j < problem.num_physicians; ++j) {
      if (PairInModel(problem, rep, j) && PinOf(problem, rep, j) == nullptr) {
        candidates_.push_back(j);
      }
    }
  }

  // Sets of `size` visits; false when time ran out.
  absl::StatusOr<bool> Search(int size, std::vector<ForbiddenVisitSet>& found) {
    std::vector<int> set;
    return Extend(0, size, set, found);
  }

 private:
  absl::StatusOr<bool> Extend(size_t from, int size, std::vector<int>& set,
                              std::vector<ForbiddenVisitSet>& found) {
    if (static_cast<int>(set.size()) == size) return Test(set, found);
    for (size_t k = from; k < candidates_.size(); ++k) {
      set.push_back(candidates_[k]);
      absl::StatusOr<bool> more =
          HoldsMisfit(set) ? absl::StatusOr<bool>(true) : Extend(k + 1, size, set, found);
      set.pop_back();
      if (!more.ok() || !*more) return more;
    }
    return true;
  }

  absl::StatusOr<bool> Test(const std::vector<int>& set, std::vector<ForbiddenVisitSet>& found) {
    if ((should_stop_ && should_stop_()) || absl::Now() >= until_) return false;
    if (CapacityRulesOut(problem_, rep_, set) || router_.SurelyFits(rep_, set)) return true;
    absl::StatusOr<RouteFit> fit = fit_(set);
    if (!fit.ok()) return fit.status();
    if (!fit->fits && fit->proven) {
      misfits_.insert(set);
      found.push_back({rep_, set, true, true, fit->why});
    }
    return true;
  }

  // A misfit single found already is part of `set`, or a misfit pair ends
  // it (the sets a larger one can hold, checked as each visit is added).
  bool HoldsMisfit(const std::vector<int>& set) const {
    const int last = set.back();
    if (misfits_.count({last}) > 0) return true;
    for (size_t k = 0; k + 1 < set.size(); ++k) {
      if (misfits_.count({set[k], last}) > 0) return true;
    }
    return false;
  }

  const AssignmentProblem& problem_;
  const DayRouter& router_;
  const FitTest fit_;
  const int rep_;
  const absl::Time until_;
  const std::function<bool()>& should_stop_;
  std::vector<int> candidates_;
  std::set<std::vector<int>> misfits_;
};

}  // namespace

bool SmallEnoughForConflictsUpFront(const AssignmentProblem& problem) {
  return problem.num_reps * problem.num_physicians <= kMostPairsForConflictsUpFront;
}

absl::StatusOr<std::vector<ForbiddenVisitSet>> SmallRouteConflicts(
    const AssignmentProblem& problem, const DayRouter& router, absl::Time until,
    const std::function<bool()>& should_stop) {
  std::vector<RepConflicts> reps;
  for (int i = 0; i < problem.num_reps; ++i) {
    reps.emplace_back(problem, router, i, until, should_stop);
  }
  std::vector<ForbiddenVisitSet> found;
  // All reps' singles, then all pairs: the smallest sets rule out the
  // most, and time may run out between sizes.
  for (int size = 1; size <= kLargestConflictLearnt; ++size) {
    for (int i = 0; i < problem.num_reps; ++i) {
      const uint32_t cap = problem.max_visits[i];
      if (cap != 0 && static_cast<int>(cap) < size) continue;
      absl::StatusOr<bool> finished = reps[i].Search(size, found);
      if (!finished.ok()) return finished.status();
      if (!*finished) return found;
    }
  }
  return found;
}

}  // namespace callplan
