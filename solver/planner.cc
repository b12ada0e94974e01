#include "solver/planner.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "solver/assignment/model.h"
#include "solver/assignment/problem_builder.h"
#include "solver/day_routing.h"
#include "solver/assignment/check.h"
#include "solver/misfit_repair.h"
#include "solver/distance.h"
#include "solver/plan_assembly.h"
#include "solver/route_conflicts.h"
#include "solver/route_learning.h"
#include "solver/time_dimension.h"

namespace callplan {
namespace {

SolveOptions RemainingTime(const SolveOptions& options, absl::Time started) {
  SolveOptions remaining = options;
  const double spent = absl::ToDoubleSeconds(absl::Now() - started);
  remaining.time_limit_seconds =
      std::max(0.05, options.time_limit_seconds - spent);
  return remaining;
}

// Progress of one routing iteration, tagged with its number.
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

bool OutOfTime(const SolveOptions& options, const SolveControl& control,
               absl::Time started) {
  const absl::Time now = absl::Now();
  return (control.should_stop && control.should_stop()) ||
         now >= control.deadline ||
         now >= started + absl::Seconds(options.time_limit_seconds);
}

bool HasUnprovenSets(const AssignmentProblem& problem) {
  return std::any_of(problem.forbidden_sets.begin(), problem.forbidden_sets.end(),
                     [](const ForbiddenVisitSet& set) { return !set.proven; });
}

void DropUnprovenSets(AssignmentProblem& problem) {
  auto& sets = problem.forbidden_sets;
  sets.erase(std::remove_if(sets.begin(), sets.end(),
                            [](const ForbiddenVisitSet& set) { return !set.proven; }),
             sets.end());
}

bool Known(const AssignmentProblem& problem, const ForbiddenVisitSet& set) {
  for (const ForbiddenVisitSet& known : problem.forbidden_sets) {
    if (known.rep == set.rep && known.physicians == set.physicians) return true;
  }
  return false;
}

// Forbidden sets learnt from the reps whose routes do not fit: a smallest
// provably misfitting subset of each exact route; the whole visit set of a
// heuristic route as an unproven guide unless guides are off. The number of
// sets added.
absl::StatusOr<int> Learn(const DayRouter& router, const RoutedDay& day,
                          bool closed_upward, bool guides,
                          const SolveControl& control, AssignmentProblem& problem) {
  int added = 0;
  for (int i : day.misfits) {
    const RouteFit& fit = day.fits[i];
    ForbiddenVisitSet set;
    set.rep = i;
    set.proven = fit.proven;
    set.closed_upward = closed_upward;
    if (fit.proven && closed_upward) {
      absl::StatusOr<Misfit> misfit = SmallestMisfit(
          day.routes[i].physicians, fit.why, router.FitTestFor(i), control.should_stop);
      if (!misfit.ok()) return misfit.status();
      set.physicians = misfit->physicians;
      set.reason = misfit->why;
    } else if (fit.proven || guides) {
      set.physicians = day.routes[i].physicians;
      std::sort(set.physicians.begin(), set.physicians.end());
      set.reason = fit.why;
    } else {
      continue;
    }
    if (Known(problem, set)) continue;
    problem.forbidden_sets.push_back(std::move(set));
    ++added;
  }
  return added;
}

constexpr char kMisfitWarningStart[] = "routes of ";

std::string MisfitWarning(const Plan& plan, const std::string& why) {
  return absl::StrCat(kMisfitWarningStart, absl::StrJoin(plan.stats.reps_over_route_cap, ", "),
                      " still exceed their caps: ", why);
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

// The loop's last plan with the days that still do not fit their shift
// made to fit (misfit_repair.h), saying what was dropped and which bounds
// the smaller days break. The plan is no longer proven optimal.
absl::StatusOr<Plan> RepairedPlan(const Territory& territory,
                                  const DistanceTable& table,
                                  const TimeDimension* time,
                                  const DayRouter& router,
                                  const AssignmentProblem& problem,
                                  Assignment assignment, RoutedDay day,
                                  const PlanStats& before) {
  absl::StatusOr<std::vector<std::vector<int>>> dropped =
      DropUntilDaysFit(router, problem, assignment.visits, day);
  if (!dropped.ok()) return dropped.status();
  Plan plan = AssemblePlan(territory, table, time, problem, assignment, day);
  plan.stats.status = PlanStatus::kFeasible;
  plan.stats.best_bound = std::max(before.best_bound, plan.stats.objective);
  plan.stats.distance_iterations = before.distance_iterations;
  // The loop's warning about days over their caps is replaced by what the
  // repair did and what still does not fit.
  for (const std::string& warning : before.warnings) {
    if (!absl::StartsWith(warning, kMisfitWarningStart)) {
      plan.stats.warnings.push_back(warning);
    }
  }
  if (!plan.stats.reps_over_route_cap.empty()) {
    plan.stats.warnings.push_back(
        MisfitWarning(plan, "their required visits alone do not fit"));
  }
  for (int i = 0; i < problem.num_reps; ++i) {
    if ((*dropped)[i].empty()) continue;
    std::vector<std::string> names;
    for (int j : (*dropped)[i]) names.push_back(PhysicianName(problem, j));
    plan.stats.warnings.push_back(absl::StrCat(
        RepName(problem, i), "'s day did not fit its shift and the physicians' "
        "hours; these optional visits were left out so that it does: ",
        absl::StrJoin(names, ", ")));
  }
  for (const std::string& broken : AssignmentViolations(problem, assignment.visits)) {
    plan.stats.warnings.push_back(
        absl::StrCat("after leaving those out, a bound no longer holds: ", broken));
  }
  return plan;
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
  absl::StatusOr<std::optional<TimeDimension>> time =
      TimeDimension::Of(territory, *table);
  if (!time.ok()) return time.status();
  const TimeDimension* day_time = time->has_value() ? &**time : nullptr;
  absl::StatusOr<AssignmentProblem> problem =
      BuildAssignmentProblem(territory, *table, day_time);
  if (!problem.ok()) return problem.status();
  const DayRouter router(*table, *problem, day_time, control);
  const bool closed_upward =
      IsMetric(*table) && (day_time == nullptr || day_time->metric());
  if (closed_upward && options.tuning.route_conflicts_up_front &&
      SmallEnoughForConflictsUpFront(*problem)) {
    const absl::Time until =
        std::min(control.deadline, started + absl::Seconds(options.time_limit_seconds / 20));
    absl::StatusOr<std::vector<ForbiddenVisitSet>> conflicts =
        SmallRouteConflicts(*problem, router, until, control.should_stop);
    if (!conflicts.ok()) return conflicts.status();
    for (ForbiddenVisitSet& set : *conflicts) problem->forbidden_sets.push_back(std::move(set));
  }
  bool guides = true;  // off once a model with guides had no plan
  // The bound of the last model without guides: a bound of the real day.
  double valid_bound = 0;
  bool have_valid_bound = false;

  const uint32_t max_iterations =
      std::max<uint32_t>(1, options.max_distance_iterations);
  Plan plan;
  bool planned = false;
  std::optional<Assignment> last_assignment;
  std::optional<RoutedDay> last_day;
  for (uint32_t iteration = 1; iteration <= max_iterations; ++iteration) {
    const bool guided = HasUnprovenSets(*problem);
    absl::StatusOr<Assignment> assignment = SolveAssignment(
        *problem, RemainingTime(options, started), Tagged(control, iteration),
        last_assignment ? last_assignment->visits : RepVisits());
    if (!assignment.ok()) {
      // Out of time in a later iteration: the last plan stands, over cap.
      if (planned && absl::IsDeadlineExceeded(assignment.status())) {
        plan.stats.warnings.push_back(MisfitWarning(plan, "time ran out"));
        break;
      }
      return assignment.status();
    }
    if (assignment->status == PlanStatus::kInfeasible) {
      // Guides come from heuristic routes and prove nothing: without them
      // the model may still have a plan.
      if (guided) {
        DropUnprovenSets(*problem);
        guides = false;
        continue;
      }
      plan = InfeasiblePlan(*problem, options, control, started);
      plan.stats.distance_iterations = iteration;
      planned = false;
      break;
    }
    if (!guided) {
      valid_bound = assignment->best_bound;
      have_valid_bound = true;
    }
    absl::StatusOr<RoutedDay> day = router.RouteAll(assignment->visits);
    if (!day.ok()) return day.status();
    last_assignment = *assignment;
    last_day = *day;
    plan = AssemblePlan(territory, *table, day_time, *problem, *assignment, *day);
    plan.stats.distance_iterations = iteration;
    planned = true;
    if (guided) {
      // Optimal only among plans the guides allow: not a proof.
      plan.stats.status = PlanStatus::kFeasible;
      plan.stats.best_bound =
          have_valid_bound ? std::max(valid_bound, plan.stats.objective) : 0;
    }
    if (day->misfits.empty()) break;
    if (OutOfTime(options, control, started) || iteration == max_iterations) {
      plan.stats.warnings.push_back(MisfitWarning(
          plan, OutOfTime(options, control, started)
                    ? "time ran out"
                    : absl::StrCat("the iteration cap of ", max_iterations,
                                   " was reached")));
      break;
    }
    absl::StatusOr<int> added =
        Learn(router, *day, closed_upward, guides, control, *problem);
    if (!added.ok()) return added.status();
    if (*added == 0) {
      plan.stats.warnings.push_back(MisfitWarning(
          plan, "their routes are heuristic (more stops than the exact router "
                "takes), so it is not proven that no order fits"));
      break;
    }
  }
  if (planned && day_time != nullptr && !last_day->misfits.empty()) {
    absl::StatusOr<Plan> repaired = RepairedPlan(territory, *table, day_time, router,
                                                 *problem, *last_assignment,
                                                 *last_day, plan.stats);
    if (!repaired.ok()) return repaired.status();
    plan = *std::move(repaired);
  }
  if (planned && plan.stats.best_bound > 0) {
    plan.stats.relative_gap =
        (plan.stats.best_bound - plan.stats.objective) /
        std::max(1.0, std::abs(plan.stats.best_bound));
  }
  plan.stats.solve_seconds = absl::ToDoubleSeconds(absl::Now() - started);
  return plan;
}

}  // namespace callplan
