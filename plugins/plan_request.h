// Turns a CRM bundle into the PlanDayRequest the sidecar plans: homes and
// practices as lat/lng (great-circle kilometres), potentials per product,
// the territory's fairness bounds and solve budget, the brand teams with
// their policies, contact rules and the call history, and the day's time:
// every rep's shift (its own or the territory's day), lunch and speed, the
// physicians' weekly office hours, closed dates and visit lengths (the
// sidecar reduces them to the planned date), the territory's visit length
// and speed. Times are seconds after local midnight in the territory's
// zone; the engine never sees a zone. Reps who do not work `date`
// (working_days, reps_days_off.csv) are left out; with an empty date (a
// call cycle's territory, cycle_request.h) every rep is in.
#ifndef CALLPLAN_PLUGINS_PLAN_REQUEST_H_
#define CALLPLAN_PLUGINS_PLAN_REQUEST_H_

#include <string>

#include "callplan/v1/schedule.pb.h"
#include "plugins/crm_bundle.h"

namespace callplan::crm {

v1::PlanDayRequest BuildPlanDayRequest(const CrmBundle& bundle,
                                       const std::string& date);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_PLAN_REQUEST_H_
