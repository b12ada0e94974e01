// The visits reps really made today, from the CRM's export of calls
// (`callplan-crm replan --made FILE`), as a re-plan's actuals:
//
//   rep_id,physician_id,date,start
//   R01,P007,2026-03-12,08:40
//
// date is optional (rows for other days are left out, so one export can
// hold a week); start is HH:MM. Every problem is reported with file, line
// and column; the checks that need the plan (a visit made after now, a rep
// of another territory) are the sidecar's, which names the event's field.
#ifndef CALLPLAN_PLUGINS_VISITS_MADE_H_
#define CALLPLAN_PLUGINS_VISITS_MADE_H_

#include <string>

#include "absl/status/statusor.h"
#include "callplan/v1/plan_service.pb.h"
#include "plugins/crm_bundle.h"

namespace callplan::crm {

// The file's visits of `date`. `bundle` (may be null) names the reps and
// physicians the rows may use. InvalidArgument with every problem.
absl::StatusOr<v1::VisitsMade> ReadVisitsMade(const std::string& path,
                                              const CrmBundle* bundle,
                                              const std::string& date);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_VISITS_MADE_H_
