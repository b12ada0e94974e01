// The review of a stored plan as one HTML page a manager opens from the
// CRM: the same facts as PlanReviewText (state, history, per rep every
// visit added, dropped, moved or re-timed against the published plan,
// potential and fairness before and after), laid out as tables, with the
// plan's route map inline when the bundle is given.
//
// Self-contained: one file, inline CSS and SVG, no script, nothing
// fetched; its Content-Security-Policy forbids scripts and any load, so a
// browser opening it from a mail or a CRM attachment makes no request.
// Every text that comes from people or files (names, ids, reasons) is
// HTML-escaped. Every rep of either plan has a section, also reps with no
// change. Deterministic: same plan, diff and bundle, same bytes.
//
// The pins, forbidden visits and locked days of the plan's request are not
// shown yet: PlanDayRequest does not carry them on this branch.
#ifndef CALLPLAN_PLUGINS_PLAN_REVIEW_PAGE_H_
#define CALLPLAN_PLUGINS_PLAN_REVIEW_PAGE_H_

#include <string>

#include "callplan/v1/plan_service.pb.h"
#include "plugins/crm_bundle.h"

namespace callplan::crm {

// `bundle` may be null: names then come from the plan's request, and the
// page has no route map.
std::string PlanReviewPage(const v1::StoredPlan& plan, const v1::PlanDiff& diff,
                           const CrmBundle* bundle);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_PLAN_REVIEW_PAGE_H_
