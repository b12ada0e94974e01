#include "solver/router/timed_router.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <limits>
#include <vector>

#include "solver/router/day_checks.h"
#include "solver/router/held_karp.h"
#include "solver/router/schedule.h"
#include "solver/router/time_window_construction.h"
#include "solver/router/time_window_dp.h"
#include "solver/router/time_window_search.h"
#include "solver/router/timed_problem.h"
#include "solver/router/timetable.h"

namespace callplan::router_internal {
namespace {

std::function<bool()> HeuristicStop(const RouteOptions& options) {
  const auto deadline =
      std::chrono::steady_clock::now() +
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(options.time_limit_seconds));
  return [&options, deadline] {
    return std::chrono::steady_clock::now() > deadline ||
           (options.should_stop && options.should_stop());
  };
}

void SetOrder(const TimedProblem& problem, const std::vector<int>& local,
              Route* route) {
  route->order.clear();
  for (int node : local) route->order.push_back(problem.path().original(node));
  route->distance = problem.path().Length(local);
}

Route Infeasible(const TimedProblem& problem, const std::vector<int>& order,
                 bool proven) {
  Route route;
  SetOrder(problem, order, &route);
  route.feasible = false;
  route.infeasibility_proven = proven;
  const int blamed = BlamedStop(problem);
  route.infeasible_stop = blamed < 0 ? -1 : problem.path().original(blamed);
  return route;
}

Route Feasible(const TimedProblem& problem, const std::vector<int>& order,
               bool proven) {
  Route route;
  SetOrder(problem, order, &route);
  route.proven_optimal = proven;
  if (!FillTimetable(problem, order, &route)) {
    // Only an evaluator bug could get here; say infeasible rather than lie.
    return Infeasible(problem, order, false);
  }
  return route;
}

}  // namespace

absl::StatusOr<Route> SolveTimedRoute(const PathProblem& path,
                                      const RouteOptions& options,
                                      const RouteTiming& timing) {
  const TimedProblem problem(path, timing);
  if (ProvenUnroutable(problem)) {
    return Infeasible(problem, DeadlineOrder(problem), true);
  }
  const int k = problem.stops();
  if (k == 0) {
    const std::vector<int> home = {0, problem.end()};
    if (EvaluateOrder(problem, home).warp > 0) return Infeasible(problem, home, true);
    return Feasible(problem, home, true);
  }

  const int exact_limit =
      std::clamp(options.exact_max_stops, 0, kMaxExactStops);
  const bool exact = k <= exact_limit;
  const std::function<bool()> heuristic_stop = HeuristicStop(options);
  const TimedSearchResult found = SearchTimedOrder(
      problem, exact ? kKicksBeforeExact : TimedKickRounds(k), options.seed,
      heuristic_stop);
  const bool found_feasible = found.cost.warp == 0;
  if (exact) {
    const ExactTimedRoute proof = SolveTimeWindowDp(
        problem,
        found_feasible ? found.cost.distance
                       : std::numeric_limits<double>::infinity(),
        options.should_stop);
    using Outcome = ExactTimedRoute::Outcome;
    if (proof.outcome == Outcome::kOptimal) {
      return Feasible(problem, proof.order, true);
    }
    // An infeasible verdict against a feasible order found would be a bug:
    // keep the order found, unproven, rather than claim a proof.
    if (proof.outcome == Outcome::kInfeasible && !found_feasible) {
      return Infeasible(problem, found.order, true);
    }
  }
  if (found_feasible) return Feasible(problem, found.order, false);
  return Infeasible(problem, found.order, false);
}

}  // namespace callplan::router_internal
