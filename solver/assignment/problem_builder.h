// Turning a territory-day into the numbers of the assignment model: the
// potential and home distance of every (rep, physician) pair and each rep's
// bounds after per-rep overrides of the admin's fairness bounds.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_PROBLEM_BUILDER_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_PROBLEM_BUILDER_H_

#include "absl/status/statusor.h"
#include "solver/assignment/model.h"
#include "solver/distance.h"
#include "solver/territory.h"
#include "solver/time_dimension.h"

namespace callplan {

// `table` must be DistanceTable::ForTerritory(territory), `time` (null when
// the day has no time dimension) TimeDimension::Of(territory, table). A
// rep's own max_route_distance / max_visits (non-zero) override the
// fairness bounds.
absl::StatusOr<AssignmentProblem> BuildAssignmentProblem(
    const Territory& territory, const DistanceTable& table,
    const TimeDimension* time = nullptr);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_PROBLEM_BUILDER_H_
