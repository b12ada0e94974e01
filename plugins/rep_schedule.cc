#include "plugins/rep_schedule.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"

namespace callplan::crm {
namespace {

// What every visit of one rep's day shares.
struct DayContext {
  const CrmRep* rep = nullptr;
  std::string date;
  absl::CivilDay day;
  absl::TimeZone zone;
  int stops = 0;
};

absl::Status NoTimes(const CrmRep& rep, const v1::Visit& visit, int order) {
  return absl::InvalidArgumentError(absl::StrCat(
      "rep ", rep.id, ": the plan gives visit ", order, " (physician ",
      visit.physician_id(), ") no times of day (start ",
      ClockText(visit.start_seconds()), ", end ", ClockText(visit.end_seconds()),
      "); the sidecar must plan the day's times (a callplan-sidecar with "
      "time windows)"));
}

absl::StatusOr<ScheduledVisit> VisitOf(const v1::Visit& visit, int order,
                                       const DayContext& context,
                                       const CrmBundle& bundle) {
  const CrmPhysician* physician = bundle.FindPhysician(visit.physician_id());
  if (physician == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the plan sends rep \"", context.rep->id, "\" to physician \"",
        visit.physician_id(), "\", who is not in the CRM bundle"));
  }
  // Every visit lasts at least a minute (visit_minutes >= 1), so a visit
  // that ends where it starts was never given a time.
  if (visit.end_seconds() <= visit.start_seconds()) {
    return NoTimes(*context.rep, visit, order);
  }
  ScheduledVisit out;
  out.rep_id = context.rep->id;
  out.rep_name = context.rep->name;
  out.date = context.date;
  out.order = order;
  out.stops = context.stops;
  out.physician_id = physician->id;
  out.physician_name = physician->name;
  out.specialty = physician->specialty;
  out.address = physician->address;
  out.latitude = physician->latitude;
  out.longitude = physician->longitude;
  out.potential = visit.potential();
  out.leg_km = visit.leg_distance();
  out.reason = visit.reason();
  out.arrival = AtSecondOfDay(context.day, visit.arrival_seconds(), context.zone);
  out.start = AtSecondOfDay(context.day, visit.start_seconds(), context.zone);
  out.end = AtSecondOfDay(context.day, visit.end_seconds(), context.zone);
  out.wait_seconds = visit.wait_seconds();
  out.zone = context.zone;
  return out;
}

absl::StatusOr<absl::TimeZone> TerritoryZone(const CrmBundle& bundle) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(bundle.settings.time_zone, &zone)) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown time zone \"", bundle.settings.time_zone, "\""));
  }
  return zone;
}

std::vector<ScheduledBreak> BreaksOf(const v1::RepDay& day, absl::CivilDay civil,
                                     absl::TimeZone zone) {
  std::vector<ScheduledBreak> breaks;
  for (const v1::PlacedBreak& placed : day.breaks()) {
    breaks.push_back({AtSecondOfDay(civil, placed.start_seconds(), zone),
                      AtSecondOfDay(civil, placed.end_seconds(), zone),
                      static_cast<int>(placed.after_visits()),
                      placed.at_id() == day.rep_id()});
  }
  return breaks;
}

}  // namespace

absl::Time AtSecondOfDay(absl::CivilDay day, int64_t seconds, absl::TimeZone zone) {
  return absl::FromCivil(absl::CivilSecond(day) + seconds, zone);
}

absl::StatusOr<std::vector<ScheduledVisit>> VisitsOfRepDay(
    const v1::RepDay& day, const CrmBundle& bundle, const std::string& date) {
  const absl::StatusOr<absl::CivilDay> civil_day = ParseDate(date);
  if (!civil_day.ok()) return civil_day.status();
  const absl::StatusOr<absl::TimeZone> zone = TerritoryZone(bundle);
  if (!zone.ok()) return zone.status();
  const CrmRep* rep = bundle.FindRep(day.rep_id());
  if (rep == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the plan has a day for rep \"", day.rep_id(),
        "\", who is not in the CRM bundle"));
  }
  const DayContext context{rep, date, *civil_day, *zone, day.visits_size()};
  std::vector<ScheduledVisit> visits;
  for (const v1::Visit& visit : day.visits()) {
    absl::StatusOr<ScheduledVisit> out =
        VisitOf(visit, static_cast<int>(visits.size()) + 1, context, bundle);
    if (!out.ok()) return out.status();
    visits.push_back(*std::move(out));
  }
  // Each break goes with the visit it follows; one taken at home before
  // leaving goes with the first.
  for (const ScheduledBreak& pause : BreaksOf(day, *civil_day, *zone)) {
    if (visits.empty()) break;
    const size_t k = pause.after_visits == 0 ? 0 : pause.after_visits - 1;
    visits[std::min(k, visits.size() - 1)].breaks.push_back(pause);
  }
  return visits;
}

absl::StatusOr<std::vector<RepSchedule>> RepSchedulesFromPlan(
    const v1::PlanDayResponse& plan, const CrmBundle& bundle,
    const std::string& date) {
  const absl::StatusOr<absl::CivilDay> civil_day = ParseDate(date);
  if (!civil_day.ok()) return civil_day.status();
  const absl::StatusOr<absl::TimeZone> zone = TerritoryZone(bundle);
  if (!zone.ok()) return zone.status();
  std::map<std::string, const v1::RepDay*> days;
  for (const v1::RepDay& day : plan.rep_days()) {
    if (bundle.FindRep(day.rep_id()) == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the plan has a day for rep \"", day.rep_id(),
          "\", who is not in the CRM bundle"));
    }
    days[day.rep_id()] = &day;
  }
  std::vector<RepSchedule> out;
  for (const CrmRep& rep : bundle.reps) {
    RepSchedule schedule;
    schedule.rep = &rep;
    const auto day = days.find(rep.id);
    if (day != days.end()) {
      absl::StatusOr<std::vector<ScheduledVisit>> visits =
          VisitsOfRepDay(*day->second, bundle, date);
      if (!visits.ok()) return visits.status();
      schedule.visits = *std::move(visits);
      schedule.breaks = BreaksOf(*day->second, *civil_day, *zone);
      schedule.leave_home =
          AtSecondOfDay(*civil_day, day->second->start_seconds(), *zone);
      schedule.back_home = AtSecondOfDay(*civil_day, day->second->end_seconds(), *zone);
      schedule.route_km = day->second->route_distance();
      schedule.total_potential = day->second->total_potential();
    }
    out.push_back(std::move(schedule));
  }
  return out;
}

}  // namespace callplan::crm
