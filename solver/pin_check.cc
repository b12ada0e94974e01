#include "solver/pin_check.h"

#include <set>

#include "absl/strings/str_cat.h"

namespace callplan {
namespace {

const RepDay* DayOf(const Plan& plan, const std::string& rep_id) {
  for (const RepDay& day : plan.rep_days) {
    if (day.rep_id == rep_id) return &day;
  }
  return nullptr;
}

const Visit* VisitOf(const RepDay* day, const std::string& physician_id) {
  if (day == nullptr) return nullptr;
  for (const Visit& visit : day->visits) {
    if (visit.physician_id == physician_id) return &visit;
  }
  return nullptr;
}

bool Timed(const RepDay& day) {
  return day.end_seconds > 0 || day.start_seconds > 0;
}

}  // namespace

std::vector<std::string> PinProblems(const Territory& territory, const Plan& plan) {
  std::vector<std::string> problems;
  if (plan.stats.status == PlanStatus::kInfeasible) return problems;
  for (const VisitPin& pin : territory.pins) {
    const RepDay* day = DayOf(plan, pin.rep_id);
    const Visit* visit = VisitOf(day, pin.physician_id);
    const std::string what =
        absl::StrCat("the pin of ", pin.physician_id, " to ", pin.rep_id);
    if (visit == nullptr) {
      problems.push_back(what + " is not kept");
    } else if (pin.start_seconds && Timed(*day) &&
               visit->start_seconds != *pin.start_seconds) {
      problems.push_back(absl::StrCat(what, " starts at ", ClockTime(visit->start_seconds),
                                      ", not at the pinned ",
                                      ClockTime(*pin.start_seconds)));
    }
  }
  for (const ForbiddenVisit& forbid : territory.forbidden_visits) {
    if (VisitOf(DayOf(plan, forbid.rep_id), forbid.physician_id) != nullptr) {
      problems.push_back(absl::StrCat(forbid.rep_id, " visits ", forbid.physician_id,
                                      ", which ", forbid.pinned_by, " forbade"));
    }
  }
  for (const LockedDay& lock : territory.locked_days) {
    std::set<std::string> pinned;
    for (const VisitPin& pin : territory.pins) {
      if (pin.rep_id == lock.rep_id) pinned.insert(pin.physician_id);
    }
    const RepDay* day = DayOf(plan, lock.rep_id);
    if (day == nullptr) continue;
    for (const Visit& visit : day->visits) {
      if (pinned.count(visit.physician_id) == 0) {
        problems.push_back(absl::StrCat(lock.rep_id, "'s day is locked, yet it visits ",
                                        visit.physician_id, ", which is not pinned"));
      }
    }
  }
  return problems;
}

}  // namespace callplan
