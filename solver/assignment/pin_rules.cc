#include "solver/assignment/pin_rules.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace callplan {
namespace {

// " (their words)" or "".
std::string Because(const std::string& reason) {
  return reason.empty() ? "" : absl::StrCat(": ", reason);
}

class Index {
 public:
  explicit Index(const Territory& t) {
    for (size_t i = 0; i < t.reps.size(); ++i) reps_[t.reps[i].id] = static_cast<int>(i);
    for (size_t j = 0; j < t.physicians.size(); ++j) {
      physicians_[t.physicians[j].id] = static_cast<int>(j);
    }
  }
  int Rep(const std::string& id) const { return Find(reps_, id); }
  int Physician(const std::string& id) const { return Find(physicians_, id); }

 private:
  static int Find(const std::map<std::string, int>& ids, const std::string& id) {
    auto it = ids.find(id);
    return it == ids.end() ? -1 : it->second;
  }
  std::map<std::string, int> reps_, physicians_;
};

// A done visit happened: the rules of today may no longer forbid it.
void WidenForDone(const PinnedVisit& pin, std::vector<int>& done_of_physician,
                  std::vector<int>& done_of_rep, AssignmentProblem& p) {
  if (!p.allowed.empty()) p.allowed[PairIndex(p, pin.rep, pin.physician)] = true;
  const int on_physician = ++done_of_physician[pin.physician];
  if (p.physician_daily_cap.empty()) p.physician_daily_cap.assign(p.num_physicians, 1);
  uint32_t& cap = p.physician_daily_cap[pin.physician];
  cap = std::max<uint32_t>(cap, on_physician);
  const int of_rep = ++done_of_rep[pin.rep];
  if (p.max_visits[pin.rep] > 0) {
    p.max_visits[pin.rep] = std::max<uint32_t>(p.max_visits[pin.rep], of_rep);
  }
}

absl::Status AddPinnedVisits(const Territory& t, const Index& index,
                             AssignmentProblem& p) {
  std::vector<int> done_of_physician(p.num_physicians, 0), done_of_rep(p.num_reps, 0);
  for (size_t k = 0; k < t.pins.size(); ++k) {
    const VisitPin& pin = t.pins[k];
    PinnedVisit visit;
    visit.rep = index.Rep(pin.rep_id);
    visit.physician = index.Physician(pin.physician_id);
    if (visit.rep < 0 || visit.physician < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "pins[", k, "]: no rep ", pin.rep_id, " or no physician ",
          pin.physician_id, " in the territory"));
    }
    visit.done = pin.done;
    visit.start_seconds = pin.start_seconds;
    visit.pinned_by = pin.pinned_by;
    visit.reason = pin.reason;
    if (visit.done) WidenForDone(visit, done_of_physician, done_of_rep, p);
    p.pins_of_rep[visit.rep].push_back(static_cast<int>(p.pins.size()));
    p.pins.push_back(std::move(visit));
  }
  return absl::OkStatus();
}

// Other reps may not see a pinned physician today.
void RuleOutOthersOfPinned(AssignmentProblem& p) {
  std::vector<std::vector<const PinnedVisit*>> pins_of(p.num_physicians);
  for (const PinnedVisit& pin : p.pins) pins_of[pin.physician].push_back(&pin);
  for (int j = 0; j < p.num_physicians; ++j) {
    if (pins_of[j].empty()) continue;
    std::vector<std::string> to;
    for (const PinnedVisit* pin : pins_of[j]) {
      to.push_back(absl::StrCat(RepName(p, pin->rep), " by ", pin->pinned_by));
    }
    const std::string why = absl::StrCat(PhysicianName(p, j), " is pinned to ",
                                         absl::StrJoin(to, " and "), " today");
    for (int i = 0; i < p.num_reps; ++i) {
      const bool pinned = std::any_of(pins_of[j].begin(), pins_of[j].end(),
                                      [i](const PinnedVisit* pin) { return pin->rep == i; });
      if (!pinned) p.decision_reason[PairIndex(p, i, j)] = why;
    }
  }
}

}  // namespace

absl::Status AddPins(const Territory& t, AssignmentProblem& p) {
  if (t.pins.empty() && t.forbidden_visits.empty() && t.locked_days.empty()) {
    return absl::OkStatus();
  }
  const Index index(t);
  p.decision_reason.assign(static_cast<size_t>(p.num_reps) * p.num_physicians, "");
  p.pins_of_rep.assign(p.num_reps, {});
  if (absl::Status added = AddPinnedVisits(t, index, p); !added.ok()) return added;
  RuleOutOthersOfPinned(p);
  p.day_locked.assign(p.num_reps, false);
  for (size_t k = 0; k < t.locked_days.size(); ++k) {
    const LockedDay& lock = t.locked_days[k];
    const int i = index.Rep(lock.rep_id);
    if (i < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("locked_days[", k, "].rep_id: no rep ", lock.rep_id));
    }
    p.day_locked[i] = true;
    const std::string why =
        absl::StrCat(lock.pinned_by, " locked ", RepName(p, i),
                     "'s day to its pinned visits", Because(lock.reason));
    for (int j = 0; j < p.num_physicians; ++j) {
      std::string& reason = p.decision_reason[PairIndex(p, i, j)];
      const bool pinned = std::any_of(
          p.pins_of_rep[i].begin(), p.pins_of_rep[i].end(),
          [&](int pin) { return p.pins[pin].physician == j; });
      if (!pinned && reason.empty()) reason = why;
    }
  }
  for (size_t k = 0; k < t.forbidden_visits.size(); ++k) {
    const ForbiddenVisit& forbid = t.forbidden_visits[k];
    const int i = index.Rep(forbid.rep_id), j = index.Physician(forbid.physician_id);
    if (i < 0 || j < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "forbidden_visits[", k, "]: no rep ", forbid.rep_id,
          " or no physician ", forbid.physician_id, " in the territory"));
    }
    p.decision_reason[PairIndex(p, i, j)] =
        absl::StrCat(forbid.pinned_by, " forbade ", RepName(p, i), " to visit ",
                     PhysicianName(p, j), Because(forbid.reason));
  }
  return absl::OkStatus();
}

}  // namespace callplan
