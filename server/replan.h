// The request a re-plan runs (PlanService.Replan): what is left of a
// stored plan's day after the events, as a PlanDayRequest the engine plans
// like any other. Pure: no store, no engine.
//  - Done: the visits made before now (a visits_made event's actuals, or
//    else every visit of the plan that started before now) become done pins
//    at their times: they never move. An absent rep keeps, at their times,
//    its visits before it left, and its day is locked to them.
//  - Not yet made: every other physician's windows start at now or later.
//  - A cancelled physician is closed today; a new physician must be seen
//    today.
//  - Every other visit of the plan is a continuity visit: keeping it with
//    its rep saves the change penalty (default 100 points), so the engine
//    changes only what it must or what earns more. Nothing is a hard keep,
//    so an INFEASIBLE re-plan proves that nothing fits.
#ifndef CALLPLAN_SERVER_REPLAN_H_
#define CALLPLAN_SERVER_REPLAN_H_

#include "absl/status/statusor.h"
#include "callplan/v1/plan_service.pb.h"
#include "callplan/v1/schedule.pb.h"

namespace callplan {

// Points per changed visit when the request sets none.
inline constexpr double kDefaultChangePenalty = 100;

// INVALID_ARGUMENT naming every bad field of `replan` (events[i].FIELD,
// now_seconds, change_penalty): unknown reps or physicians, times outside
// the day or before it started, a visit made at or after now, a
// cancellation of a visit already made, a new physician whose id exists,
// an event given twice, a negative penalty.
absl::StatusOr<v1::PlanDayRequest> BuildReplan(const v1::PlanDayRequest& planned,
                                       const v1::PlanDayResponse& plan,
                                       const v1::ReplanRequest& replan);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_REPLAN_H_
