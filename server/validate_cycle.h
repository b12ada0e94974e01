// Validation of a call cycle (issue 12), in the style of validate.h: runs
// before any work, reports every problem at once, each named from the
// request's root, e.g.
//   territory.physicians[2].tier: unknown tier "D" (tiers: A, B, C)
//   tiers[1].calls.min_calls: is 3, more than target_calls (2)
// The territory is checked by ValidatePlanDayRequest (its fields prefixed
// "territory."), except that its date must be empty: first_date and
// last_date say the days.
#ifndef CALLPLAN_SERVER_VALIDATE_CYCLE_H_
#define CALLPLAN_SERVER_VALIDATE_CYCLE_H_

#include <vector>

#include "callplan/v1/cycle.pb.h"
#include "server/validate.h"

namespace callplan {

std::vector<FieldViolation> ValidatePlanCycleRequest(
    const v1::PlanCycleRequest& request, const ProblemLimits& limits = {});

}  // namespace callplan

#endif  // CALLPLAN_SERVER_VALIDATE_CYCLE_H_
