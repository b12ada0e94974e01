// Each rep's planned day as the calendars show it. The times are the
// engine's: a Visit's arrival, start and end and a RepDay's departure,
// return and breaks are seconds after local midnight of the planned date in
// the territory's time zone (the contract's unit), turned into instants
// here with the zone's rules, so a day on a daylight-saving change lands at
// the right instants. The plugin plans no times of its own: a plan
// whose visits carry none is refused, never written as visits at 00:00.
#ifndef CALLPLAN_PLUGINS_REP_SCHEDULE_H_
#define CALLPLAN_PLUGINS_REP_SCHEDULE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "callplan/v1/schedule.pb.h"
#include "plugins/crm_bundle.h"
#include "plugins/crm_fields.h"

namespace callplan::crm {

// A break the engine placed (the rep's lunch), between two visits.
struct ScheduledBreak {
  absl::Time start;
  absl::Time end;
  int after_visits = 0;  // visits done before it; 0 = before leaving home
  bool at_home = false;   // taken at home (before leaving or after the day)
};

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
  absl::Time arrival;        // when the rep gets there
  absl::Time start;          // when the visit starts (in the physician's hours)
  absl::Time end;
  int64_t wait_seconds = 0;  // between arrival and start, breaks excluded
  // Breaks taken right after this visit, or for the first visit, also those
  // taken at home before leaving (after_visits 0).
  std::vector<ScheduledBreak> breaks;
  absl::TimeZone zone;  // the territory's, to show times as the rep sees them
};

// The visits of `day` in route order. InvalidArgument when the date is not
// YYYY-MM-DD, the time zone is unknown, the plan names a rep or physician
// the bundle does not have (a plan for another territory) or a visit
// without times (a sidecar that plans no times of day), naming the rep.
absl::StatusOr<std::vector<ScheduledVisit>> VisitsOfRepDay(
    const v1::RepDay& day, const CrmBundle& bundle, const std::string& date);

// Every rep of the bundle, in bundle order, with its (possibly empty) day;
// reps the plan leaves without visits get an empty list so their calendars
// are cleared of visits planned earlier for the same date.
struct RepSchedule {
  const CrmRep* rep = nullptr;
  std::vector<ScheduledVisit> visits;
  std::vector<ScheduledBreak> breaks;
  absl::Time leave_home;  // the engine's departure and return (with visits)
  absl::Time back_home;
  double route_km = 0;
  double total_potential = 0;
};
absl::StatusOr<std::vector<RepSchedule>> RepSchedulesFromPlan(
    const v1::PlanDayResponse& plan, const CrmBundle& bundle,
    const std::string& date);

// The instant `seconds` after local midnight of `day` in `zone`: wall-clock
// time, so 09:00 is 09:00 on either side of a daylight-saving change.
absl::Time AtSecondOfDay(absl::CivilDay day, int64_t seconds, absl::TimeZone zone);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_REP_SCHEDULE_H_
