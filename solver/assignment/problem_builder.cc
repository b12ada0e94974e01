#include "solver/assignment/problem_builder.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "solver/assignment/continuity.h"
#include "solver/assignment/pin_rules.h"
#include "solver/assignment/time_rules.h"
#include "solver/assignment/travel_bounds.h"
#include "solver/contact_rules.h"
#include "solver/potential.h"

namespace callplan {
namespace {

// Reps' teams as balance groups, each with its own bounds: the team's
// policy when it has one, else the territory's fairness.
absl::StatusOr<std::vector<const FairnessBounds*>> GroupReps(
    const Territory& territory, AssignmentProblem& problem) {
  std::vector<const FairnessBounds*> bounds_of_rep(territory.reps.size(),
                                                   &territory.fairness);
  if (territory.teams.empty()) {
    BalanceGroup all;
    for (size_t i = 0; i < territory.reps.size(); ++i) {
      all.reps.push_back(static_cast<int>(i));
    }
    all.max_workload_spread = territory.fairness.max_workload_spread;
    all.max_potential_spread = territory.fairness.max_potential_spread;
    problem.teams.push_back(std::move(all));
    return bounds_of_rep;
  }
  std::map<std::string, size_t> team_index;
  for (const Team& team : territory.teams) {
    const FairnessBounds& bounds =
        team.policy ? *team.policy : territory.fairness;
    BalanceGroup group;
    group.team_id = team.id;
    group.max_workload_spread = bounds.max_workload_spread;
    group.max_potential_spread = bounds.max_potential_spread;
    team_index[team.id] = problem.teams.size();
    problem.teams.push_back(std::move(group));
  }
  for (size_t i = 0; i < territory.reps.size(); ++i) {
    auto it = team_index.find(territory.reps[i].team_id);
    if (it == team_index.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "reps[", i, "].team_id: \"", territory.reps[i].team_id,
          "\" is not one of the request's teams"));
    }
    problem.teams[it->second].reps.push_back(static_cast<int>(i));
    const Team& team = territory.teams[it->second];
    if (team.policy) bounds_of_rep[i] = &*team.policy;
  }
  return bounds_of_rep;
}

// The route distance row of every capped rep (route_capacity.cc).
void AddRouteDistanceCapacity(const DistanceTable& table,
                              AssignmentProblem& problem) {
  const int reps = problem.num_reps, physicians = problem.num_physicians;
  if (std::all_of(problem.route_cap.begin(), problem.route_cap.end(),
                  [](double cap) { return cap <= 0; })) {
    return;
  }
  const NearestLinks links = NearestPhysicianLinks(
      [&table](int a, int b) { return table(a, b); }, reps, physicians);
  RepCapacity distance;
  distance.kind = RepCapacity::Kind::kRouteDistance;
  distance.capacity = problem.route_cap;
  distance.weight.resize(static_cast<size_t>(reps) * physicians);
  for (int i = 0; i < reps; ++i) {
    for (int j = 0; j < physicians; ++j) {
      distance.weight[PairIndex(problem, i, j)] =
          HalfLinkBound(links, j, table(i, reps + j), table(reps + j, i));
    }
  }
  problem.capacities.push_back(std::move(distance));
}

}  // namespace

namespace {

// A physician given to some teams only (the cycle planner's calls) is
// unavailable to the other teams' reps: the availability family's rows.
void AddVisitingTeams(const Territory& territory, AssignmentProblem& problem) {
  const int reps = problem.num_reps, physicians = problem.num_physicians;
  for (int j = 0; j < physicians; ++j) {
    const std::vector<std::string>& teams = territory.physicians[j].visiting_teams;
    if (teams.empty() || territory.teams.empty()) continue;
    if (problem.unavailable_reason.empty()) {
      problem.unavailable_reason.assign(static_cast<size_t>(reps) * physicians, "");
    }
    for (int i = 0; i < reps; ++i) {
      std::string& reason = problem.unavailable_reason[PairIndex(problem, i, j)];
      if (!reason.empty() ||
          std::find(teams.begin(), teams.end(), territory.reps[i].team_id) !=
              teams.end()) {
        continue;
      }
      reason = absl::StrCat("is today's call of team ", absl::StrJoin(teams, ", "),
                            " in the call cycle");
    }
  }
}

}  // namespace

absl::StatusOr<AssignmentProblem> BuildAssignmentProblem(
    const Territory& territory, const DistanceTable& table,
    const TimeDimension* time) {
  const int reps = static_cast<int>(territory.reps.size());
  const int physicians = static_cast<int>(territory.physicians.size());
  if (table.size() != reps + physicians) {
    return absl::InvalidArgumentError(absl::StrCat(
        "distance table has ", table.size(), " places, the territory ",
        reps + physicians));
  }
  AssignmentProblem problem;
  problem.num_reps = reps;
  problem.num_physicians = physicians;
  absl::StatusOr<std::vector<const FairnessBounds*>> bounds =
      GroupReps(territory, problem);
  if (!bounds.ok()) return bounds.status();
  absl::StatusOr<ContactLimits> contact = ApplyContactRules(territory);
  if (!contact.ok()) return contact.status();

  problem.potential.resize(static_cast<size_t>(reps) * physicians);
  problem.home_distance.resize(problem.potential.size());
  problem.allowed.assign(problem.potential.size(), true);
  for (int i = 0; i < reps; ++i) {
    const Rep& rep = territory.reps[i];
    const std::vector<std::string> products = PromotedProducts(territory, rep);
    const FairnessBounds& fairness = *(*bounds)[i];
    for (int j = 0; j < physicians; ++j) {
      const size_t k = static_cast<size_t>(i) * physicians + j;
      problem.potential[k] = VisitPotential(products, territory.physicians[j]);
      problem.home_distance[k] = table(i, reps + j);
      problem.allowed[k] = contact->excluded_reason[j].empty();
    }
    problem.route_cap.push_back(rep.max_route_distance > 0
                                    ? rep.max_route_distance
                                    : fairness.max_route_distance.value_or(0));
    problem.max_potential.push_back(rep.max_potential.value_or(-1));
    problem.max_visits.push_back(rep.max_visits > 0
                                     ? rep.max_visits
                                     : fairness.max_visits_per_rep.value_or(0));
  }
  for (const Physician& physician : territory.physicians) {
    problem.physician_optional.push_back(physician.optional);
    problem.physician_ids.push_back(physician.id);
  }
  for (const Rep& rep : territory.reps) problem.rep_ids.push_back(rep.id);
  AddRouteDistanceCapacity(table, problem);
  if (time != nullptr) AddTimeRules(*time, problem);
  AddVisitingTeams(territory, problem);
  problem.physician_daily_cap = std::move(contact->daily_cap);
  problem.excluded_reason = std::move(contact->excluded_reason);
  // Last: a done visit widens the caps and rules set above.
  if (absl::Status pinned = AddPins(territory, problem); !pinned.ok()) return pinned;
  if (absl::Status kept = AddContinuity(territory, problem); !kept.ok()) return kept;
  return problem;
}

}  // namespace callplan
