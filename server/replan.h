// The requests a re-plan runs (PlanService.Replan): what is left of a
// stored plan's day after the events, as a PlanDayRequest the engine plans
// like any other. Pure: no store, no engine.
//  - Done: every visit of the plan that started before now becomes a done
//    pin at its time: it never moves. An absent rep keeps, at their times,
//    its visits before it left, and its day is locked to them.
//  - Not yet made: every other physician's windows start at now or later.
//  - A cancelled physician is closed today; a new physician must be seen
//    today.
//  - `keeping` also pins every other visit to its rep (no time, so the
//    router may re-time it): the smallest change. `freely` does not, for
//    when keeping them all cannot hold; only its infeasibility is a proof
//    that nothing fits.
#ifndef CALLPLAN_SERVER_REPLAN_H_
#define CALLPLAN_SERVER_REPLAN_H_

#include "absl/status/statusor.h"
#include "callplan/v1/plan_service.pb.h"
#include "callplan/v1/schedule.pb.h"

namespace callplan {

struct ReplanDays {
  v1::PlanDayRequest keeping;
  v1::PlanDayRequest freely;
};

// INVALID_ARGUMENT naming every bad field of `replan` (events[i].FIELD,
// now_seconds): unknown reps or physicians, times outside the day or
// before it started, a cancellation of a visit already made, a new
// physician whose id exists, an event given twice.
absl::StatusOr<ReplanDays> BuildReplan(const v1::PlanDayRequest& planned,
                                       const v1::PlanDayResponse& plan,
                                       const v1::ReplanRequest& replan);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_REPLAN_H_
