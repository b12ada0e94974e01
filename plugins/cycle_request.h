// Turns a CRM bundle into the PlanCycleRequest the sidecar plans for a call
// cycle (issue 12): the territory is the day request's (plan_request.h)
// with an empty date, so reps, physicians with their weekly office hours
// and closed dates, teams, contact rules (min_days_between_visits is the
// days between calls) and history reach the cycle exactly as they reach a
// day; beside it the cycle's dates, each rep's working days and days off,
// the tiers with their targets and response curves, per-physician targets,
// the cycle's fairness and the default response.
#ifndef CALLPLAN_PLUGINS_CYCLE_REQUEST_H_
#define CALLPLAN_PLUGINS_CYCLE_REQUEST_H_

#include <string>

#include "callplan/v1/cycle.pb.h"
#include "plugins/crm_bundle.h"

namespace callplan::crm {

v1::PlanCycleRequest BuildPlanCycleRequest(const CrmBundle& bundle,
                                           const std::string& first_date,
                                           const std::string& last_date);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_CYCLE_REQUEST_H_
