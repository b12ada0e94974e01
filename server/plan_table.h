// A plan as a table a person reads: each rep's visits in route order with
// leg distance and potential, then the left-out physicians and the stats.
#ifndef CALLPLAN_SERVER_PLAN_TABLE_H_
#define CALLPLAN_SERVER_PLAN_TABLE_H_

#include <string>

#include "callplan/v1/schedule.pb.h"

namespace callplan {

std::string PlanAsTable(const v1::PlanDayRequest& request,
                        const v1::PlanDayResponse& response);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_PLAN_TABLE_H_
