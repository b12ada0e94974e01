// Lays out one rep's planned day as calendar visits: the rep leaves home at
// the territory's day start, drives each leg at the travel speed, and stays
// the visit length at each physician. Times are absolute instants (the day
// start is read in the territory's time zone), so calendars can show them
// in any zone.
#ifndef CALLPLAN_PLUGINS_VISIT_SCHEDULE_H_
#define CALLPLAN_PLUGINS_VISIT_SCHEDULE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "callplan/v1/schedule.pb.h"
#include "plugins/crm_bundle.h"
#include "plugins/crm_fields.h"

namespace callplan::crm {

struct ScheduledVisit {
  std::string rep_id;
  std::string rep_name;
  std::string date;  // YYYY-MM-DD, the planned day
  int order = 0;     // 1-based position in the route
  int stops = 0;     // visits in this rep's day
  std::string physician_id;
  std::string physician_name;
  std::string specialty;
  std::string address;
  double latitude = 0;
  double longitude = 0;
  double potential = 0;
  double leg_km = 0;  // from the previous stop (home for the first)
  std::string reason;
  absl::Time start;
  absl::Time end;
};

// The visits of `day` in route order. InvalidArgument when the date is not
// YYYY-MM-DD, the time zone is unknown, or the plan names a rep or
// physician the bundle does not have (a plan for another territory).
absl::StatusOr<std::vector<ScheduledVisit>> ScheduleRepDay(
    const v1::RepDay& day, const CrmBundle& bundle, const std::string& date);

// Every rep of the bundle, in bundle order, with its (possibly empty) day;
// reps the plan leaves without visits get an empty list so their calendars
// are cleared of visits planned earlier for the same date.
struct RepSchedule {
  const CrmRep* rep = nullptr;
  std::vector<ScheduledVisit> visits;
  double route_km = 0;
  double total_potential = 0;
};
absl::StatusOr<std::vector<RepSchedule>> ScheduleAllReps(
    const v1::PlanDayResponse& plan, const CrmBundle& bundle,
    const std::string& date);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_VISIT_SCHEDULE_H_
