#include "server/replan.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
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
  std::optional<std::vector<v1::MadeVisit>> made;  // the CRM's actuals
};

// A visit of the plan (or of the actuals) that stays where and when it
// is: made already, or the absent rep's before it leaves.
struct Stay {
  std::string physician_id;
  std::string rep_id;
  int64_t start_seconds = 0;
  bool made = false;
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

// The visits that stay as they are. With the actuals, the made visits are
// those; without, every visit that started before now, unless its rep had
// left by then. An absent rep's visits between now and its leaving stay
// too, unless the physician cancelled.
std::vector<Stay> Stays(const v1::PlanDayResponse& plan, int64_t now, const Events& events) {
  std::vector<Stay> stays;
  if (events.made) {
    for (const v1::MadeVisit& m : *events.made) {
      stays.push_back({m.physician_id(), m.rep_id(), m.start_seconds(), true});
    }
  }
  for (const v1::RepDay& rep_day : plan.rep_days()) {
    const auto absent = events.absent_from.find(rep_day.rep_id());
    for (const v1::Visit& visit : rep_day.visits()) {
      const int64_t start = visit.start_seconds();
      const bool before_now = start < now;
      bool stay = before_now;
      if (events.made && before_now) {
        stay = false;  // the actuals say what was made
      } else if (absent != events.absent_from.end()) {
        stay = start < absent->second;
      }
      if (stay && !before_now && events.cancelled.count(visit.physician_id()) > 0) {
        stay = false;
      }
      if (stay) stays.push_back({visit.physician_id(), rep_day.rep_id(), start, before_now});
    }
  }
  return stays;
}

// The actuals: reps and physicians of the plan, each pair once, made
// before now.
void ReadMade(validation::Collector& c, const std::string& field,
              const v1::PlanDayRequest& planned, const v1::VisitsMade& made,
              int64_t now, Events& events) {
  if (events.made) {
    c.Add(field + ".visits_made", "the visits made are already given in an earlier event");
    return;
  }
  events.made.emplace();
  std::set<std::pair<std::string, std::string>> seen;
  for (int k = 0; k < made.visits_size(); ++k) {
    const v1::MadeVisit& m = made.visits(k);
    const std::string at = absl::StrCat(field, ".visits_made.visits[", k, "]");
    bool good = true;
    if (!HasRep(planned, m.rep_id())) {
      c.Add(at + ".rep_id", absl::StrCat("no rep \"", m.rep_id(), "\" in the plan"));
      good = false;
    }
    if (!HasPhysician(planned, m.physician_id())) {
      c.Add(at + ".physician_id",
            absl::StrCat("no physician \"", m.physician_id(), "\" in the plan"));
      good = false;
    }
    if (m.start_seconds() < 0 || m.start_seconds() >= now) {
      c.Add(at + ".start_seconds",
            absl::StrCat("a visit made must have started before now (",
                         validation::Clock(now), "), got ", m.start_seconds()));
      good = false;
    }
    if (good && !seen.insert({m.rep_id(), m.physician_id()}).second) {
      c.Add(at, absl::StrCat(m.rep_id(), " visiting ", m.physician_id(),
                             " is already among the visits made"));
      good = false;
    }
    if (good) events.made->push_back(m);
  }
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
  if (replan.has_change_penalty() &&
      (!std::isfinite(replan.change_penalty()) || replan.change_penalty() < 0)) {
    c.Add("change_penalty",
          absl::StrCat("must be 0 or more potential points per changed visit, got ",
                       replan.change_penalty()));
  }
  Events events;
  // The actuals and the absences first: they decide which visits were made,
  // and so which a cancellation comes too late for, wherever they stand in
  // the list.
  for (int i = 0; i < replan.events_size(); ++i) {
    const v1::ReplanEvent& e = replan.events(i);
    const std::string field = absl::StrCat("events[", i, "]");
    if (e.has_visits_made()) {
      ReadMade(c, field, planned, e.visits_made(), now, events);
    } else if (e.has_rep_absent()) {
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
    }
  }
  std::map<std::string, int64_t> made;  // physician -> start of a done visit
  for (const Stay& stay : Stays(plan, now, events)) {
    if (stay.made) made[stay.physician_id] = stay.start_seconds;
  }
  for (int i = 0; i < replan.events_size(); ++i) {
    const v1::ReplanEvent& e = replan.events(i);
    const std::string field = absl::StrCat("events[", i, "]");
    if (e.has_visits_made() || e.has_rep_absent()) continue;
    if (e.has_physician_cancelled()) {
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
      c.Add(field, "names no event (rep_absent, physician_cancelled, new_physician or "
                   "visits_made)");
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

namespace {

// The plan's own pins stay, except what the events overtook: a pin of a
// cancelled physician, a visit the absent rep can no longer make, and a pin
// a visit that stays replaces. Then every stay becomes a pin at its time.
void PinStays(const v1::PlanDayRequest& planned, const Events& events,
              const std::vector<Stay>& stays, v1::PlanDayRequest& day) {
  std::set<std::pair<std::string, std::string>> stay_pairs;
  for (const Stay& stay : stays) stay_pairs.insert({stay.physician_id, stay.rep_id});
  day.clear_pins();
  for (const v1::VisitPin& pin : planned.pins()) {
    if (events.cancelled.count(pin.physician_id())) continue;
    if (!pin.done() && events.absent_from.count(pin.rep_id())) continue;
    // The stay says the same at the visit's time (a re-plan's done pins
    // come back as its plan's visits before now).
    if (stay_pairs.count({pin.physician_id(), pin.rep_id()})) continue;
    *day.add_pins() = pin;
  }
  for (const Stay& stay : stays) {
    v1::VisitPin* pin = day.add_pins();
    pin->set_physician_id(stay.physician_id);
    pin->set_rep_id(stay.rep_id);
    pin->set_start_seconds(stay.start_seconds);
    pin->set_done(stay.made);
    pin->set_pinned_by(kReplanner);
    pin->set_reason(stay.made ? absl::StrCat("made at ", validation::Clock(stay.start_seconds))
                              : "before the rep leaves");
  }
}

void LockAbsentReps(const Events& events, v1::PlanDayRequest& day) {
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
}

// Every visit of the plan the events leave to the engine, kept with its
// rep unless changing it pays more than the penalty.
void KeepTheRest(const v1::PlanDayResponse& plan, const Events& events, double penalty,
                 v1::PlanDayRequest& day) {
  std::set<std::string> pinned;
  for (const v1::VisitPin& pin : day.pins()) pinned.insert(pin.physician_id());
  v1::Continuity* continuity = day.mutable_continuity();
  continuity->Clear();
  continuity->set_change_penalty(penalty);
  for (const v1::RepDay& rep_day : plan.rep_days()) {
    if (events.absent_from.count(rep_day.rep_id())) continue;
    for (const v1::Visit& visit : rep_day.visits()) {
      if (pinned.count(visit.physician_id()) || events.cancelled.count(visit.physician_id())) {
        continue;
      }
      v1::KeptVisit* kept = continuity->add_visits();
      kept->set_physician_id(visit.physician_id());
      kept->set_rep_id(rep_day.rep_id());
    }
  }
}

}  // namespace

absl::StatusOr<v1::PlanDayRequest> BuildReplan(const v1::PlanDayRequest& planned,
                                               const v1::PlanDayResponse& plan,
                                               const v1::ReplanRequest& replan) {
  std::vector<FieldViolation> violations;
  const Events events = ReadEvents(planned, plan, replan, violations);
  if (!violations.empty()) return ViolationsToStatus(violations);
  const int64_t now = replan.now_seconds();
  const std::string& date = planned.date();

  v1::PlanDayRequest day = planned;
  const std::vector<Stay> stays = Stays(plan, now, events);
  // Physicians whose visit stays as it is: their windows are not cut at now.
  std::set<std::string> done;
  for (const Stay& stay : stays) done.insert(stay.physician_id);
  PinStays(planned, events, stays, day);
  LockAbsentReps(events, day);
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
  KeepTheRest(plan, events, replan.has_change_penalty() ? replan.change_penalty()
                                                        : kDefaultChangePenalty,
              day);
  return day;
}

}  // namespace callplan
