// The plan loop after Hertel & Gautam (section 3.2): assign physicians to
// reps, route every rep's day, and learn from the routes that do not fit,
// until every route fits or time or the iteration cap runs out.
//
// The model's route rows are necessary conditions of a real route, never
// the paper's approximation f * sum D_ij, which called feasible days
// infeasible (issue 9). A rep's exact route that does not fit becomes a
// forbidden set: a smallest set of its visits no order of which fits
// (route_learning.h). A heuristic route (more stops than the exact router
// takes) proves nothing and only guides the search; a model that has no
// plan while guides are in it is solved again without them.
//
// Contract: PlanDay never throws and never returns an error for a plan that
// merely cannot exist: that is a Plan with status kInfeasible, and only when
// no plan within the real caps exists (proven), with an explanation. A plan
// whose reps are still over a cap says why (time ran out, the iteration cap,
// or only heuristic routes to learn from). OPTIMAL means optimal for the
// real day; with guides in the final model the status is FEASIBLE and the
// bound is the last one proven without them. Errors are for malformed
// territories (InvalidArgument) and for time running out before any plan
// was found (DeadlineExceeded). Same territory and options, same plan.
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
