#include "solver/plan_assembly.h"

#include <algorithm>
#include <limits>

#include "solver/assignment/state.h"
#include "solver/explain.h"
#include "solver/portfolio_report.h"

namespace callplan {
namespace {

RepDay AssembleRepDay(const Territory& territory, const DistanceTable& table,
                      const AssignmentProblem& problem, int i,
                      const RepRoute& route) {
  const int reps = problem.num_reps;
  RepDay day;
  day.rep_id = territory.reps[i].id;
  day.route_distance = route.distance;
  day.return_distance = route.return_distance;
  day.route_cap = problem.route_cap[i];
  for (size_t k = 0; k < route.physicians.size(); ++k) {
    const int j = route.physicians[k];
    Visit visit;
    visit.physician_id = territory.physicians[j].id;
    visit.potential = problem.potential[PairIndex(problem, i, j)];
    visit.leg_distance = route.legs[k];
    visit.reason = VisitReason(territory, territory.reps[i],
                               territory.physicians[j], table(i, reps + j));
    day.total_potential += visit.potential;
    day.visits.push_back(std::move(visit));
  }
  return day;
}

}  // namespace

Plan AssemblePlan(const Territory& territory, const DistanceTable& table,
                  const AssignmentProblem& problem, const Assignment& assignment,
                  const RoutedDay& day) {
  Plan plan;
  const int reps = problem.num_reps;
  int min_visits = std::numeric_limits<int>::max(), max_visits = 0;
  double min_potential = std::numeric_limits<double>::infinity();
  double max_potential = 0;
  for (int i = 0; i < reps; ++i) {
    RepDay rep_day = AssembleRepDay(territory, table, problem, i, day.routes[i]);
    const int count = static_cast<int>(rep_day.visits.size());
    min_visits = std::min(min_visits, count);
    max_visits = std::max(max_visits, count);
    min_potential = std::min(min_potential, rep_day.total_potential);
    max_potential = std::max(max_potential, rep_day.total_potential);
    plan.stats.objective += rep_day.total_potential;
    plan.rep_days.push_back(std::move(rep_day));
  }
  const AssignmentState state(problem, assignment.visits);
  for (int j = 0; j < problem.num_physicians; ++j) {
    if (state.VisitCount(j) > 0) continue;
    plan.unassigned.push_back(
        {territory.physicians[j].id, UnassignedReason(territory, state, j)});
  }
  plan.stats.team_stats = TeamStatsOf(territory, plan.rep_days);
  plan.conflicts = ConflictsOf(territory, problem, assignment.visits);
  plan.stats.status = assignment.status;
  plan.stats.best_bound = assignment.best_bound;
  plan.stats.relative_gap = assignment.relative_gap;
  plan.stats.workload_spread = reps > 0 ? max_visits - min_visits : 0;
  plan.stats.potential_spread = reps > 0 ? max_potential - min_potential : 0;
  for (int i : day.misfits) {
    plan.stats.reps_over_route_cap.push_back(territory.reps[i].id);
  }
  return plan;
}

}  // namespace callplan
