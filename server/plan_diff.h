// What changed between two plans of a territory-day, visit by visit and rep
// by rep, as a manager reviewing a draft against the published plan (or a
// re-plan against the plan it re-plans) reads it. Pure: no store, no gRPC.
#ifndef CALLPLAN_SERVER_PLAN_DIFF_H_
#define CALLPLAN_SERVER_PLAN_DIFF_H_

#include "callplan/v1/plan_service.pb.h"
#include "callplan/v1/schedule.pb.h"

namespace callplan {

// `base` may be empty (no plan yet: every visit is ADDED). A physician seen
// by the same rep in both is unchanged or RETIMED; one seen by another rep
// is MOVED; the rest are ADDED or DROPPED. A physician with several visits
// (several teams) is matched rep by rep first, then in order. The plan ids
// are left for the caller to fill in.
v1::PlanDiff DiffPlans(const v1::PlanDayResponse& base,
                       const v1::PlanDayResponse& plan);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_PLAN_DIFF_H_
