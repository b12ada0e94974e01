#include "server/validate_pins.h"

#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace callplan::validation {
namespace {

constexpr int64_t kDaySeconds = 86400;

struct Ids {
  std::map<std::string, const v1::Rep*> reps;
  std::map<std::string, const v1::Physician*> physicians;
};

Ids IdsOf(const v1::PlanDayRequest& request) {
  Ids ids;
  for (const v1::Rep& rep : request.reps()) ids.reps.emplace(rep.id(), &rep);
  for (const v1::Physician& physician : request.physicians()) {
    ids.physicians.emplace(physician.id(), &physician);
  }
  return ids;
}

// Both ids known; false (with the violations) otherwise.
bool CheckPair(Collector& c, const std::string& field, const Ids& ids,
               const std::string& rep_id, const std::string& physician_id) {
  bool known = true;
  if (ids.reps.count(rep_id) == 0) {
    c.Add(field + ".rep_id", absl::StrCat("no rep ", rep_id.empty() ? "\"\"" : rep_id,
                                          " in the request"));
    known = false;
  }
  if (ids.physicians.count(physician_id) == 0) {
    c.Add(field + ".physician_id",
          absl::StrCat("no physician ", physician_id.empty() ? "\"\"" : physician_id,
                       " in the request"));
    known = false;
  }
  return known;
}

uint32_t DailyCap(const v1::PlanDayRequest& request, const v1::Physician& p) {
  if (p.contact().has_max_visits_per_day()) return p.contact().max_visits_per_day();
  if (request.contact_rules().has_max_visits_per_day()) {
    return request.contact_rules().max_visits_per_day();
  }
  return 1;
}

void CheckStart(Collector& c, const std::string& field, const v1::VisitPin& pin,
                const v1::Rep& rep) {
  if (!pin.has_start_seconds()) {
    if (pin.done()) {
      c.Add(field + ".start_seconds",
            "a done visit needs the time it started (seconds after midnight)");
    }
    return;
  }
  const int64_t t = pin.start_seconds();
  if (t < 0 || t > kDaySeconds) {
    c.Add(field + ".start_seconds",
          absl::StrCat("must be between 0 and 86400 (seconds after midnight), got ", t));
    return;
  }
  if (rep.has_shift() &&
      (t < rep.shift().start_seconds() || t > rep.shift().end_seconds())) {
    c.Add(field + ".start_seconds",
          absl::StrCat(Clock(t), " is outside ", rep.id(), "'s shift ",
                       Clock(rep.shift().start_seconds()), "-",
                       Clock(rep.shift().end_seconds())));
  }
}

// Pins of one physician: not twice to one rep, not to two reps of one
// team, no more than its daily cap.
void CheckPinsOfPhysician(Collector& c, const v1::PlanDayRequest& request,
                          const v1::Physician& physician,
                          const std::vector<std::pair<int, const v1::Rep*>>& pins) {
  std::map<std::string, int> by_rep, by_team;
  for (const auto& [k, rep] : pins) {
    const std::string field = absl::StrCat("pins[", k, "]");
    auto [same_rep, fresh_rep] = by_rep.emplace(rep->id(), k);
    if (!fresh_rep) {
      c.Add(field, absl::StrCat(physician.id(), " is already pinned to ", rep->id(),
                                " (pins[", same_rep->second, "])"));
      continue;
    }
    auto [same_team, fresh_team] = by_team.emplace(rep->team_id(), k);
    if (!fresh_team) {
      c.Add(field, absl::StrCat(
                       physician.id(), " is already pinned to ",
                       request.pins(same_team->second).rep_id(),
                       rep->team_id().empty() ? "" : absl::StrCat(" of team ", rep->team_id()),
                       " (pins[", same_team->second,
                       "]); one team visits a physician at most once a day"));
    }
  }
  // Reps, not pins: a second pin to one rep is refused above.
  const uint32_t cap = DailyCap(request, physician);
  if (by_rep.size() > cap) {
    c.Add(absl::StrCat("pins[", pins.back().first, "]"),
          absl::StrCat(physician.id(), " is pinned to ", by_rep.size(),
                       " reps, more than its daily cap of ", cap,
                       " visits (contact_rules.max_visits_per_day)"));
  }
}

// A re-plan's kept visits name the request's reps and physicians, each
// pair once; the penalty is a number of potential points.
void CheckContinuity(Collector& c, const v1::PlanDayRequest& request, const Ids& ids) {
  const v1::Continuity& continuity = request.continuity();
  const double penalty = continuity.change_penalty();
  if (!std::isfinite(penalty) || penalty < 0) {
    c.Add("continuity.change_penalty",
          absl::StrCat("must be 0 or more potential points per changed visit, got ", penalty));
  }
  std::map<std::pair<std::string, std::string>, int> seen;
  for (int k = 0; k < continuity.visits_size(); ++k) {
    const v1::KeptVisit& kept = continuity.visits(k);
    const std::string field = absl::StrCat("continuity.visits[", k, "]");
    if (!CheckPair(c, field, ids, kept.rep_id(), kept.physician_id())) continue;
    auto [first, fresh] = seen.emplace(std::make_pair(kept.rep_id(), kept.physician_id()), k);
    if (!fresh) {
      c.Add(field, absl::StrCat(kept.physician_id(), " with ", kept.rep_id(),
                                " is already kept (continuity.visits[", first->second, "])"));
    }
  }
}

}  // namespace

void CheckPins(Collector& c, const v1::PlanDayRequest& request) {
  const Ids ids = IdsOf(request);
  std::map<std::string, std::vector<std::pair<int, const v1::Rep*>>> pins_of;
  std::map<std::pair<std::string, std::string>, int> pinned_pair;
  for (int k = 0; k < request.pins_size(); ++k) {
    const v1::VisitPin& pin = request.pins(k);
    const std::string field = absl::StrCat("pins[", k, "]");
    if (!CheckPair(c, field, ids, pin.rep_id(), pin.physician_id())) continue;
    const v1::Rep& rep = *ids.reps.at(pin.rep_id());
    CheckStart(c, field, pin, rep);
    pins_of[pin.physician_id()].emplace_back(k, &rep);
    pinned_pair.emplace(std::make_pair(pin.rep_id(), pin.physician_id()), k);
  }
  for (const auto& [physician_id, pins] : pins_of) {
    CheckPinsOfPhysician(c, request, *ids.physicians.at(physician_id), pins);
  }
  for (int k = 0; k < request.forbidden_visits_size(); ++k) {
    const v1::ForbiddenVisit& forbid = request.forbidden_visits(k);
    const std::string field = absl::StrCat("forbidden_visits[", k, "]");
    if (!CheckPair(c, field, ids, forbid.rep_id(), forbid.physician_id())) continue;
    auto pinned = pinned_pair.find({forbid.rep_id(), forbid.physician_id()});
    if (pinned != pinned_pair.end()) {
      c.Add(field, absl::StrCat(forbid.physician_id(), " is also pinned to ",
                                forbid.rep_id(), " (pins[", pinned->second,
                                "]); a pair is pinned or forbidden, not both"));
    }
  }
  std::map<std::string, int> locked;
  for (int k = 0; k < request.locked_days_size(); ++k) {
    const std::string& rep_id = request.locked_days(k).rep_id();
    const std::string field = absl::StrCat("locked_days[", k, "].rep_id");
    if (ids.reps.count(rep_id) == 0) {
      c.Add(field, absl::StrCat("no rep ", rep_id.empty() ? "\"\"" : rep_id,
                                " in the request"));
      continue;
    }
    auto [first, fresh] = locked.emplace(rep_id, k);
    if (!fresh) {
      c.Add(field, absl::StrCat(rep_id, "'s day is already locked (locked_days[",
                                first->second, "])"));
    }
  }
  CheckContinuity(c, request, ids);
}

}  // namespace callplan::validation
