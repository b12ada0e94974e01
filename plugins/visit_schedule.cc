#include "plugins/visit_schedule.h"

#include <cmath>
#include <map>

#include "absl/strings/str_cat.h"

namespace callplan::crm {

absl::StatusOr<std::vector<ScheduledVisit>> ScheduleRepDay(
    const v1::RepDay& day, const CrmBundle& bundle, const std::string& date) {
  const absl::StatusOr<absl::CivilDay> civil_day = ParseDate(date);
  if (!civil_day.ok()) return civil_day.status();
  const DayDefaults& layout = bundle.settings.day;
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(bundle.settings.time_zone, &zone)) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown time zone \"", bundle.settings.time_zone, "\""));
  }
  const CrmRep* rep = bundle.FindRep(day.rep_id());
  if (rep == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the plan has a day for rep \"", day.rep_id(),
        "\", who is not in the CRM bundle"));
  }
  const absl::CivilSecond start_of_day =
      absl::CivilSecond(*civil_day) + layout.day_start_seconds;
  absl::Time clock = absl::FromCivil(start_of_day, zone);
  std::vector<ScheduledVisit> visits;
  for (const v1::Visit& visit : day.visits()) {
    const CrmPhysician* physician = bundle.FindPhysician(visit.physician_id());
    if (physician == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the plan sends rep \"", rep->id, "\" to physician \"",
          visit.physician_id(), "\", who is not in the CRM bundle"));
    }
    // Whole minutes keep calendars tidy and the layout deterministic.
    const double drive_minutes =
        std::ceil(visit.leg_distance() / layout.travel_speed_kmh * 60.0);
    clock += absl::Minutes(drive_minutes);
    ScheduledVisit out;
    out.rep_id = rep->id;
    out.rep_name = rep->name;
    out.date = date;
    out.order = static_cast<int>(visits.size()) + 1;
    out.stops = day.visits_size();
    out.physician_id = physician->id;
    out.physician_name = physician->name;
    out.specialty = physician->specialty;
    out.address = physician->address;
    out.latitude = physician->latitude;
    out.longitude = physician->longitude;
    out.potential = visit.potential();
    out.leg_km = visit.leg_distance();
    out.reason = visit.reason();
    out.start = clock;
    clock += absl::Seconds(layout.visit_seconds);
    out.end = clock;
    visits.push_back(std::move(out));
  }
  return visits;
}

absl::StatusOr<std::vector<RepSchedule>> ScheduleAllReps(
    const v1::PlanDayResponse& plan, const CrmBundle& bundle,
    const std::string& date) {
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
          ScheduleRepDay(*day->second, bundle, date);
      if (!visits.ok()) return visits.status();
      schedule.visits = *std::move(visits);
      schedule.route_km = day->second->route_distance();
      schedule.total_potential = day->second->total_potential();
    } else if (absl::StatusOr<absl::CivilDay> d = ParseDate(date); !d.ok()) {
      return d.status();
    }
    out.push_back(std::move(schedule));
  }
  return out;
}

}  // namespace callplan::crm
