#include "solver/cycle/cycle_report.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "solver/cycle/call_gap.h"
#include "solver/cycle/cycle_explain.h"
#include "solver/cycle/cycle_fairness.h"

namespace callplan {
namespace {

// Visit potential per goal and day, from the plans.
std::map<std::string, int> GoalIndex(const CycleCalendar& calendar) {
  std::map<std::string, int> index;
  for (size_t g = 0; g < calendar.goals.size(); ++g) {
    index[absl::StrCat(calendar.goals[g].physician_id, "\n",
                       calendar.goals[g].team_id)] = static_cast<int>(g);
  }
  return index;
}

std::string TeamOfRep(const CycleCalendar& calendar, const std::string& rep) {
  for (const auto& [id, team] : calendar.rep_teams) {
    if (id == rep) return team;
  }
  return "";
}

std::vector<double> ValuePerGoal(const CycleCalendar& calendar,
                                 const std::vector<Plan>& plans) {
  const std::map<std::string, int> index = GoalIndex(calendar);
  std::vector<double> value(calendar.goals.size(), 0.0);
  for (const Plan& plan : plans) {
    for (const RepDay& day : plan.rep_days) {
      const std::string team = TeamOfRep(calendar, day.rep_id);
      for (const Visit& visit : day.visits) {
        auto it = index.find(absl::StrCat(visit.physician_id, "\n", team));
        if (it != index.end()) value[it->second] += visit.potential;
      }
    }
  }
  return value;
}

double TargetWeights(const CallGoal& goal, size_t calls) {
  const double minimum = std::min<size_t>(calls, goal.targets.min_calls);
  const double target = std::min<size_t>(calls, goal.targets.target_calls);
  return minimum * kMinimumCallWeight + target * kTargetCallWeight;
}

std::string Monday(const std::string& date) {
  absl::CivilDay day;
  if (!absl::ParseCivilTime(date, &day)) return date;
  while (absl::GetWeekday(day) != absl::Weekday::monday) --day;
  return absl::FormatCivilTime(day);
}

std::vector<RepWeek> WeeksOf(const CycleTerritory& cycle,
                             const std::vector<Plan>& plans) {
  std::vector<RepWeek> weeks;
  std::map<std::string, size_t> at;  // rep + week -> index
  std::vector<std::string> rep_order;
  for (size_t d = 0; d < plans.size(); ++d) {
    const std::string week = Monday(cycle.days[d].date);
    for (const RepDay& day : plans[d].rep_days) {
      const std::string key = absl::StrCat(day.rep_id, "\n", week);
      auto [it, added] = at.emplace(key, weeks.size());
      if (added) weeks.push_back({day.rep_id, week, 0, 0});
      weeks[it->second].visits += static_cast<uint32_t>(day.visits.size());
      weeks[it->second].potential += day.total_potential;
    }
  }
  std::stable_sort(weeks.begin(), weeks.end(),
                   [](const RepWeek& a, const RepWeek& b) {
                     return a.rep_id != b.rep_id ? a.rep_id < b.rep_id
                                                 : a.week_start < b.week_start;
                   });
  return weeks;
}

}  // namespace

double ScoreOfDays(const CycleCalendar& calendar, const PlannedDays& days) {
  const std::vector<double> value = ValuePerGoal(calendar, days.plans);
  double score = 0;
  for (size_t g = 0; g < calendar.goals.size(); ++g) {
    score += value[g] + TargetWeights(calendar.goals[g], days.calls[g].size());
  }
  return score;
}

CyclePlan AssembleCyclePlan(const CycleTerritory& cycle,
                            const CycleCalendar& calendar,
                            const PlannedDays& days) {
  CyclePlan plan;
  for (size_t d = 0; d < cycle.days.size(); ++d) {
    plan.days.push_back({cycle.days[d].date, days.plans[d]});
  }
  const std::vector<double> value = ValuePerGoal(calendar, days.plans);
  CycleStats& stats = plan.stats;
  for (size_t g = 0; g < calendar.goals.size(); ++g) {
    const CallGoal& goal = calendar.goals[g];
    CallAttainment row;
    row.physician_id = goal.physician_id;
    row.team_id = goal.team_id;
    row.tier = goal.tier;
    row.targets = goal.targets;
    for (int d : days.calls[g]) row.dates.push_back(calendar.dates[d]);
    row.value = value[g];
    row.reason = WhyBelowTarget(calendar, static_cast<int>(g), days);
    stats.response_value += row.value;
    stats.objective += row.value + TargetWeights(goal, row.dates.size());
    stats.calls += static_cast<uint32_t>(row.dates.size());
    if (goal.targets.target_calls > 0) {
      ++stats.targets;
      if (row.target_met()) ++stats.targets_met;
    }
    if (row.dates.size() < goal.targets.min_calls) ++stats.minimums_missed;
    plan.attainment.push_back(std::move(row));
  }
  plan.rep_weeks = WeeksOf(cycle, days.plans);
  const CycleSpreads spreads =
      SpreadsOf(calendar, TotalsOf(calendar, days.plans));
  stats.workload_spread = spreads.workload;
  stats.potential_spread = spreads.potential;
  stats.warnings = days.warnings;
  return plan;
}

std::vector<std::string> RecheckCyclePlan(const CycleTerritory& cycle,
                                          const CycleCalendar& calendar,
                                          const CyclePlan& plan) {
  std::vector<std::string> violations;
  std::map<std::string, std::vector<int>> days_of_physician;
  std::vector<Plan> plans;
  for (size_t d = 0; d < plan.days.size(); ++d) {
    plans.push_back(plan.days[d].plan);
    std::map<std::string, bool> works;
    for (const Rep& rep : cycle.days[d].territory.reps) works[rep.id] = true;
    for (const RepDay& day : plan.days[d].plan.rep_days) {
      if (!day.visits.empty() && !works[day.rep_id]) {
        violations.push_back(absl::StrCat(day.rep_id, " has visits on ",
                                          plan.days[d].date,
                                          ", a day it does not work"));
      }
      for (const Visit& visit : day.visits) {
        std::vector<int>& days = days_of_physician[visit.physician_id];
        if (days.empty() || days.back() != static_cast<int>(d)) {
          days.push_back(static_cast<int>(d));
        }
      }
    }
  }
  for (size_t j = 0; j < calendar.physician_ids.size(); ++j) {
    CheckGap(calendar, static_cast<int>(j),
             days_of_physician[calendar.physician_ids[j]], violations);
  }
  size_t calls = 0;
  for (const CallAttainment& row : plan.attainment) {
    calls += row.dates.size();
    if (row.targets.max_calls && row.dates.size() > *row.targets.max_calls) {
      violations.push_back(absl::StrCat(row.physician_id, " has ",
                                        row.dates.size(), " calls, over its max of ",
                                        *row.targets.max_calls));
    }
  }
  if (calls != plan.stats.calls) {
    violations.push_back("the attainment's calls do not add up to the stats'");
  }
  CheckCycleFairness(calendar, cycle.fairness, TotalsOf(calendar, plans),
                     violations);
  return violations;
}

}  // namespace callplan
