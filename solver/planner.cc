#include "solver/planner.h"

#include <algorithm>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "solver/assignment/model.h"
#include "solver/assignment/problem_builder.h"
#include "solver/assignment/state.h"
#include "solver/distance.h"
#include "solver/explain.h"
#include "solver/portfolio_report.h"
#include "solver/rep_route.h"

namespace callplan {
namespace {

constexpr double kRouteTolerance = 1e-6;

struct RoutedDay {
  std::vector<RepRoute> routes;  // per rep
  std::vector<int> over_cap;     // reps whose real route exceeds the cap
};

absl::StatusOr<RoutedDay> RouteAll(const Territory& territory,
                                   const DistanceTable& table,
                                   const AssignmentProblem& problem,
                                   const Assignment& assignment,
                                   const SolveControl& control) {
  const int reps = problem.num_reps;
  const RepVisits& visits = assignment.visits;
  RouteOptions options;
  options.should_stop = [&control] {
    return (control.should_stop && control.should_stop()) ||
           absl::Now() >= control.deadline;
  };
  RoutedDay day;
  for (int i = 0; i < reps; ++i) {
    std::vector<int> places;
    for (int j : visits[i]) places.push_back(reps + j);
    absl::StatusOr<RepRoute> route =
        RouteRepDay(table, i, places, visits[i], options);
    if (!route.ok()) return route.status();
    if (problem.route_cap[i] > 0 &&
        route->distance > problem.route_cap[i] + kRouteTolerance) {
      day.over_cap.push_back(i);
    }
    day.routes.push_back(*std::move(route));
  }
  return day;
}

// Raise f_i just enough that the assignment that broke rep i's cap no longer
// fits the approximation (section 3.2 of the paper: "we change the factor,
// and iterate"), so every iteration makes progress.
void TightenSafetyFactors(AssignmentProblem& problem, const RoutedDay& day,
                          const Assignment& assignment) {
  for (int i : day.over_cap) {
    double approx = 0;
    for (int j : assignment.visits[i]) {
      approx += problem.home_distance[static_cast<size_t>(i) *
                                          problem.num_physicians + j];
    }
    const double needed =
        approx > 0 ? day.routes[i].distance / approx : problem.safety_factor[i];
    problem.safety_factor[i] =
        std::max(problem.safety_factor[i] * 1.05, needed * 1.0001);
  }
}

Plan BuildPlan(const Territory& territory, const DistanceTable& table,
               const AssignmentProblem& problem, const Assignment& assignment,
               const RoutedDay& day) {
  Plan plan;
  const int reps = problem.num_reps;
  int min_visits = std::numeric_limits<int>::max(), max_visits = 0;
  double min_potential = std::numeric_limits<double>::infinity();
  double max_potential = 0;
  for (int i = 0; i < reps; ++i) {
    const RepRoute& route = day.routes[i];
    RepDay rep_day;
    rep_day.rep_id = territory.reps[i].id;
    rep_day.route_distance = route.distance;
    rep_day.return_distance = route.return_distance;
    rep_day.route_cap = problem.route_cap[i];
    for (size_t k = 0; k < route.physicians.size(); ++k) {
      const int j = route.physicians[k];
      const size_t ij = static_cast<size_t>(i) * problem.num_physicians + j;
      Visit visit;
      visit.physician_id = territory.physicians[j].id;
      visit.potential = problem.potential[ij];
      visit.leg_distance = route.legs[k];
      visit.reason = VisitReason(territory, territory.reps[i], territory.physicians[j],
                                 table(i, reps + j));
      rep_day.total_potential += visit.potential;
      rep_day.visits.push_back(std::move(visit));
    }
    const int count = static_cast<int>(rep_day.visits.size());
    min_visits = std::min(min_visits, count);
    max_visits = std::max(max_visits, count);
    min_potential = std::min(min_potential, rep_day.total_potential);
    max_potential = std::max(max_potential, rep_day.total_potential);
    plan.stats.objective += rep_day.total_potential;
    plan.rep_days.push_back(std::move(rep_day));
  }
  AssignmentState state(problem, assignment.visits);
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
  for (int i : day.over_cap) {
    plan.stats.reps_over_route_cap.push_back(territory.reps[i].id);
  }
  return plan;
}

Plan InfeasiblePlan(const AssignmentProblem& problem,
                    const SolveOptions& options, const SolveControl& control,
                    absl::Time started) {
  Plan plan;
  plan.stats.status = PlanStatus::kInfeasible;
  // The explanation shares the solve's time: never past the time limit.
  SolveControl bounded = control;
  bounded.deadline = std::min(
      control.deadline, started + absl::Seconds(options.time_limit_seconds));
  plan.stats.infeasibility = ExplainInfeasibility(problem, options, bounded);
  return plan;
}

SolveOptions RemainingTime(const SolveOptions& options, absl::Time started) {
  SolveOptions remaining = options;
  const double spent = absl::ToDoubleSeconds(absl::Now() - started);
  remaining.time_limit_seconds =
      std::max(0.05, options.time_limit_seconds - spent);
  return remaining;
}


// Progress of one distance iteration, tagged with its number.
SolveControl Tagged(const SolveControl& control, uint32_t iteration) {
  SolveControl step = control;
  if (control.on_progress) {
    step.on_progress = [&control, iteration](const SolveProgress& p) {
      SolveProgress tagged = p;
      tagged.distance_iteration = iteration;
      control.on_progress(tagged);
    };
  }
  return step;
}

// What the loop learnt from one rep's over-cap route: a forbidden set when
// the route is proven shortest (a heuristic route proves nothing).
void LearnFromOverCap(AssignmentProblem& problem, const RoutedDay& day) {
  for (int i : day.over_cap) {
    const RepRoute& route = day.routes[i];
    if (!route.proven_optimal || route.physicians.empty()) continue;
    ForbiddenVisitSet set{i, route.physicians};
    std::sort(set.physicians.begin(), set.physicians.end());
    problem.forbidden_sets.push_back(std::move(set));
  }
}

std::string OverCapWarning(const Plan& plan, uint32_t iteration,
                           bool out_of_time) {
  return absl::StrCat(
      "routes of ", absl::StrJoin(plan.stats.reps_over_route_cap, ", "),
      " still exceed their caps", out_of_time ? ": time ran out" : "",
      " after ", iteration, " distance iterations");
}

}  // namespace

absl::StatusOr<Plan> PlanDay(const Territory& territory,
                             const SolveOptions& options,
                             const SolveControl& control) {
  const absl::Time started = absl::Now();
  if (territory.reps.empty()) {
    return absl::InvalidArgumentError("reps: at least one rep is needed");
  }
  absl::StatusOr<DistanceTable> table = DistanceTable::ForTerritory(territory);
  if (!table.ok()) return table.status();
  absl::StatusOr<AssignmentProblem> problem =
      BuildAssignmentProblem(territory, *table);
  if (!problem.ok()) return problem.status();
  const std::vector<double> initial_factors = problem->safety_factor;
  bool factors_overshot = false;

  const uint32_t max_iterations =
      std::max<uint32_t>(1, options.max_distance_iterations);
  Plan plan;
  for (uint32_t iteration = 1; iteration <= max_iterations; ++iteration) {
    absl::StatusOr<Assignment> assignment = SolveAssignment(
        *problem, RemainingTime(options, started), Tagged(control, iteration));
    if (!assignment.ok()) {
      // Out of time in a later iteration: the last plan stands, over cap.
      if (iteration > 1 && absl::IsDeadlineExceeded(assignment.status())) {
        plan.stats.warnings.push_back(OverCapWarning(plan, iteration - 1, true));
        break;
      }
      return assignment.status();
    }
    if (assignment->status == PlanStatus::kInfeasible) {
      // The paper's raised factors may overshoot; the learnt forbidden sets
      // alone are exact, so retry with the starting factors before giving up.
      if (problem->safety_factor != initial_factors) {
        problem->safety_factor = initial_factors;
        factors_overshot = true;  // from now on the exact sets alone
        continue;
      }
      plan = InfeasiblePlan(*problem, options, control, started);
      plan.stats.distance_iterations = iteration;
      break;
    }
    absl::StatusOr<RoutedDay> day =
        RouteAll(territory, *table, *problem, *assignment, control);
    if (!day.ok()) return day.status();
    plan = BuildPlan(territory, *table, *problem, *assignment, *day);
    plan.stats.distance_iterations = iteration;
    if (day->over_cap.empty()) break;
    const absl::Time now = absl::Now();
    const bool out_of_time =
        (control.should_stop && control.should_stop()) ||
        now >= control.deadline ||
        now >= started + absl::Seconds(options.time_limit_seconds);
    if (out_of_time || iteration == max_iterations) {
      plan.stats.warnings.push_back(OverCapWarning(plan, iteration, out_of_time));
      break;
    }
    LearnFromOverCap(*problem, *day);
    if (!factors_overshot) TightenSafetyFactors(*problem, *day, *assignment);
  }
  if (!plan.stats.reps_over_route_cap.empty() && plan.stats.warnings.empty() &&
      plan.stats.status != PlanStatus::kInfeasible) {
    // The last iteration only reset the raised factors.
    plan.stats.warnings.push_back(
        OverCapWarning(plan, plan.stats.distance_iterations, false));
  }
  plan.stats.solve_seconds = absl::ToDoubleSeconds(absl::Now() - started);
  return plan;
}

}  // namespace callplan
