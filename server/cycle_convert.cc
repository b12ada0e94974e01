#include "server/cycle_convert.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "absl/time/civil_time.h"
#include "server/convert.h"

namespace callplan {
namespace {

template <typename List, typename Value>
bool Contains(const List& list, const Value& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Which reps work on which days: the request's RepWorkingDays by rep.
class WorkingDays {
 public:
  explicit WorkingDays(const v1::PlanCycleRequest& request) {
    for (const v1::RepWorkingDays& days : request.working_days()) {
      by_rep_[days.rep_id()] = &days;
    }
  }

  bool Works(const std::string& rep_id, absl::CivilDay day,
             const std::string& date) const {
    // absl's Weekday starts at Monday = 0, the contract's at MONDAY = 1.
    const int weekday = static_cast<int>(absl::GetWeekday(day)) + 1;
    const auto it = by_rep_.find(rep_id);
    const v1::RepWorkingDays* days = it == by_rep_.end() ? nullptr : it->second;
    if (days == nullptr || days->weekdays().empty()) {
      if (weekday > v1::FRIDAY) return false;  // Monday to Friday
    } else if (!Contains(days->weekdays(), weekday)) {
      return false;
    }
    return days == nullptr || !Contains(days->days_off(), date);
  }

 private:
  std::map<std::string, const v1::RepWorkingDays*> by_rep_;
};

CycleDay DayOf(const v1::PlanDayRequest& base, const WorkingDays& working,
               absl::CivilDay day, int day_number) {
  CycleDay out;
  out.date = absl::FormatCivilTime(day);
  out.day_number = day_number;
  v1::PlanDayRequest request = base;
  request.set_date(out.date);
  request.clear_reps();
  for (const v1::Rep& rep : base.reps()) {
    if (working.Works(rep.id(), day, out.date)) *request.add_reps() = rep;
  }
  out.territory = TerritoryFromProto(request);
  for (Physician& physician : out.territory.physicians) physician.optional = true;
  return out;
}

CallTargets CallTargetsFromProto(const v1::CallTargets& proto) {
  CallTargets targets;
  targets.min_calls = proto.min_calls();
  targets.target_calls = proto.target_calls();
  if (proto.has_max_calls()) targets.max_calls = proto.max_calls();
  return targets;
}

std::vector<double> ResponseOf(const v1::TierTargets* tier,
                               const v1::PlanCycleRequest& request) {
  if (tier != nullptr && !tier->response().empty()) {
    return {tier->response().begin(), tier->response().end()};
  }
  if (!request.response().empty()) {
    return {request.response().begin(), request.response().end()};
  }
  return DefaultResponse();
}

std::vector<PhysicianGoal> GoalsFromProto(const v1::PlanCycleRequest& request) {
  std::map<std::string, const v1::TierTargets*> tiers;
  for (const v1::TierTargets& tier : request.tiers()) tiers[tier.tier()] = &tier;
  std::vector<PhysicianGoal> goals;
  std::map<std::string, size_t> goal_of;
  for (const v1::Physician& physician : request.territory().physicians()) {
    PhysicianGoal goal;
    goal.physician_id = physician.id();
    goal.tier = physician.tier();
    const auto it = tiers.find(physician.tier());
    const v1::TierTargets* tier = it == tiers.end() ? nullptr : it->second;
    if (tier != nullptr) goal.targets = CallTargetsFromProto(tier->calls());
    goal.response = ResponseOf(tier, request);
    goal_of[goal.physician_id] = goals.size();
    goals.push_back(std::move(goal));
  }
  // A physician's own targets win over its tier's.
  for (const v1::PhysicianTarget& target : request.targets()) {
    PhysicianGoal& goal = goals[goal_of.at(target.physician_id())];
    const CallTargets calls = CallTargetsFromProto(target.calls());
    if (target.team_id().empty()) {
      goal.targets = calls;
    } else {
      goal.team_targets[target.team_id()] = calls;
    }
  }
  return goals;
}

}  // namespace

CycleTerritory CycleTerritoryFromProto(const v1::PlanCycleRequest& request) {
  CycleTerritory cycle;
  absl::CivilDay first, last;
  absl::ParseCivilTime(request.first_date(), &first);
  absl::ParseCivilTime(request.last_date(), &last);
  // The distance matrix is converted once and shared by value, not copied
  // through a proto per day as well.
  v1::PlanDayRequest base = request.territory();
  base.clear_distances();
  const DistanceMatrix distances = DistanceMatrixFromProto(request.territory().distances());
  const WorkingDays working(request);
  for (absl::CivilDay day = first; day <= last; ++day) {
    cycle.days.push_back(DayOf(base, working, day, static_cast<int>(day - first)));
    cycle.days.back().territory.distances = distances;
  }
  cycle.goals = GoalsFromProto(request);
  const v1::CycleFairness& fairness = request.cycle_fairness();
  if (fairness.has_max_workload_spread()) {
    cycle.fairness.max_workload_spread = fairness.max_workload_spread();
  }
  if (fairness.has_max_potential_spread()) {
    cycle.fairness.max_potential_spread = fairness.max_potential_spread();
  }
  return cycle;
}

SolveOptions CycleSolveOptionsFromProto(const v1::PlanCycleRequest& request,
                                        double max_seconds) {
  SolveOptions options = SolveOptionsFromProto(request.territory().options());
  const double requested = request.territory().options().time_limit_seconds();
  options.time_limit_seconds =
      std::min(requested > 0 ? requested : kDefaultCycleTimeLimitSeconds, max_seconds);
  return options;
}

namespace {

void AttainmentToProto(const CallAttainment& in, v1::CallAttainment* out) {
  out->set_physician_id(in.physician_id);
  out->set_team_id(in.team_id);
  out->set_tier(in.tier);
  out->set_min_calls(in.targets.min_calls);
  out->set_target_calls(in.targets.target_calls);
  if (in.targets.max_calls) out->set_max_calls(*in.targets.max_calls);
  out->set_planned_calls(static_cast<uint32_t>(in.dates.size()));
  for (const std::string& date : in.dates) out->add_dates(date);
  out->set_value(in.value);
  out->set_target_met(in.target_met());
  out->set_reason(in.reason);
}

void CycleStatsToProto(const CycleStats& in, v1::CycleStats* out) {
  out->set_status(StatusToProto(in.status));
  out->set_objective(in.objective);
  out->set_best_bound(in.best_bound);
  out->set_relative_gap(in.relative_gap);
  out->set_response_value(in.response_value);
  out->set_calls(in.calls);
  out->set_targets(in.targets);
  out->set_targets_met(in.targets_met);
  out->set_minimums_missed(in.minimums_missed);
  out->set_solve_seconds(in.solve_seconds);
  out->set_cycle_iterations(in.cycle_iterations);
  for (const std::string& warning : in.warnings) out->add_warnings(warning);
  out->set_workload_spread(in.workload_spread);
  out->set_potential_spread(in.potential_spread);
  out->set_day_by_day_objective(in.day_by_day_objective);
}

}  // namespace

v1::PlanCycleResponse CyclePlanToProto(const CyclePlan& plan) {
  v1::PlanCycleResponse response;
  for (const CycleDayPlan& day : plan.days) {
    v1::CycleDay* out = response.add_days();
    out->set_date(day.date);
    *out->mutable_plan() = PlanToProto(day.plan);
  }
  for (const CallAttainment& attainment : plan.attainment) {
    AttainmentToProto(attainment, response.add_attainment());
  }
  for (const RepWeek& week : plan.rep_weeks) {
    v1::RepWeek* out = response.add_rep_weeks();
    out->set_rep_id(week.rep_id);
    out->set_week_start(week.week_start);
    out->set_visits(week.visits);
    out->set_potential(week.potential);
  }
  CycleStatsToProto(plan.stats, response.mutable_stats());
  return response;
}

v1::PlanCycleProgress CycleProgressToProto(const CycleProgress& progress) {
  v1::PlanCycleProgress out;
  out.set_elapsed_seconds(progress.elapsed_seconds);
  out.set_stage(progress.stage);
  out.set_days_planned(progress.days_planned);
  out.set_days_total(progress.days_total);
  out.set_has_plan(progress.has_plan);
  out.set_objective(progress.objective);
  out.set_best_bound(progress.best_bound);
  return out;
}

}  // namespace callplan
