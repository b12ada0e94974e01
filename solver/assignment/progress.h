// Progress in the user's terms (internal to solver/): the gap between a
// plan and a bound, and the report of a plan the solve already holds (the
// warm start, a better neighbourhood), so that every report a caller sees
// is computed the same way, from the solve's own start.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_PROGRESS_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_PROGRESS_H_

#include "absl/time/time.h"
#include "solver/solve_options.h"

namespace callplan {

// (bound - objective) / max(1, |bound|), never below zero; maximisation.
double RelativeGap(double bound, double objective);

// Calls control.on_progress (when set) with a plan worth `objective`
// against `bound` (raised to the objective if below it), `started` being
// when the solve began.
void ReportPlanInHand(double objective, double bound, absl::Time started,
                      const SolveControl& control);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_PROGRESS_H_
