// The last resort of the plan loop on a day with time (internal): when the
// loop ends (time or iterations out) with reps whose day still does not fit
// their shift and the physicians' hours, a plan with such a day cannot be
// followed. Each such rep drops its optional visits, least potential first,
// until its day fits the time (a distance cap still broken is reported, as
// without time); required and pinned visits stay. The caller reports what was
// dropped and any bound the smaller days break.
#ifndef CALLPLAN_SOLVER_MISFIT_REPAIR_H_
#define CALLPLAN_SOLVER_MISFIT_REPAIR_H_

#include <vector>

#include "absl/status/statusor.h"
#include "solver/assignment/problem.h"
#include "solver/day_routing.h"

namespace callplan {

// Updates `visits` and `day` in place; the physicians dropped, per rep
// (physician indices).
absl::StatusOr<std::vector<std::vector<int>>> DropUntilDaysFit(
    const DayRouter& router, const AssignmentProblem& problem,
    RepVisits& visits, RoutedDay& day);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_MISFIT_REPAIR_H_
