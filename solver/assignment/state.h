// An assignment under construction, with every per-rep, per-team and
// per-physician total kept up to date visit by visit, so heuristics can ask
// "may rep i also visit physician j?" without recounting (internal).
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_STATE_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_STATE_H_

#include <string>
#include <utility>
#include <vector>

#include "solver/assignment/model.h"

namespace callplan {

class AssignmentState {
 public:
  explicit AssignmentState(const AssignmentProblem& problem);
  AssignmentState(const AssignmentProblem& problem, const RepVisits& visits);

  const AssignmentProblem& problem() const { return p_; }
  bool Visits(int i, int j) const { return has_[Index(i, j)]; }
  int VisitCount(int j) const { return physician_visits_[j]; }
  int RepVisitCount(int i) const { return visits_[i]; }
  double RepPotential(int i) const { return potential_[i]; }
  int TeamOf(int i) const { return team_of_[i]; }
  double P(int i, int j) const { return p_.potential[Index(i, j)]; }

  void Add(int i, int j);
  void Remove(int i, int j);

  // Rep i's own limits (visit cap, approximated route cap) hold.
  bool RepFits(int i) const;
  // Team t's workload and potential spreads hold.
  bool TeamFits(int t) const;
  // Team t's realised spreads: max - min visits, max - min potential.
  std::pair<int, double> TeamSpreads(int t) const;
  // Sum over team t's reps of squared distance from its mean potential:
  // what balance repair drives down.
  double PotentialImbalance(int t) const;
  // Physician j may take one more visit from rep i: allowed, under its
  // daily cap, and no other rep of i's team visits j already.
  bool CanTake(int i, int j) const;
  // CanTake, and rep i's own limits still hold with the visit added. Tries
  // the visit and takes it back, hence not const.
  bool CanAdd(int i, int j);
  // The first limit adding visit (i, j) would break, in words; "" if none.
  // Tries the visit and takes it back, hence not const.
  std::string WhyNot(int i, int j);

  RepVisits Visits() const;

 private:
  size_t Index(int i, int j) const {
    return static_cast<size_t>(i) * p_.num_physicians + j;
  }
  const AssignmentProblem& p_;
  std::vector<int> team_of_;
  std::vector<bool> has_;
  std::vector<int> physician_visits_;
  std::vector<int> visits_;
  std::vector<double> potential_, distance_;
};

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_STATE_H_
