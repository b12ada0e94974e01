#include "plugins/cycle_sync.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "plugins/crm_fields.h"
#include "plugins/rep_schedule.h"

namespace callplan::crm {

absl::StatusOr<std::vector<CycleDate>> CycleDates(
    const v1::PlanCycleResponse& cycle, const std::string& first_date,
    const std::string& last_date) {
  const absl::StatusOr<absl::CivilDay> first = ParseDate(first_date);
  if (!first.ok()) return first.status();
  const absl::StatusOr<absl::CivilDay> last = ParseDate(last_date);
  if (!last.ok()) return last.status();
  if (*last < *first) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the cycle ends on ", last_date, ", before it starts on ", first_date));
  }
  std::map<std::string, const v1::PlanDayResponse*> plans;
  for (const v1::CycleDay& day : cycle.days()) {
    const absl::StatusOr<absl::CivilDay> civil = ParseDate(day.date());
    if (!civil.ok() || *civil < *first || *civil > *last) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the plan has a day \"", day.date(), "\" outside the cycle ",
          first_date, " to ", last_date));
    }
    if (!plans.emplace(day.date(), &day.plan()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("the plan has the day ", day.date(), " twice"));
    }
  }
  std::vector<CycleDate> dates;
  for (absl::CivilDay day = *first; day <= *last; ++day) {
    CycleDate date{absl::FormatCivilTime(day), {}};
    if (const auto plan = plans.find(date.date); plan != plans.end()) {
      date.plan = *plan->second;
    }
    dates.push_back(std::move(date));
  }
  return dates;
}

absl::Status CheckCycleFits(const CrmBundle& bundle,
                            const std::vector<CycleDate>& dates) {
  for (const CycleDate& date : dates) {
    absl::Status fits = RepSchedulesFromPlan(date.plan, bundle, date.date).status();
    if (!fits.ok()) {
      return absl::Status(fits.code(), absl::StrCat(date.date, ": ", fits.message()));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<CycleDaySync>> SyncCycleCalendars(
    const CrmBundle& bundle, const std::vector<CycleDate>& dates,
    const CalendarTarget& target) {
  std::vector<CycleDaySync> days;
  for (const CycleDate& date : dates) {
    absl::StatusOr<std::vector<RepSyncResult>> reps =
        SyncCalendars(bundle, date.plan, date.date, target);
    if (!reps.ok()) {
      return absl::Status(reps.status().code(),
                          absl::StrCat(date.date, ": ", reps.status().message()));
    }
    days.push_back({date.date, *std::move(reps)});
  }
  return days;
}

namespace {

void AddTally(const CalendarTally& from, CalendarTally* to) {
  to->created += from.created;
  to->updated += from.updated;
  to->deleted += from.deleted;
  to->unchanged += from.unchanged;
  to->conflicts += from.conflicts;
}

std::string TallyRow(const std::string& date, int visits, const CalendarTally& t) {
  return absl::StrFormat("%-10s %6d  %d/%d/%d/%d/%d\n", date, visits, t.created,
                         t.updated, t.deleted, t.unchanged, t.conflicts);
}

}  // namespace

std::string CycleSyncTable(const std::vector<CycleDaySync>& days, bool dry_run) {
  std::string out = absl::StrFormat(
      "%-10s %6s  %s\n", "date", "visits",
      dry_run ? "would create/update/delete/keep/conflict"
              : "created/updated/deleted/kept/conflicts");
  CalendarTally total;
  int total_visits = 0;
  for (const CycleDaySync& day : days) {
    CalendarTally tally;
    int visits = 0;
    for (const RepSyncResult& r : day.reps) {
      visits += static_cast<int>(r.schedule.visits.size());
      AddTally(r.tally, &tally);
    }
    absl::StrAppend(&out, TallyRow(day.date, visits, tally));
    total_visits += visits;
    AddTally(tally, &total);
  }
  absl::StrAppend(&out, TallyRow("total", total_visits, total));
  for (const CycleDaySync& day : days) {
    for (const RepSyncResult& r : day.reps) {
      for (const std::string& message : r.tally.conflict_messages) {
        absl::StrAppend(&out, "conflict in ", r.where, ": ", message, "\n");
      }
    }
  }
  return out;
}

std::string CycleChangeListing(const std::vector<CycleDaySync>& days) {
  std::string out;
  for (const CycleDaySync& day : days) {
    std::vector<RepSyncResult> changed;
    for (const RepSyncResult& r : day.reps) {
      if (r.tally.changed() || r.tally.conflicts > 0) changed.push_back(r);
    }
    if (!changed.empty()) absl::StrAppend(&out, ChangeListing(changed));
  }
  return out.empty() ? "nothing to change\n" : out;
}

}  // namespace callplan::crm
