#include "server/replan.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/convert.h"
#include "server/field_checks.h"
#include "server/validate.h"

namespace callplan {
namespace {

constexpr int64_t kDayEnd = 86400;
constexpr char kReplanner[] = "re-plan";

struct Events {
  std::map<std::string, int64_t> absent_from;  // rep id -> from
  std::set<std::string> cancelled;
  std::vector<v1::Physician> added;
};

bool HasRep(const v1::PlanDayRequest& day, const std::string& id) {
  return std::any_of(day.reps().begin(), day.reps().end(),
                     [&](const v1::Rep& r) { return r.id() == id; });
}

bool HasPhysician(const v1::PlanDayRequest& day, const std::string& id) {
  return std::any_of(day.physicians().begin(), day.physicians().end(),
                     [&](const v1::Physician& p) { return p.id() == id; });
}

// The earliest shift start of the day's reps (0 when none has a shift).
int64_t DayStart(const v1::PlanDayRequest& day) {
  int64_t start = kDayEnd;
  for (const v1::Rep& rep : day.reps()) {
    start = std::min(start, rep.has_shift() ? rep.shift().start_seconds() : 0);
  }
  return day.reps().empty() ? 0 : start;
}

// A visit of the plan that stays where and when it is: made already, or
// the absent rep's before it left.
bool StaysAsItIs(const v1::Visit& visit, const std::string& rep, int64_t now,
                 const Events& events) {
  const auto absent = events.absent_from.find(rep);
  if (absent != events.absent_from.end()) {
    return visit.start_seconds() < absent->second;
  }
  return visit.start_seconds() < now;
}

Events ReadEvents(const v1::PlanDayRequest& planned, const v1::PlanDayResponse& plan,
                  const v1::ReplanRequest& replan, std::vector<FieldViolation>& out) {
  validation::Collector c(out);
  const int64_t now = replan.now_seconds();
  if (now < 0 || now > kDayEnd) {
    c.Add("now_seconds", absl::StrCat("must be a time of the day (0..86400), got ", now));
  } else if (now > 0 && now < DayStart(planned)) {
    c.Add("now_seconds", absl::StrCat("is ", validation::Clock(now),
                                      ", before the day started (",
                                      validation::Clock(DayStart(planned)), ")"));
  }
  std::map<std::string, int64_t> made;  // physician -> start of a done visit
  for (const v1::RepDay& day : plan.rep_days()) {
    for (const v1::Visit& visit : day.visits()) {
      if (visit.start_seconds() < now) made[visit.physician_id()] = visit.start_seconds();
    }
  }
  Events events;
  for (int i = 0; i < replan.events_size(); ++i) {
    const v1::ReplanEvent& e = replan.events(i);
    const std::string field = absl::StrCat("events[", i, "]");
    if (e.has_rep_absent()) {
      const v1::RepAbsent& a = e.rep_absent();
      if (!HasRep(planned, a.rep_id())) {
        c.Add(field + ".rep_absent.rep_id",
              absl::StrCat("no rep \"", a.rep_id(), "\" in the plan"));
      } else if (a.from_seconds() < 0 || a.from_seconds() > kDayEnd) {
        c.Add(field + ".rep_absent.from_seconds",
              absl::StrCat("must be a time of the day (0..86400), got ", a.from_seconds()));
      } else if (!events.absent_from.emplace(a.rep_id(), a.from_seconds()).second) {
        c.Add(field + ".rep_absent.rep_id",
              absl::StrCat("rep ", a.rep_id(), " is already absent in an earlier event"));
      }
    } else if (e.has_physician_cancelled()) {
      const std::string& id = e.physician_cancelled().physician_id();
      const auto visited = made.find(id);
      if (!HasPhysician(planned, id)) {
        c.Add(field + ".physician_cancelled.physician_id",
              absl::StrCat("no physician \"", id, "\" in the plan"));
      } else if (visited != made.end()) {
        c.Add(field + ".physician_cancelled.physician_id",
              absl::StrCat(id, " was already visited at ",
                           validation::Clock(visited->second), ", before now"));
      } else if (!events.cancelled.insert(id).second) {
        c.Add(field + ".physician_cancelled.physician_id",
              absl::StrCat(id, " is already cancelled in an earlier event"));
      }
    } else if (e.has_new_physician()) {
      const v1::Physician& p = e.new_physician().physician();
      const bool repeated = std::any_of(
          events.added.begin(), events.added.end(),
          [&](const v1::Physician& q) { return q.id() == p.id(); });
      if (p.id().empty()) {
        c.Add(field + ".new_physician.physician.id", "is required");
      } else if (HasPhysician(planned, p.id()) || repeated) {
        c.Add(field + ".new_physician.physician.id",
              absl::StrCat("physician ", p.id(), " is already in the plan"));
      } else {
        events.added.push_back(p);
      }
    } else {
      c.Add(field, "names no event (rep_absent, physician_cancelled or new_physician)");
    }
  }
  return events;
}

// The physician's windows of the day from `now` on; closed when none is
// left. Written as availability (or a closed date) so the engine needs no
// notion of "now".
void StartNoEarlierThan(v1::Physician& physician, const std::string& date, int64_t now) {
  const std::optional<std::vector<TimeWindow>> today = AvailabilityOn(physician, date);
  std::vector<TimeWindow> left;
  if (!today) {
    left.push_back({now, kDayEnd});
  } else {
    for (const TimeWindow& w : *today) {
      if (w.end_seconds >= now) left.push_back({std::max(w.start_seconds, now), w.end_seconds});
    }
  }
  physician.clear_availability();
  physician.clear_office_hours();
  physician.clear_closed_dates();
  if (left.empty()) {
    physician.add_closed_dates(date);
    return;
  }
  for (const TimeWindow& w : left) *physician.add_availability() = TimeWindowToProto(w);
}

void Close(v1::Physician& physician, const std::string& date) {
  physician.clear_availability();
  physician.clear_office_hours();
  physician.clear_closed_dates();
  physician.add_closed_dates(date);
  physician.set_optional(true);
}

}  // namespace

absl::StatusOr<ReplanDays> BuildReplan(const v1::PlanDayRequest& planned,
                                       const v1::PlanDayResponse& plan,
                                       const v1::ReplanRequest& replan) {
  std::vector<FieldViolation> violations;
  const Events events = ReadEvents(planned, plan, replan, violations);
  if (!violations.empty()) return ViolationsToStatus(violations);
  const int64_t now = replan.now_seconds();
  const std::string& date = planned.date();

  v1::PlanDayRequest day = planned;
  // Physicians whose visit stays as it is (made, or before an absent rep
  // leaves): their windows are not cut at now.
  std::set<std::string> done;
  std::set<std::pair<std::string, std::string>> done_pairs;
  // The manager's own pins stay, except what the events overtook: a pin of
  // a cancelled physician, and a visit the absent rep can no longer make.
  day.clear_pins();
  for (const v1::VisitPin& pin : planned.pins()) {
    if (events.cancelled.count(pin.physician_id())) continue;
    const auto absent = events.absent_from.find(pin.rep_id());
    if (!pin.done() && absent != events.absent_from.end()) continue;
    *day.add_pins() = pin;
  }
  for (const v1::RepDay& rep_day : plan.rep_days()) {
    for (const v1::Visit& visit : rep_day.visits()) {
      if (!StaysAsItIs(visit, rep_day.rep_id(), now, events)) continue;
      done.insert(visit.physician_id());
      done_pairs.insert({visit.physician_id(), rep_day.rep_id()});
    }
  }
  // A done visit replaces a pin of the same pair.
  auto* pins = day.mutable_pins();
  pins->erase(std::remove_if(pins->begin(), pins->end(),
                             [&](const v1::VisitPin& p) {
                               return !p.done() &&
                                      done_pairs.count({p.physician_id(), p.rep_id()});
                             }),
              pins->end());
  for (const v1::RepDay& rep_day : plan.rep_days()) {
    for (const v1::Visit& visit : rep_day.visits()) {
      if (!StaysAsItIs(visit, rep_day.rep_id(), now, events)) continue;
      const bool made = visit.start_seconds() < now;
      v1::VisitPin* pin = day.add_pins();
      pin->set_physician_id(visit.physician_id());
      pin->set_rep_id(rep_day.rep_id());
      pin->set_start_seconds(visit.start_seconds());
      pin->set_done(made);
      pin->set_pinned_by(kReplanner);
      pin->set_reason(made ? absl::StrCat("made at ", validation::Clock(visit.start_seconds()))
                           : "before the rep leaves");
    }
  }
  for (const auto& absence : events.absent_from) {
    // Named, not a structured binding: clang 14 cannot capture one.
    const std::string& rep = absence.first;
    const int64_t from = absence.second;
    const bool locked = std::any_of(day.locked_days().begin(), day.locked_days().end(),
                                    [&](const v1::LockedDay& l) { return l.rep_id() == rep; });
    if (locked) continue;
    v1::LockedDay* lock = day.add_locked_days();
    lock->set_rep_id(rep);
    lock->set_pinned_by(kReplanner);
    lock->set_reason(from == 0 ? "absent today"
                               : absl::StrCat("absent from ", validation::Clock(from)));
  }
  for (v1::Physician& physician : *day.mutable_physicians()) {
    if (events.cancelled.count(physician.id())) {
      Close(physician, date);
    } else if (now > 0 && !done.count(physician.id())) {
      StartNoEarlierThan(physician, date, now);
    }
  }
  for (v1::Physician physician : events.added) {
    physician.set_optional(false);
    if (now > 0) StartNoEarlierThan(physician, date, now);
    *day.add_physicians() = std::move(physician);
  }

  ReplanDays out;
  out.freely = day;
  out.keeping = day;
  std::set<std::string> pinned;
  for (const v1::VisitPin& pin : day.pins()) pinned.insert(pin.physician_id());
  for (const v1::RepDay& rep_day : plan.rep_days()) {
    if (events.absent_from.count(rep_day.rep_id())) continue;
    for (const v1::Visit& visit : rep_day.visits()) {
      if (pinned.count(visit.physician_id()) || events.cancelled.count(visit.physician_id())) {
        continue;
      }
      v1::VisitPin* keep = out.keeping.add_pins();
      keep->set_physician_id(visit.physician_id());
      keep->set_rep_id(rep_day.rep_id());
      keep->set_pinned_by(kReplanner);
      keep->set_reason("kept from the plan re-planned");
    }
  }
  return out;
}

}  // namespace callplan
