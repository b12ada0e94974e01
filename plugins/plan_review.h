// The review of a stored plan a manager reads before approving it: its
// state and history, the pins, forbidden visits and locked days it was
// planned with, and per rep what changes against the plan published
// for the same day (visits added, dropped, moved, re-timed; potential,
// route and fairness before and after). Text for the terminal; names from
// the CRM bundle when one is given.
#ifndef CALLPLAN_PLUGINS_PLAN_REVIEW_H_
#define CALLPLAN_PLUGINS_PLAN_REVIEW_H_

#include <string>

#include "callplan/v1/plan_service.pb.h"
#include "plugins/crm_bundle.h"

namespace callplan::crm {

// `bundle` may be null (ids only).
std::string PlanReviewText(const v1::StoredPlan& plan, const v1::PlanDiff& diff,
                           const CrmBundle* bundle);

// "DRAFT", "APPROVED", ... as people read them.
std::string PlanStateWord(v1::PlanState state);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_PLAN_REVIEW_H_
