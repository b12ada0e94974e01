#include "server/plan_diff.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace callplan {
namespace {

struct PlacedVisit {
  std::string rep_id;
  int64_t start_seconds = 0;
  double potential = 0;
};

// Physician id -> its visits in the plan, in route order of the reps.
std::map<std::string, std::vector<PlacedVisit>> VisitsByPhysician(
    const v1::PlanDayResponse& plan) {
  std::map<std::string, std::vector<PlacedVisit>> out;
  for (const v1::RepDay& day : plan.rep_days()) {
    for (const v1::Visit& visit : day.visits()) {
      out[visit.physician_id()].push_back(
          {day.rep_id(), visit.start_seconds(), visit.potential()});
    }
  }
  return out;
}

v1::VisitChange Change(v1::VisitChange::Kind kind, const std::string& physician,
                       const PlacedVisit* from, const PlacedVisit* to) {
  v1::VisitChange change;
  change.set_kind(kind);
  change.set_physician_id(physician);
  if (from != nullptr) {
    change.set_from_rep_id(from->rep_id);
    change.set_from_start_seconds(from->start_seconds);
    change.set_potential(from->potential);
  }
  if (to != nullptr) {
    change.set_to_rep_id(to->rep_id);
    change.set_to_start_seconds(to->start_seconds);
    change.set_potential(to->potential);
  }
  return change;
}

void DiffPhysician(const std::string& physician,
                   const std::vector<PlacedVisit>& before,
                   const std::vector<PlacedVisit>& after,
                   std::vector<v1::VisitChange>& out) {
  std::vector<bool> before_used(before.size(), false), after_used(after.size(), false);
  for (size_t a = 0; a < after.size(); ++a) {
    for (size_t b = 0; b < before.size(); ++b) {
      if (before_used[b] || before[b].rep_id != after[a].rep_id) continue;
      before_used[b] = after_used[a] = true;
      if (before[b].start_seconds != after[a].start_seconds) {
        out.push_back(Change(v1::VisitChange::RETIMED, physician, &before[b], &after[a]));
      }
      break;
    }
  }
  size_t b = 0;
  for (size_t a = 0; a < after.size(); ++a) {
    if (after_used[a]) continue;
    while (b < before.size() && before_used[b]) ++b;
    if (b < before.size()) {
      before_used[b] = true;
      out.push_back(Change(v1::VisitChange::MOVED, physician, &before[b], &after[a]));
    } else {
      out.push_back(Change(v1::VisitChange::ADDED, physician, nullptr, &after[a]));
    }
  }
  for (size_t d = 0; d < before.size(); ++d) {
    if (!before_used[d]) {
      out.push_back(Change(v1::VisitChange::DROPPED, physician, &before[d], nullptr));
    }
  }
}

const std::string& RepOf(const v1::VisitChange& change) {
  return change.to_rep_id().empty() ? change.from_rep_id() : change.to_rep_id();
}

}  // namespace

v1::PlanDiff DiffPlans(const v1::PlanDayResponse& base,
                       const v1::PlanDayResponse& plan) {
  const auto before = VisitsByPhysician(base);
  const auto after = VisitsByPhysician(plan);
  std::set<std::string> physicians;
  for (const auto& [id, visits] : before) physicians.insert(id);
  for (const auto& [id, visits] : after) physicians.insert(id);
  static const std::vector<PlacedVisit> kNone;
  std::vector<v1::VisitChange> changes;
  for (const std::string& id : physicians) {
    const auto b = before.find(id);
    const auto a = after.find(id);
    DiffPhysician(id, b == before.end() ? kNone : b->second,
                  a == after.end() ? kNone : a->second, changes);
  }
  std::stable_sort(changes.begin(), changes.end(),
                   [](const v1::VisitChange& x, const v1::VisitChange& y) {
                     return std::tie(RepOf(x), x.physician_id()) <
                            std::tie(RepOf(y), y.physician_id());
                   });
  v1::PlanDiff diff;
  for (v1::VisitChange& change : changes) *diff.add_changes() = std::move(change);

  std::map<std::string, v1::RepDayChange> reps;
  for (const v1::RepDay& day : base.rep_days()) {
    v1::RepDayChange& rep = reps[day.rep_id()];
    rep.set_rep_id(day.rep_id());
    rep.set_visits_before(day.visits_size());
    rep.set_potential_before(day.total_potential());
    rep.set_route_distance_before(day.route_distance());
  }
  for (const v1::RepDay& day : plan.rep_days()) {
    v1::RepDayChange& rep = reps[day.rep_id()];
    rep.set_rep_id(day.rep_id());
    rep.set_visits_after(day.visits_size());
    rep.set_potential_after(day.total_potential());
    rep.set_route_distance_after(day.route_distance());
  }
  for (auto& [id, rep] : reps) *diff.add_reps() = std::move(rep);
  diff.set_objective_before(base.stats().objective());
  diff.set_objective_after(plan.stats().objective());
  diff.set_workload_spread_before(base.stats().workload_spread());
  diff.set_workload_spread_after(plan.stats().workload_spread());
  diff.set_potential_spread_before(base.stats().potential_spread());
  diff.set_potential_spread_after(plan.stats().potential_spread());
  return diff;
}

}  // namespace callplan
