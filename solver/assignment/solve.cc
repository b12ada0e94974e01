#include "solver/assignment/model.h"

#include <algorithm>
#include <cmath>

#include "absl/time/clock.h"
#include "solver/assignment/check.h"
#include "solver/assignment/families.h"
#include "solver/assignment/mip.h"
#include "solver/assignment/cbc_run.h"
#include "solver/assignment/greedy.h"
#include "solver/assignment/neighbourhood_search.h"
#include "solver/assignment/pins.h"
#include "solver/assignment/progress.h"

namespace callplan {
namespace {

// On a day the neighbourhood search pays for, CBC's search of the whole
// day gets this share of the time left after the warm start, the
// neighbourhoods the rest. The whole-day bound is the root's either way
// (on the hard shapes it barely moves after it), and the sub-MIPs improve
// the plan faster: measured at 60x20 with a 10 s limit, 0.5 gave 6137,
// 0.2 and 0.3 the proven optimum 6138 every run, 0.05 6121 (too little
// for CBC to settle its root); at 200x40, 21099 against 21086 at 0.5.
constexpr double kWholeDayShareBeforeNeighbourhoods = 0.2;

double TimeLimit(const SolveOptions& options, const SolveControl& control) {
  double seconds = options.time_limit_seconds > 0 ? options.time_limit_seconds
                                                  : 10.0;
  if (control.deadline != absl::InfiniteFuture()) {
    seconds = std::min(
        seconds, absl::ToDoubleSeconds(control.deadline - absl::Now()));
  }
  return seconds;
}

// What the day could earn if every physician went to its best allowed reps,
// up to its daily cap: a valid bound before CBC has one of its own.
double CoverageBound(const AssignmentProblem& problem) {
  double bound = 0;
  for (int j = 0; j < problem.num_physicians; ++j) {
    std::vector<double> earned;
    for (int i = 0; i < problem.num_reps; ++i) {
      if (PairInModel(problem, i, j)) earned.push_back(Earning(problem, i, j));
    }
    std::sort(earned.rbegin(), earned.rend());
    const size_t cap = std::min<size_t>(DailyCap(problem, j), earned.size());
    for (size_t k = 0; k < cap; ++k) bound += std::max(0.0, earned[k]);
  }
  return bound;
}

// A required physician no rep may be paired with: no plan exists, and CBC
// would be handed a coverage row without columns.
bool RequiredPhysicianWithoutRep(const AssignmentProblem& problem) {
  for (int j = 0; j < problem.num_physicians; ++j) {
    if (problem.physician_optional[j]) continue;
    bool any = false;
    for (int i = 0; i < problem.num_reps && !any; ++i) any = PairInModel(problem, i, j);
    if (!any) return true;
  }
  return false;
}

// Taking turns can fail where tight spreads leave little room; a day on
// which every physician is optional and only the pinned visits are made
// may still fit every bound, and is then a plan in hand for CBC and the
// neighbourhood search to improve, rather than no answer when time runs out.
std::optional<RepVisits> PinnedDayIfValid(const AssignmentProblem& problem) {
  RepVisits pinned = PinnedVisits(problem);
  if (!AssignmentViolations(problem, pinned).empty()) return std::nullopt;
  return pinned;
}

}  // namespace

absl::StatusOr<Assignment> SolveAssignment(const AssignmentProblem& problem,
                                           const SolveOptions& options,
                                           const SolveControl& control) {
  return SolveAssignment(problem, options, control, RepVisits());
}

absl::StatusOr<Assignment> SolveAssignment(const AssignmentProblem& problem,
                                           const SolveOptions& options,
                                           const SolveControl& control,
                                           const RepVisits& hint) {
  if (absl::Status valid = CheckProblem(problem); !valid.ok()) return valid;
  const absl::Time started = absl::Now();
  const double seconds = TimeLimit(options, control);
  if (seconds <= 0) {
    return absl::DeadlineExceededError("no time left to plan the day");
  }
  if (RequiredPhysicianWithoutRep(problem) || PinOutsideModel(problem)) {
    Assignment none;
    none.status = PlanStatus::kInfeasible;
    return none;
  }
  MipSpec spec;
  spec.formulation = options.formulation;
  AssignmentMip mip = BuildAssignmentMip(problem, spec);

  // The warm start may use half the time (it is done in well under a
  // second even at 500x70, and on large days it is most of the plan's
  // quality: README, "Engine benchmarks"); CBC gets the rest.
  // The first plan is reported before it is improved: on a large day
  // under a sanitizer the local moves alone can take the whole half.
  const absl::Time warm_start_until = started + absl::Seconds(seconds / 2);
  std::optional<RepVisits> greedy = TurnTakingAssignment(problem, warm_start_until);
  if (!greedy) greedy = PinnedDayIfValid(problem);
  if (greedy) {
    // The warm start is a plan in hand: callers see it before CBC's root
    // phase, which on a large day can take the whole time limit without an
    // event of its own.
    const auto report = [&] {
      if (!control.on_progress) return;  // the bound costs a pass over pairs
      const double potential = AssignmentPotential(problem, *greedy);
      ReportPlanInHand(potential,
                       BoundOnTopOfPotential(potential, AssignmentEarning(problem, *greedy),
                                             CoverageBound(problem)),
                       started, control);
    };
    report();
    ImproveGreedyAssignment(problem, *greedy, warm_start_until);
    report();
  }
  if (!hint.empty()) {
    std::optional<RepVisits> near = AssignmentNear(problem, hint, warm_start_until);
    if (near) ImproveGreedyAssignment(problem, *near, warm_start_until);
    if (near && (!greedy || AssignmentEarning(problem, *near) >
                                AssignmentEarning(problem, *greedy))) {
      greedy = std::move(near);
    }
  }
  const double left = seconds - absl::ToDoubleSeconds(absl::Now() - started);
  const bool search_neighbourhoods =
      options.tuning.neighbourhood_search && NeighbourhoodsPay(problem);
  CbcRunSettings settings;
  settings.time_limit_seconds =
      search_neighbourhoods ? left * kWholeDayShareBeforeNeighbourhoods : left;
  settings.relative_gap = options.relative_gap;
  settings.report_progress = true;
  settings.preprocess = !options.tuning.warm_start;
  if (greedy && options.tuning.warm_start) {
    settings.warm_start = ColumnValuesFor(problem, mip, *greedy);
    settings.warm_start_objective = -AssignmentEarning(problem, *greedy);
  }

  absl::StatusOr<CbcRunResult> run = RunCbc(mip, settings, control);
  if (!run.ok()) return run.status();

  Assignment assignment;
  if (!run->has_solution) {
    if (run->proven_infeasible) return assignment;  // status kInfeasible
    if (greedy) {
      // CBC stopped before adopting the warm start; it is still a plan.
      assignment.visits = *greedy;
    } else {
      return absl::DeadlineExceededError(
          "time ran out before any feasible plan was found");
    }
  } else {
    assignment.visits = VisitsFromSolution(problem, mip, run->solution);
  }
  if (search_neighbourhoods && !run->proven_optimal) {
    absl::StatusOr<RepVisits> improved = ImproveByNeighbourhoods(
        problem, mip, assignment.visits, -run->best_bound, started,
        started + absl::Seconds(seconds),
        control);
    if (!improved.ok()) return improved.status();
    assignment.visits = *std::move(improved);
  }
  // CBC's answer is re-checked rather than trusted: a violated row here is
  // a bug in the model, and must not reach a rep's calendar.
  if (!AssignmentViolations(problem, assignment.visits).empty()) {
    return absl::InternalError("the solver returned an assignment that "
                               "violates the model");
  }
  assignment.objective = AssignmentPotential(problem, assignment.visits);
  const double earning = AssignmentEarning(problem, assignment.visits);
  const bool optimal = run->has_solution && run->proven_optimal;
  assignment.status = optimal ? PlanStatus::kOptimal : PlanStatus::kFeasible;
  // Earnings are maximised; CBC minimised their negation.
  double earning_bound = std::max(earning, -run->best_bound);
  if (optimal && earning_bound - earning > options.relative_gap * std::abs(earning_bound)) {
    earning_bound = earning;
  }
  assignment.best_bound =
      BoundOnTopOfPotential(assignment.objective, earning, earning_bound);
  assignment.relative_gap =
      RelativeGap(assignment.best_bound, assignment.objective);
  return assignment;
}

}  // namespace callplan
