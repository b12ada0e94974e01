#include "plugins/ics_calendar.h"

#include <libical/ical.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace callplan::crm {
namespace {

constexpr char kDateProperty[] = "X-CALLPLAN-DATE";
constexpr char kFingerprintProperty[] = "X-CALLPLAN-FINGERPRINT";
constexpr char kOrderProperty[] = "X-CALLPLAN-ROUTE-ORDER";

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentDeleter>;

std::string ToText(icalcomponent* component) {
  char* text = icalcomponent_as_ical_string_r(component);
  std::string out = text == nullptr ? "" : text;
  free(text);
  return out;
}

icaltimetype UtcTime(absl::Time time) {
  return icaltime_from_timet_with_zone(absl::ToTimeT(time), 0,
                                       icaltimezone_get_utc_timezone());
}

int64_t UnixSeconds(icaltimetype time) {
  if (icaltime_is_null_time(time)) return 0;
  if (time.zone != nullptr && !icaltime_is_utc(time)) {
    time = icaltime_convert_to_zone(time, icaltimezone_get_utc_timezone());
  }
  return static_cast<int64_t>(
      icaltime_as_timet_with_zone(time, icaltimezone_get_utc_timezone()));
}

void AddX(icalcomponent* event, const char* name, const std::string& value) {
  icalproperty* property = icalproperty_new_x(value.c_str());
  icalproperty_set_x_name(property, name);
  icalcomponent_add_property(event, property);
}

std::string XValue(icalcomponent* event, const char* name) {
  for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_X_PROPERTY);
       p != nullptr; p = icalcomponent_get_next_property(event, ICAL_X_PROPERTY)) {
    const char* x_name = icalproperty_get_x_name(p);
    if (x_name != nullptr && std::string(x_name) == name) {
      const char* value = icalproperty_get_x(p);
      return value == nullptr ? "" : value;
    }
  }
  return "";
}

std::string Text(const char* value) { return value == nullptr ? "" : value; }

// FNV-1a over what a rep sees of a visit: when, what, where. Stable across
// runs and machines; DTSTAMP and the X- properties are left out.
std::string Fingerprint(icalcomponent* event) {
  const std::string content = absl::StrCat(
      UnixSeconds(icalcomponent_get_dtstart(event)), "\n",
      UnixSeconds(icalcomponent_get_dtend(event)), "\n",
      Text(icalcomponent_get_summary(event)), "\n",
      Text(icalcomponent_get_location(event)), "\n",
      Text(icalcomponent_get_description(event)));
  uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : content) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return absl::StrFormat("%016x", hash);
}

std::string Summary(const ScheduledVisit& visit) {
  // No "of N": a re-plan that drops a later visit leaves earlier ones as is.
  return absl::StrCat("Visit ", visit.order, ": ",
                      visit.physician_name.empty() ? visit.physician_id
                                                   : visit.physician_name);
}

std::string Clock(absl::Time time, absl::TimeZone zone) {
  return absl::FormatTime("%H:%M", time, zone);
}

// The engine's wait and the rep's lunch, where the day has them: a rep
// reads why the visit is at 14:00 and when lunch is without another event
// in the calendar.
std::string TimeNotes(const ScheduledVisit& visit) {
  std::string out;
  if (visit.wait_seconds > 0) {
    absl::StrAppend(&out, "Arrive ", Clock(visit.arrival, visit.zone), ", wait ",
                    (visit.wait_seconds + 59) / 60, " min: the visit starts at ",
                    Clock(visit.start, visit.zone), ".\n");
  }
  for (const ScheduledBreak& pause : visit.breaks) {
    absl::StrAppend(&out, pause.after_visits < visit.order ? "Before" : "After",
                    " this visit: lunch ", Clock(pause.start, visit.zone), "-",
                    Clock(pause.end, visit.zone),
                    pause.at_home ? ", at home" : "", ".\n");
  }
  return out;
}

std::string Description(const ScheduledVisit& visit) {
  std::string out = absl::StrFormat(
      "Stop %d in today's route (%.1f km from the previous stop).\n"
      "%s"
      "Physician: %s (%s)%s\n"
      "Potential: %.1f\n",
      visit.order, visit.leg_km, TimeNotes(visit), visit.physician_name,
      visit.physician_id,
      visit.specialty.empty() ? "" : absl::StrCat(", ", visit.specialty),
      visit.potential);
  if (!visit.reason.empty()) absl::StrAppend(&out, "Why: ", visit.reason, "\n");
  absl::StrAppend(&out, "Planned by callplan for ", visit.rep_id, ".");
  return out;
}

icalcomponent* NewVisitEvent(const ScheduledVisit& visit, absl::Time stamp,
                             std::string* fingerprint) {
  icalcomponent* event = icalcomponent_new_vevent();
  const std::string uid =
      VisitUid(visit.rep_id, visit.date, visit.physician_id);
  icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(UtcTime(stamp)));
  icalcomponent_add_property(event,
                             icalproperty_new_dtstart(UtcTime(visit.start)));
  icalcomponent_add_property(event, icalproperty_new_dtend(UtcTime(visit.end)));
  icalcomponent_add_property(
      event, icalproperty_new_summary(Summary(visit).c_str()));
  const std::string location =
      visit.address.empty()
          ? absl::StrFormat("%.5f, %.5f", visit.latitude, visit.longitude)
          : visit.address;
  icalcomponent_add_property(event,
                             icalproperty_new_location(location.c_str()));
  icalcomponent_add_property(
      event, icalproperty_new_geo({visit.latitude, visit.longitude}));
  icalcomponent_add_property(
      event, icalproperty_new_description(Description(visit).c_str()));
  icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
  *fingerprint = Fingerprint(event);
  AddX(event, kCreatedByProperty, kCreatedByValue);
  AddX(event, kDateProperty, visit.date);
  AddX(event, kOrderProperty, absl::StrCat(visit.order));
  AddX(event, kFingerprintProperty, *fingerprint);
  return event;
}

icalcomponent* NewCalendar() {
  return icalcomponent_vanew(
      ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
      icalproperty_new_prodid("-//callplan//callplan-crm//EN"),
      icalproperty_new_calscale("GREGORIAN"), nullptr);
}

FoundEvent Describe(icalcomponent* event) {
  FoundEvent found;
  found.uid = Text(icalcomponent_get_uid(event));
  found.summary = Text(icalcomponent_get_summary(event));
  found.created_by_callplan = XValue(event, kCreatedByProperty) == kCreatedByValue;
  if (found.created_by_callplan) {
    found.planned_date = XValue(event, kDateProperty);
    found.stored_fingerprint = XValue(event, kFingerprintProperty);
  }
  found.fingerprint = Fingerprint(event);
  found.vevent = ToText(event);
  return found;
}

}  // namespace

std::string VisitUid(const std::string& rep_id, const std::string& date,
                     const std::string& physician_id) {
  return absl::StrCat("callplan-", date, "-", rep_id, "-", physician_id,
                      "@callplan");
}

CalendarEvent VisitEvent(const ScheduledVisit& visit, absl::Time stamp) {
  CalendarEvent out;
  out.uid = VisitUid(visit.rep_id, visit.date, visit.physician_id);
  out.summary = Summary(visit);
  Component calendar(NewCalendar());
  icalcomponent* event = NewVisitEvent(visit, stamp, &out.fingerprint);
  icalcomponent_add_component(calendar.get(), event);
  out.vevent = ToText(event);
  out.ics = ToText(calendar.get());
  return out;
}

std::string WrapCalendar(const std::vector<std::string>& vevents,
                         const std::vector<std::string>& timezones) {
  Component calendar(NewCalendar());
  std::string text = ToText(calendar.get());
  // The empty calendar ends with END:VCALENDAR; the events go before it.
  const size_t end = text.rfind("END:VCALENDAR");
  std::string body;
  for (const std::string& timezone : timezones) body += timezone;
  for (const std::string& vevent : vevents) body += vevent;
  text.insert(end == std::string::npos ? text.size() : end, body);
  return text;
}

absl::StatusOr<FoundCalendar> ParseCalendar(const std::string& ics) {
  // libical does not write every value back as it read it (a carriage
  // return inside a line, an escape such as "\b" read as a control
  // character), and the .ics folder writes the events it keeps back from
  // their text. So a calendar is read as libical writes it: the same events
  // before and after a sync rewrote their file.
  Component read(icalcomponent_new_from_string(ics.c_str()));
  if (read == nullptr) {
    return absl::InvalidArgumentError("not an iCalendar text");
  }
  Component root(icalcomponent_new_from_string(ToText(read.get()).c_str()));
  if (root == nullptr) {
    return absl::InvalidArgumentError("not an iCalendar text");
  }
  FoundCalendar found;
  if (icalcomponent_isa(root.get()) == ICAL_VEVENT_COMPONENT) {
    found.events.push_back(Describe(root.get()));
    return found;
  }
  for (icalcomponent* zone = icalcomponent_get_first_component(
           root.get(), ICAL_VTIMEZONE_COMPONENT);
       zone != nullptr; zone = icalcomponent_get_next_component(
                            root.get(), ICAL_VTIMEZONE_COMPONENT)) {
    found.timezones.push_back(ToText(zone));
  }
  for (icalcomponent* event =
           icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT);
       event != nullptr; event = icalcomponent_get_next_component(
                             root.get(), ICAL_VEVENT_COMPONENT)) {
    found.events.push_back(Describe(event));
  }
  return found;
}

absl::StatusOr<std::vector<FoundEvent>> ParseEvents(const std::string& ics) {
  absl::StatusOr<FoundCalendar> found = ParseCalendar(ics);
  if (!found.ok()) return found.status();
  return std::move(found->events);
}

}  // namespace callplan::crm
