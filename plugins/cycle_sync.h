// A planned call cycle written into the reps' calendars: every date from
// the first to the last goes through the day path (crm_sync.h) with that
// date's plan, so each visit is one event with the day path's stable UID,
// a re-sync changes nothing, a changed day is updated in place, and a date
// whose visits disappeared (or that the cycle has no plan for: a weekend,
// everyone off) is cleared of callplan's events exactly as a day sync
// clears it. Every day of the plan is checked against the bundle before
// the first calendar is touched.
#ifndef CALLPLAN_PLUGINS_CYCLE_SYNC_H_
#define CALLPLAN_PLUGINS_CYCLE_SYNC_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "callplan/v1/cycle.pb.h"
#include "plugins/crm_bundle.h"
#include "plugins/crm_sync.h"

namespace callplan::crm {

// One date of the cycle and its plan (empty when the cycle has none).
struct CycleDate {
  std::string date;
  v1::PlanDayResponse plan;
};

// Every date first..last in order, each with its plan from `cycle`.
// InvalidArgument when a date does not parse, last is before first, or the
// plan has a day outside the range or twice (a plan for another cycle).
absl::StatusOr<std::vector<CycleDate>> CycleDates(
    const v1::PlanCycleResponse& cycle, const std::string& first_date,
    const std::string& last_date);

// OK when every day's plan fits the bundle (reps, physicians, times), else
// the first misfit, naming its date.
absl::Status CheckCycleFits(const CrmBundle& bundle,
                            const std::vector<CycleDate>& dates);

struct CycleDaySync {
  std::string date;
  std::vector<RepSyncResult> reps;
};

// Writes the dates in order; a calendar error stops at that date (named),
// dates written before it stay right and the next run finishes the rest.
absl::StatusOr<std::vector<CycleDaySync>> SyncCycleCalendars(
    const CrmBundle& bundle, const std::vector<CycleDate>& dates,
    const CalendarTarget& target);

// One row per date: visits and created/updated/deleted/kept/conflicts,
// then the conflicts.
std::string CycleSyncTable(const std::vector<CycleDaySync>& days, bool dry_run);

// What a dry run would change, date by date (dates with changes only).
std::string CycleChangeListing(const std::vector<CycleDaySync>& days);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_CYCLE_SYNC_H_
