#include "solver/cycle/cycle_days.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "solver/cycle/call_gap.h"
#include "solver/cycle/cycle_fairness.h"
#include "solver/planner.h"
#include "solver/potential.h"

namespace callplan {
namespace {

std::string GoalKey(const std::string& physician, const std::string& team) {
  return absl::StrCat(physician, "\n", team);
}

bool StillAllowed(const CycleCalendar& calendar, int goal, int day,
                  const PlannedDays& so_far) {
  const CallGoal& g = calendar.goals[goal];
  return calendar.Callable(goal, day) &&
         so_far.calls[goal].size() < g.useful_calls &&
         GapAllows(calendar, g.physician, day, so_far.visit_days[g.physician]);
}

double ResponseShare(const CallGoal& goal, size_t k) {
  return k >= 1 && k <= goal.response.size() ? goal.response[k - 1] : 0;
}

using TeamProducts = std::map<std::string, std::set<std::string>>;

TeamProducts ProductsOfTeams(const CycleTerritory& cycle) {
  TeamProducts products;
  for (const CycleDay& day : cycle.days) {
    for (const Rep& rep : day.territory.reps) {
      const std::string team = day.territory.teams.empty() ? "" : rep.team_id;
      for (const std::string& p : PromotedProducts(day.territory, rep)) {
        products[team].insert(p);
      }
    }
  }
  return products;
}

// The day's territory with only the offered calls, each product's
// potential scaled by the response share of the call its team would make.
Territory OfferedDay(const Territory& day, const CycleCalendar& calendar,
                     const std::vector<int>& offered, const GoalCalls& made,
                     const TeamProducts& team_products) {
  Territory t = day;
  t.physicians.clear();
  std::map<int, std::vector<int>> by_physician;
  for (int g : offered) by_physician[calendar.goals[g].physician].push_back(g);
  for (const auto& [j, goals] : by_physician) {
    Physician physician = day.physicians[j];
    physician.optional = true;
    if (!day.teams.empty()) {
      for (int g : goals) physician.visiting_teams.push_back(calendar.goals[g].team_id);
    }
    // A product two offered teams both promote takes the smaller share, so
    // no call is worth more than its own team's response (the cycle
    // model's bound counts each call at its team's share).
    for (auto& [product, potential] : physician.product_potential) {
      double share = -1;
      for (int g : goals) {
        const CallGoal& goal = calendar.goals[g];
        auto products = team_products.find(goal.team_id);
        const bool promotes = goal.team_id.empty() ||
                              (products != team_products.end() &&
                               products->second.count(product) > 0);
        if (!promotes) continue;
        const double own = ResponseShare(goal, made[g].size() + 1);
        share = share < 0 ? own : std::min(share, own);
      }
      potential *= std::max(share, 0.0);
    }
    t.physicians.push_back(std::move(physician));
  }
  return t;
}

// The day's visits: each a call of its goal when the goal was offered
// today (a rep of another team may still visit, for nothing), and a visit
// day of its physician either way.
void RecordCalls(const Plan& plan, const Territory& day, int d,
                 const std::map<std::string, int>& goal_of,
                 const std::map<std::string, int>& physician_of,
                 const std::vector<int>& offered, PlannedDays& days) {
  std::map<std::string, std::string> team_of;
  for (const Rep& rep : day.reps) {
    team_of[rep.id] = day.teams.empty() ? "" : rep.team_id;
  }
  const std::set<int> offered_today(offered.begin(), offered.end());
  for (const RepDay& rep_day : plan.rep_days) {
    for (const Visit& visit : rep_day.visits) {
      auto it = goal_of.find(GoalKey(visit.physician_id, team_of[rep_day.rep_id]));
      auto physician = physician_of.find(visit.physician_id);
      if (physician != physician_of.end()) {
        std::vector<int>& visited = days.visit_days[physician->second];
        if (visited.empty() || visited.back() != d) visited.push_back(d);
      }
      if (it == goal_of.end() || offered_today.count(it->second) == 0) continue;
      days.calls[it->second].push_back(d);
      ++days.made[d];
    }
  }
}

// Reps the cycle's fairness kept home still have their (empty) day, in the
// day's rep order.
void AddIdleReps(const Territory& day, const std::vector<std::string>& idle,
                 Plan& plan) {
  if (idle.empty()) return;
  std::vector<RepDay> ordered;
  for (const Rep& rep : day.reps) {
    auto planned = std::find_if(plan.rep_days.begin(), plan.rep_days.end(),
                                [&](const RepDay& d) { return d.rep_id == rep.id; });
    if (planned != plan.rep_days.end()) {
      ordered.push_back(std::move(*planned));
      continue;
    }
    RepDay empty;
    empty.rep_id = rep.id;
    empty.shift = rep.shift;
    if (rep.shift) empty.start_seconds = empty.end_seconds = rep.shift->start_seconds;
    ordered.push_back(std::move(empty));
  }
  plan.rep_days = std::move(ordered);
  plan.stats.warnings.push_back(absl::StrCat(
      "no visits for ", absl::StrJoin(idle, ", "),
      " today: the cycle's workload spread keeps them from going further ahead"));
}

}  // namespace

std::vector<int> EveryAllowedCall(const CycleCalendar& calendar, int day,
                                  const PlannedDays& so_far) {
  std::vector<int> offered;
  for (size_t g = 0; g < calendar.goals.size(); ++g) {
    if (StillAllowed(calendar, static_cast<int>(g), day, so_far)) {
      offered.push_back(static_cast<int>(g));
    }
  }
  return offered;
}

absl::StatusOr<PlannedDays> PlanDaysInOrder(
    const CycleTerritory& cycle, const CycleCalendar& calendar,
    const DayOffer& offer, const SolveOptions& day_options,
    const SolveControl& control, const std::function<void(int)>& on_day) {
  PlannedDays days;
  days.calls.assign(calendar.goals.size(), {});
  days.visit_days.assign(calendar.physician_ids.size(), {});
  days.plans.resize(cycle.days.size());
  days.offered.assign(cycle.days.size(), {});
  days.made.assign(cycle.days.size(), 0);
  std::map<std::string, int> goal_of;
  for (size_t g = 0; g < calendar.goals.size(); ++g) {
    goal_of[GoalKey(calendar.goals[g].physician_id, calendar.goals[g].team_id)] =
        static_cast<int>(g);
  }
  std::map<std::string, int> physician_of;
  for (size_t j = 0; j < calendar.physician_ids.size(); ++j) {
    physician_of[calendar.physician_ids[j]] = static_cast<int>(j);
  }
  const TeamProducts team_products = ProductsOfTeams(cycle);
  for (size_t d = 0; d < cycle.days.size(); ++d) {
    const Territory& day = cycle.days[d].territory;
    Plan& plan = days.plans[d];
    plan.stats.status = PlanStatus::kOptimal;
    if (day.reps.empty()) continue;
    if ((control.should_stop && control.should_stop()) ||
        absl::Now() >= control.deadline) {
      days.complete = false;
      days.warnings.push_back(absl::StrCat(
          "time ran out before ", cycle.days[d].date, ": from it on no visits"));
      break;
    }
    std::vector<int> offered;
    for (int g : offer(static_cast<int>(d), days)) {
      if (StillAllowed(calendar, g, static_cast<int>(d), days)) {
        offered.push_back(g);
      }
    }
    days.offered[d] = offered;
    std::vector<std::string> idle;
    const Territory capped = CapForCycleSpread(
        day, calendar, cycle.fairness,
        TotalsOf(calendar, {days.plans.begin(), days.plans.begin() + d}), idle);
    const Territory planned =
        OfferedDay(capped, calendar, offered, days.calls, team_products);
    if (planned.reps.empty()) {
      AddIdleReps(day, idle, plan);
      continue;
    }
    absl::StatusOr<Plan> result = PlanDay(planned, day_options, control);
    if (!result.ok() && !absl::IsDeadlineExceeded(result.status())) {
      return absl::Status(result.status().code(),
                          absl::StrCat(cycle.days[d].date, ": ",
                                       result.status().message()));
    }
    if (!result.ok() || result->stats.status == PlanStatus::kInfeasible) {
      days.every_day_optimal = false;
      days.warnings.push_back(absl::StrCat(
          cycle.days[d].date, ": no plan for the day (",
          result.ok() ? absl::StrJoin(result->stats.infeasibility.reasons, "; ")
                      : std::string(result.status().message()),
          "), so no visits"));
      if (!result.ok()) days.complete = false;
      continue;
    }
    plan = std::move(*result);
    ++days.days_planned;
    AddIdleReps(day, idle, plan);
    if (plan.stats.status != PlanStatus::kOptimal) days.every_day_optimal = false;
    RecordCalls(plan, planned, static_cast<int>(d), goal_of, physician_of,
                offered, days);
    if (on_day) on_day(static_cast<int>(d));
  }
  return days;
}

}  // namespace callplan
