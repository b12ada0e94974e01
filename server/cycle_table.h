// A cycle plan as a table a person reads: each day's routes, each
// physician-team's calls against target (with the reason when below), each
// rep's weeks and the cycle's stats. Per-day details (times, distances)
// are in the JSON.
#ifndef CALLPLAN_SERVER_CYCLE_TABLE_H_
#define CALLPLAN_SERVER_CYCLE_TABLE_H_

#include <string>

#include "callplan/v1/cycle.pb.h"

namespace callplan {

std::string CycleAsTable(const v1::PlanCycleRequest& request,
                         const v1::PlanCycleResponse& response);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_CYCLE_TABLE_H_
