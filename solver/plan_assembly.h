// Turning an assignment and its routes into the Plan a caller reads: each
// rep's visits in route order with their reasons, every physician left out
// with why, team stats, the deconfliction report and the spreads (internal
// to the plan loop).
#ifndef CALLPLAN_SOLVER_PLAN_ASSEMBLY_H_
#define CALLPLAN_SOLVER_PLAN_ASSEMBLY_H_

#include "solver/assignment/problem.h"
#include "solver/day_routing.h"
#include "solver/distance.h"
#include "solver/plan.h"
#include "solver/territory.h"
#include "solver/time_dimension.h"

namespace callplan {

// `time` is the day's time dimension, or null (visits then carry no times).
Plan AssemblePlan(const Territory& territory, const DistanceTable& table,
                  const TimeDimension* time, const AssignmentProblem& problem,
                  const Assignment& assignment, const RoutedDay& day);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_PLAN_ASSEMBLY_H_
