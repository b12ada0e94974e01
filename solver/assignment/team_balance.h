// The team balance family's tests that the warm start's balance repair needs
// on their own (the family itself is in families.h).
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_TEAM_BALANCE_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_TEAM_BALANCE_H_

#include <vector>

#include "solver/assignment/problem.h"
#include "solver/assignment/state.h"

namespace callplan {

// The team's reps its spreads compare (InBalance: not a locked day).
std::vector<int> BalancedReps(const AssignmentProblem& problem, const BalanceGroup& team);

// Team t's workload spread holds (its potential spread may not).
bool WorkloadSpreadHolds(const AssignmentState& state, int team);
// Both of team t's spreads hold.
bool TeamBalanceHolds(const AssignmentState& state, int team);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_TEAM_BALANCE_H_
