#include "plugins/plan_review.h"

#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"

namespace callplan::crm {
namespace {

std::string Clock(int64_t seconds) {
  return absl::StrFormat("%02d:%02d", seconds / 3600, seconds / 60 % 60);
}

std::string When(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%d %H:%M UTC", absl::FromUnixSeconds(t.seconds()),
                          absl::UTCTimeZone());
}

class Names {
 public:
  explicit Names(const CrmBundle* bundle) {
    if (bundle == nullptr) return;
    for (const CrmRep& rep : bundle->reps) reps_[rep.id] = rep.name;
    for (const CrmPhysician& p : bundle->physicians) physicians_[p.id] = p.name;
  }
  std::string Rep(const std::string& id) const { return Named(reps_, id); }
  std::string Physician(const std::string& id) const { return Named(physicians_, id); }

 private:
  static std::string Named(const std::map<std::string, std::string>& names,
                           const std::string& id) {
    const auto it = names.find(id);
    return it == names.end() || it->second.empty() ? id
                                                   : absl::StrCat(id, " ", it->second);
  }
  std::map<std::string, std::string> reps_, physicians_;
};

std::string ChangeLine(const v1::VisitChange& c, const Names& names) {
  const std::string who = names.Physician(c.physician_id());
  switch (c.kind()) {
    case v1::VisitChange::ADDED:
      return absl::StrCat("+ ", who, " at ", Clock(c.to_start_seconds()),
                          " (added, potential ", absl::StrFormat("%.1f", c.potential()),
                          ")");
    case v1::VisitChange::DROPPED:
      return absl::StrCat("- ", who, " (dropped; was at ",
                          Clock(c.from_start_seconds()), ")");
    case v1::VisitChange::MOVED:
      return absl::StrCat("> ", who, " moved from ", names.Rep(c.from_rep_id()),
                          " (", Clock(c.from_start_seconds()), " -> ",
                          Clock(c.to_start_seconds()), ")");
    case v1::VisitChange::RETIMED:
      return absl::StrCat("~ ", who, " re-timed ", Clock(c.from_start_seconds()),
                          " -> ", Clock(c.to_start_seconds()));
    default:
      return absl::StrCat("? ", who);
  }
}

// The manager's decisions the plan was made with, one line each.
std::vector<std::string> DecisionLines(const v1::PlanDayRequest& request,
                                       const Names& names) {
  std::vector<std::string> lines;
  auto by = [](const std::string& who, const std::string& why) {
    return absl::StrCat(" by ", who, why.empty() ? "" : absl::StrCat(": ", why));
  };
  for (const v1::VisitPin& pin : request.pins()) {
    lines.push_back(absl::StrCat(
        pin.done() ? "done  " : "pin   ", names.Physician(pin.physician_id()),
        " -> ", names.Rep(pin.rep_id()),
        pin.has_start_seconds() ? absl::StrCat(" at ", Clock(pin.start_seconds())) : "",
        by(pin.pinned_by(), pin.reason())));
  }
  for (const v1::ForbiddenVisit& forbid : request.forbidden_visits()) {
    lines.push_back(absl::StrCat("forbid ", names.Rep(forbid.rep_id()), " -x- ",
                                 names.Physician(forbid.physician_id()),
                                 by(forbid.pinned_by(), forbid.reason())));
  }
  for (const v1::LockedDay& lock : request.locked_days()) {
    lines.push_back(absl::StrCat("lock  ", names.Rep(lock.rep_id()), "'s day",
                                 by(lock.pinned_by(), lock.reason())));
  }
  return lines;
}

}  // namespace

std::string PlanStateWord(v1::PlanState state) {
  return v1::PlanState_Name(state);
}

std::string PlanReviewText(const v1::StoredPlan& plan, const v1::PlanDiff& diff,
                           const CrmBundle* bundle) {
  const Names names(bundle);
  const v1::PlanSummary& s = plan.summary();
  std::string out = absl::StrCat(
      "plan ", s.plan_id(), "  ", PlanStateWord(s.state()), " version ", s.version(),
      "\n  territory ", s.territory_id(), ", ", s.date(), ", teams ",
      s.team_ids().empty() ? "(none)" : absl::StrJoin(s.team_ids(), ", "),
      "\n  ", s.visits(), " visits, potential ", absl::StrFormat("%.1f", s.objective()),
      "\n");
  if (!s.superseded_by().empty()) {
    absl::StrAppend(&out, "  superseded by ", s.superseded_by(), "\n");
  }
  absl::StrAppend(&out, "history:\n");
  for (const v1::PlanStep& step : plan.history()) {
    absl::StrAppend(&out, "  v", step.version(), " ", PlanStateWord(step.state()),
                    " by ", step.actor(), " at ", When(step.time()),
                    step.reason().empty() ? "" : absl::StrCat(": ", step.reason()),
                    "\n");
  }
  const std::vector<std::string> decisions = DecisionLines(plan.request(), names);
  absl::StrAppend(&out, decisions.empty() ? "no pins, forbidden visits or locked days\n"
                                          : "manager's decisions:\n");
  for (const std::string& line : decisions) absl::StrAppend(&out, "  ", line, "\n");
  absl::StrAppend(
      &out, diff.base_plan_id().empty()
                ? "against: no published plan for this day (every visit is new)\n"
                : absl::StrCat("against: published plan ", diff.base_plan_id(), "\n"));
  absl::StrAppend(
      &out, absl::StrFormat("potential %.1f -> %.1f | workload spread %d -> %d | "
                            "potential spread %.1f -> %.1f\n",
                            diff.objective_before(), diff.objective_after(),
                            diff.workload_spread_before(), diff.workload_spread_after(),
                            diff.potential_spread_before(),
                            diff.potential_spread_after()));
  std::map<std::string, std::vector<const v1::VisitChange*>> by_rep;
  for (const v1::VisitChange& c : diff.changes()) {
    by_rep[c.to_rep_id().empty() ? c.from_rep_id() : c.to_rep_id()].push_back(&c);
  }
  absl::StrAppend(&out, diff.changes().empty() ? "no visit changes\n"
                                               : absl::StrCat(diff.changes_size(),
                                                              " visit changes\n"));
  for (const v1::RepDayChange& rep : diff.reps()) {
    absl::StrAppend(
        &out,
        absl::StrFormat("  %-24s visits %2d -> %2d  potential %6.1f -> %6.1f  "
                        "route %6.1f -> %6.1f\n",
                        names.Rep(rep.rep_id()), rep.visits_before(),
                        rep.visits_after(), rep.potential_before(),
                        rep.potential_after(), rep.route_distance_before(),
                        rep.route_distance_after()));
    for (const v1::VisitChange* c : by_rep[rep.rep_id()]) {
      absl::StrAppend(&out, "      ", ChangeLine(*c, names), "\n");
    }
  }
  return out;
}

}  // namespace callplan::crm
