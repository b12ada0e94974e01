#include "solver/cycle/cycle_calendar.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "solver/assignment/problem.h"
#include "solver/assignment/problem_builder.h"
#include "solver/distance.h"
#include "solver/time_dimension.h"

namespace callplan {
namespace {

// Calls beyond the curve earn nothing; beyond the target they meet nothing.
uint32_t UsefulCalls(const CallTargets& targets,
                     const std::vector<double>& response, double potential) {
  uint32_t valued = 0;
  for (double share : response) {
    if (share * potential <= 0) break;
    ++valued;
  }
  uint32_t useful = std::max(valued, targets.target_calls);
  useful = std::max(useful, targets.min_calls);
  if (targets.max_calls) useful = std::min(useful, *targets.max_calls);
  return useful;
}

absl::Status CheckSamePhysicians(const CycleTerritory& cycle) {
  if (cycle.days.empty()) {
    return absl::InvalidArgumentError("days: a cycle has at least one day");
  }
  const std::vector<Physician>& first = cycle.days[0].territory.physicians;
  for (size_t d = 1; d < cycle.days.size(); ++d) {
    const std::vector<Physician>& other = cycle.days[d].territory.physicians;
    bool same = other.size() == first.size();
    for (size_t j = 0; same && j < first.size(); ++j) {
      same = other[j].id == first[j].id;
    }
    if (!same) {
      return absl::InvalidArgumentError(absl::StrCat(
          "days[", d, "].territory.physicians: not the first day's physicians"));
    }
  }
  if (cycle.goals.size() != first.size()) {
    return absl::InvalidArgumentError(
        "goals: one per physician of the territory");
  }
  for (size_t j = 0; j < first.size(); ++j) {
    if (cycle.goals[j].physician_id != first[j].id) {
      return absl::InvalidArgumentError(absl::StrCat(
          "goals[", j, "]: for physician ", first[j].id, ", got ",
          cycle.goals[j].physician_id));
    }
  }
  return absl::OkStatus();
}

std::vector<std::string> TeamIds(const Territory& territory) {
  if (territory.teams.empty()) return {""};
  std::vector<std::string> ids;
  for (const Team& team : territory.teams) ids.push_back(team.id);
  return ids;
}

std::string TeamOf(const Territory& territory, const Rep& rep) {
  return territory.teams.empty() ? "" : rep.team_id;
}

// The day's assignment problem: the same rows PlanDay's model starts from.
struct DayModel {
  const Territory* territory = nullptr;
  std::optional<AssignmentProblem> problem;  // none: nobody works
};

absl::StatusOr<DayModel> ModelOf(const Territory& territory) {
  DayModel day;
  day.territory = &territory;
  if (territory.reps.empty()) return day;
  absl::StatusOr<DistanceTable> table = DistanceTable::ForTerritory(territory);
  if (!table.ok()) return table.status();
  absl::StatusOr<std::optional<TimeDimension>> time =
      TimeDimension::Of(territory, *table);
  if (!time.ok()) return time.status();
  absl::StatusOr<AssignmentProblem> problem = BuildAssignmentProblem(
      territory, *table, time->has_value() ? &**time : nullptr);
  if (!problem.ok()) return problem.status();
  day.problem = std::move(*problem);
  return day;
}

std::string TeamWords(const std::string& team) {
  return team.empty() ? "no rep" : absl::StrCat("no rep of team ", team);
}

std::vector<int> TeamRepsOn(const DayModel& day, const std::string& team) {
  std::vector<int> reps;
  if (!day.problem) return reps;
  for (int r = 0; r < day.problem->num_reps; ++r) {
    if (TeamOf(*day.territory, day.territory->reps[r]) == team) reps.push_back(r);
  }
  return reps;
}

// Why goal (physician j, team) cannot be called on this day ("" = it can).
std::string WhyNotOnDay(const DayModel& day, const std::string& date, int j,
                        const std::string& team,
                        const std::vector<int>& team_reps) {
  if (!day.problem) return absl::StrCat("nobody works on ", date);
  const AssignmentProblem& p = *day.problem;
  if (team_reps.empty()) return absl::StrCat(TeamWords(team), " works on ", date);
  std::string first_reason;
  for (int r : team_reps) {
    const size_t k = PairIndex(p, r, j);
    std::string reason;
    if (!p.allowed.empty() && !p.allowed[k]) {
      reason = p.excluded_reason[j];
    } else if (!p.unavailable_reason.empty() &&
               !p.unavailable_reason[k].empty()) {
      reason = absl::StrCat("for ", day.territory->reps[r].id, " it ",
                            p.unavailable_reason[k]);
    }
    if (reason.empty()) return "";
    if (first_reason.empty()) first_reason = reason;
  }
  return absl::StrCat("on ", date, ": ", first_reason);
}

void AddCapacities(const DayModel& day, int d, const std::vector<int>& goals,
                   const std::vector<CallGoal>& all,
                   const std::vector<int>& team_reps, CycleCalendar& calendar) {
  if (!day.problem || goals.empty() || team_reps.empty()) return;
  const AssignmentProblem& p = *day.problem;
  bool capped = true;
  double visits = 0;
  for (int r : team_reps) {
    capped = capped && p.max_visits[r] > 0;
    visits += p.max_visits[r];
  }
  if (capped) {
    DayCapacityRow row{d, {}, visits, "visit caps"};
    for (int g : goals) row.goal_weights.push_back({g, 1.0});
    calendar.capacities.push_back(std::move(row));
  }
  for (const RepCapacity& capacity : p.capacities) {
    double total = 0;
    bool bounded = true;
    for (int r : team_reps) {
      bounded = bounded && capacity.capacity[r] > 0;
      total += capacity.capacity[r];
    }
    if (!bounded) continue;
    DayCapacityRow row{d, {}, total,
                       capacity.kind == RepCapacity::Kind::kWorkingTime
                           ? "working time"
                           : "route distance"};
    for (int g : goals) {
      double weight = -1;
      for (int r : team_reps) {
        const double w = capacity.weight[PairIndex(p, r, all[g].physician)];
        weight = weight < 0 ? w : std::min(weight, w);
      }
      if (weight > 0) row.goal_weights.push_back({g, weight});
    }
    calendar.capacities.push_back(std::move(row));
  }
}

void ReadContactRules(const Territory& territory, CycleCalendar& calendar) {
  const size_t n = territory.physicians.size();
  calendar.gap_days.resize(n);
  calendar.daily_cap.resize(n);
  calendar.last_history_day.assign(n, std::nullopt);
  calendar.last_history_date.assign(n, "");
  std::map<std::string, size_t> index;
  for (size_t j = 0; j < n; ++j) {
    const Physician& physician = territory.physicians[j];
    index[physician.id] = j;
    calendar.physician_ids.push_back(physician.id);
    calendar.gap_days[j] = physician.contact.min_days_between_visits.value_or(
        territory.contact_rules.min_days_between_visits.value_or(0));
    calendar.daily_cap[j] = physician.contact.max_visits_per_day.value_or(
        territory.contact_rules.max_visits_per_day.value_or(1));
  }
  absl::CivilDay first;
  if (!absl::ParseCivilTime(calendar.dates[0], &first)) return;
  for (const PastVisit& visit : territory.visit_history) {
    auto it = index.find(visit.physician_id);
    absl::CivilDay day;
    if (it == index.end() || !absl::ParseCivilTime(visit.date, &day)) continue;
    const int number = static_cast<int>(day - first);
    if (number >= 0) continue;  // a booking inside the cycle is not history
    std::optional<int>& last = calendar.last_history_day[it->second];
    if (!last || number > *last) {
      last = number;
      calendar.last_history_date[it->second] = visit.date;
    }
  }
}

}  // namespace

double CallGoal::CallValue(uint32_t k) const {
  if (k == 0 || k > response.size()) return 0;
  return potential * response[k - 1];
}

double CallGoal::CallScore(uint32_t k) const {
  if (k == 0 || k > useful_calls) return 0;
  double score = CallValue(k);
  if (k <= targets.min_calls) score += kMinimumCallWeight;
  if (k <= targets.target_calls) score += kTargetCallWeight;
  return score;
}

std::vector<int> CycleCalendar::GoalsOf(int physician) const {
  std::vector<int> of;
  for (size_t g = 0; g < goals.size(); ++g) {
    if (goals[g].physician == physician) of.push_back(static_cast<int>(g));
  }
  return of;
}

absl::StatusOr<CycleCalendar> BuildCycleCalendar(const CycleTerritory& cycle) {
  if (absl::Status same = CheckSamePhysicians(cycle); !same.ok()) return same;
  CycleCalendar calendar;
  calendar.num_days = static_cast<int>(cycle.days.size());
  for (const CycleDay& day : cycle.days) {
    calendar.day_numbers.push_back(day.day_number);
    calendar.dates.push_back(day.date);
  }
  const Territory& base = cycle.days[0].territory;
  ReadContactRules(base, calendar);
  const std::vector<std::string> teams = TeamIds(base);

  std::vector<DayModel> models;
  std::map<std::string, double> best;  // "team\nphysician" -> potential
  std::map<std::string, std::string> rep_team;
  for (const CycleDay& day : cycle.days) {
    absl::StatusOr<DayModel> model = ModelOf(day.territory);
    if (!model.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(day.date, ": ", model.status().message()));
    }
    models.push_back(std::move(*model));
    const DayModel& m = models.back();
    if (!m.problem) continue;
    for (int r = 0; r < m.problem->num_reps; ++r) {
      const std::string team = TeamOf(day.territory, day.territory.reps[r]);
      rep_team[day.territory.reps[r].id] = team;
      for (int j = 0; j < m.problem->num_physicians; ++j) {
        double& b = best[absl::StrCat(team, "\n", j)];
        b = std::max(b, m.problem->potential[PairIndex(*m.problem, r, j)]);
      }
    }
  }
  for (const auto& [rep, team] : rep_team) calendar.rep_teams.push_back({rep, team});

  for (size_t j = 0; j < base.physicians.size(); ++j) {
    const PhysicianGoal& goal = cycle.goals[j];
    for (const std::string& team : teams) {
      auto own = goal.team_targets.find(team);
      const bool explicit_target = own != goal.team_targets.end();
      const double potential = best[absl::StrCat(team, "\n", j)];
      if (potential <= 0 && !explicit_target) continue;
      CallGoal call;
      call.physician = static_cast<int>(j);
      call.physician_id = goal.physician_id;
      call.team_id = team;
      call.tier = goal.tier;
      call.targets = explicit_target ? own->second : goal.targets;
      call.response = goal.response;
      call.potential = potential;
      call.useful_calls = UsefulCalls(call.targets, call.response, potential);
      if (call.useful_calls == 0 && call.targets.target_calls == 0) continue;
      calendar.goals.push_back(std::move(call));
    }
  }

  calendar.why_not.assign(calendar.goals.size(),
                          std::vector<std::string>(calendar.num_days));
  for (int d = 0; d < calendar.num_days; ++d) {
    for (const std::string& team : teams) {
      const std::vector<int> team_reps = TeamRepsOn(models[d], team);
      std::vector<int> callable;
      for (size_t g = 0; g < calendar.goals.size(); ++g) {
        if (calendar.goals[g].team_id != team) continue;
        calendar.why_not[g][d] = WhyNotOnDay(
            models[d], calendar.dates[d], calendar.goals[g].physician, team,
            team_reps);
        if (calendar.why_not[g][d].empty()) callable.push_back(static_cast<int>(g));
      }
      AddCapacities(models[d], d, callable, calendar.goals, team_reps, calendar);
    }
  }
  return calendar;
}

}  // namespace callplan
