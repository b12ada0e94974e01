// The rules of a PlanDistricts batch itself, apart from its districts' days:
// what makes the whole call INVALID_ARGUMENT (no districts, a district
// without an id or with one used before, more than limits.max_districts),
// and how one district's outcome becomes its DistrictResult. A district's
// own problems (its day invalid, infeasible, out of time) are never batch
// problems: they become that district's error, so one bad district cannot
// keep the rest of a field force from being planned.
#ifndef CALLPLAN_SERVER_DISTRICT_BATCH_H_
#define CALLPLAN_SERVER_DISTRICT_BATCH_H_

#include <vector>

#include "absl/status/statusor.h"
#include "callplan/v1/planner_service.pb.h"
#include "server/validate.h"

namespace callplan {

// Every batch-level problem, e.g.
//   districts[3].district_id: "D7" appears twice (first at districts[1])
std::vector<FieldViolation> ValidatePlanDistrictsRequest(
    const v1::PlanDistrictsRequest& request, const ProblemLimits& limits);

// The result for districts[index]: the plan, or an error whose field
// violations are named from the batch's root ("districts[2].day.reps[0]...").
// An INFEASIBLE plan is an error (FAILED_PRECONDITION) carrying its
// Infeasibility: the district has no plan to write.
v1::DistrictResult DistrictResultOf(
    const v1::PlanDistrictsRequest& request, int index,
    const absl::StatusOr<v1::PlanDayResponse>& outcome);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_DISTRICT_BATCH_H_
