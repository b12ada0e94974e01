// An assignment under construction, with every per-rep, per-team and
// per-physician total kept up to date visit by visit, so heuristics can ask
// "may rep i also visit physician j?" without recounting (internal). The
// answers come from the constraint families (families.h); the state only
// keeps the totals they read.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_STATE_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_STATE_H_

#include <string>
#include <utility>
#include <vector>

#include "solver/assignment/problem.h"

namespace callplan {

class AssignmentState {
 public:
  explicit AssignmentState(const AssignmentProblem& problem);
  AssignmentState(const AssignmentProblem& problem, const RepVisits& visits);

  const AssignmentProblem& problem() const { return p_; }
  bool Visits(int i, int j) const { return has_[Index(i, j)]; }
  int VisitCount(int j) const { return physician_visits_[j]; }
  // Visits of physician j by reps of team t.
  int TeamVisitCount(int t, int j) const {
    return team_visits_[static_cast<size_t>(t) * p_.num_physicians + j];
  }
  // Rep i's physicians, in no particular order.
  const std::vector<int>& VisitsOf(int i) const { return visits_of_[i]; }
  int RepVisitCount(int i) const { return visits_[i]; }
  double RepPotential(int i) const { return potential_[i]; }
  // sum_j weight_ij of rep i's visits, for problem.capacities[k].
  double CapacityUsed(size_t k, int i) const {
    return used_[k * p_.num_reps + i];
  }
  int TeamOf(int i) const { return team_of_[i]; }
  double P(int i, int j) const { return p_.potential[Index(i, j)]; }
  // What the objective gains from visit (i, j) (problem.h's Earning).
  double E(int i, int j) const { return Earning(p_, i, j); }

  void Add(int i, int j);
  void Remove(int i, int j);

  // Every family allows the pair and the visit (i, j) could be added
  // without breaking a cap, a capacity, coverage or a forbidden set
  // (ConstraintFamily::AllowsPair and AllowsAdding).
  bool CanAdd(int i, int j) const;
  // Every family's constraints on rep i and its team hold.
  bool Holds(int i) const;
  // The same for a state changed only by CanAdd-approved adds and by
  // removals: the non-monotone families alone (ConstraintFamily::monotone).
  bool HoldsAfterMoves(int i) const;
  // The first family's reason why rep i may not also visit j; "" if none.
  std::string WhyNot(int i, int j) const;

  // Team t's realised spreads: max - min visits, max - min potential.
  std::pair<int, double> TeamSpreads(int t) const;
  // Sum over team t's reps of squared distance from its mean potential:
  // what balance repair drives down.
  double PotentialImbalance(int t) const;
  // The same if reps a and b (both of team t) had potentials pa and pb.
  double ImbalanceIf(int t, int a, double pa, int b, double pb) const;

  RepVisits Visits() const;

 private:
  void SetPotential(int i, double potential);
  size_t Index(int i, int j) const {
    return static_cast<size_t>(i) * p_.num_physicians + j;
  }
  const AssignmentProblem& p_;
  std::vector<int> team_of_;
  std::vector<bool> has_;
  std::vector<int> physician_visits_;
  std::vector<int> team_visits_;  // [team][physician]
  std::vector<std::vector<int>> visits_of_;
  std::vector<int> position_;  // of j in visits_of_[i], per (i, j)
  std::vector<int> visits_;
  std::vector<double> potential_;
  // Per team: sum and sum of squares of its reps' potentials.
  std::vector<double> team_sum_, team_squares_;
  std::vector<double> used_;  // [capacity][rep]
};

// Per rep, the team (index into problem.teams) it is balanced in.
std::vector<int> TeamOfRep(const AssignmentProblem& problem);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_STATE_H_
