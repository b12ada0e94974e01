// The plan loop of Hertel & Gautam (section 3.2): assign physicians to reps
// with the approximated distance constraint, route every rep's day, and for
// each rep whose real route exceeds its cap raise that rep's safety factor
// and assign again, until every route fits or the iteration cap is reached.
//
// Contract: PlanDay never throws and never returns an error for a plan that
// merely cannot exist: that is a Plan with status kInfeasible and an
// explanation. Errors are for malformed territories (InvalidArgument) and
// for time running out before any plan was found (DeadlineExceeded).
// Same territory and options, same plan.
#ifndef CALLPLAN_SOLVER_PLANNER_H_
#define CALLPLAN_SOLVER_PLANNER_H_

#include "absl/status/statusor.h"
#include "solver/plan.h"
#include "solver/solve_options.h"
#include "solver/territory.h"

namespace callplan {

absl::StatusOr<Plan> PlanDay(const Territory& territory,
                             const SolveOptions& options,
                             const SolveControl& control = {});

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_PLANNER_H_
