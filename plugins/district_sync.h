// `callplan-crm sync` for a bundle with districts (plugins/districts.h):
// every district planned as its own territory-day through PlanDistricts,
// and each district's calendars written as soon as its result arrives,
// exactly once. A district without a plan (its error from the sidecar, a
// plan that does not fit its bundle, a calendar error) is reported naming
// the district; the others are still written.
#ifndef CALLPLAN_PLUGINS_DISTRICT_SYNC_H_
#define CALLPLAN_PLUGINS_DISTRICT_SYNC_H_

#include <ostream>
#include <string>
#include <vector>

#include "plugins/crm_bundle.h"
#include "plugins/crm_sync.h"
#include "plugins/sidecar_client.h"

namespace callplan::crm {

struct DistrictSyncSummary {
  int districts = 0;
  std::vector<std::string> failed;  // district ids, in the order reported
  bool conflicts = false;           // some calendar events left as edited
};

// Writes each district's listing and summary to `out` and its problems to
// `err` as results arrive.
DistrictSyncSummary SyncDistricts(const CrmBundle& bundle,
                                  const std::string& date,
                                  SidecarClient& sidecar, int parallel,
                                  const CalendarTarget& target,
                                  std::ostream& out, std::ostream& err);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_DISTRICT_SYNC_H_
