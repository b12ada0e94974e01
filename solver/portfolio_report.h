// What a portfolio manager reads after a joint solve of several teams: each
// team's share of the plan, and every physician more than one team wanted,
// who got it and why.
#ifndef CALLPLAN_SOLVER_PORTFOLIO_REPORT_H_
#define CALLPLAN_SOLVER_PORTFOLIO_REPORT_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "solver/assignment/model.h"
#include "solver/plan.h"
#include "solver/territory.h"

namespace callplan {

// The workload and potential spreads over the rep days `compared` selects
// (by rep index) among those the fairness bounds compare (InBalance); zero
// when there are none.
struct DaySpreads {
  uint32_t workload = 0;
  double potential = 0;
};
DaySpreads SpreadsOf(const AssignmentProblem& problem,
                     const std::vector<RepDay>& rep_days,
                     const std::function<bool(int rep)>& compared);

// One entry per team of the territory (none without teams), from the plan's
// rep days; objectives add up to the plan's, spreads are over the reps the
// bounds compare (InBalance).
std::vector<TeamStats> TeamStatsOf(const Territory& territory,
                                   const AssignmentProblem& problem,
                                   const std::vector<RepDay>& rep_days);

// Physicians with positive potential for reps of two or more teams.
std::vector<Conflict> ConflictsOf(const Territory& territory,
                                  const AssignmentProblem& problem,
                                  const RepVisits& visits);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_PORTFOLIO_REPORT_H_
