// A manager's decisions for a day's draft, from a CSV file beside the CRM
// bundle (`callplan-crm draft --pins FILE`): which rep must visit whom (and
// when), whom a rep must not visit, and whose day is locked. One row each:
//
//   kind,date,rep_id,physician_id,start,done,pinned_by,reason
//   pin,2026-03-12,R01,P007,10:30,,Ann Lee,promised the doctor
//   forbid,,R02,P013,,,Ann Lee,complaint last week
//   lock,,R04,,,,Ann Lee,training in the afternoon
//
// kind is pin, forbid or lock; date is optional (rows for other days are
// left out, so one file can hold a week); start is HH:MM (pins only); done
// marks a visit already made (a pin with a start); pinned_by is required,
// since the review and the audit trail say who decided. Every problem is
// reported with file, line and column; the checks that need the whole day
// (two pins to one team, a time outside the shift) are the sidecar's, which
// names pins[i].FIELD.
#ifndef CALLPLAN_PLUGINS_MANAGER_DECISIONS_H_
#define CALLPLAN_PLUGINS_MANAGER_DECISIONS_H_

#include <string>

#include "absl/status/status.h"
#include "callplan/v1/schedule.pb.h"
#include "plugins/crm_bundle.h"

namespace callplan::crm {

// Adds the file's decisions for `date` to `request`. InvalidArgument with
// every problem (one per line) and `request` unchanged when any is found.
absl::Status AddManagerDecisions(const std::string& path, const CrmBundle& bundle,
                                 const std::string& date,
                                 v1::PlanDayRequest& request);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_MANAGER_DECISIONS_H_
