#include "solver/day_routing.h"

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace callplan {
namespace {

constexpr double kRouteTolerance = 1e-6;

}  // namespace

DayRouter::DayRouter(const DistanceTable& table, const AssignmentProblem& problem,
                     const SolveControl& control)
    : table_(table), problem_(problem) {
  options_.should_stop = [&control] {
    return (control.should_stop && control.should_stop()) ||
           absl::Now() >= control.deadline;
  };
}

absl::StatusOr<RepRoute> DayRouter::Route(int rep,
                                          const std::vector<int>& physicians) const {
  std::vector<int> places;
  for (int j : physicians) places.push_back(problem_.num_reps + j);
  return RouteRepDay(table_, rep, places, physicians, options_);
}

RouteFit DayRouter::FitOf(int rep, const RepRoute& route) const {
  RouteFit fit;
  const double cap = problem_.route_cap[rep];
  if (cap <= 0 || route.distance <= cap + kRouteTolerance) return fit;
  fit.fits = false;
  fit.proven = route.proven_optimal;
  fit.why = absl::StrFormat(
      "%s route over these visits is %.1f, over its cap of %.1f",
      route.proven_optimal ? "its shortest" : "its", route.distance, cap);
  return fit;
}

FitTest DayRouter::FitTestFor(int rep) const {
  return [this, rep](const std::vector<int>& physicians) -> absl::StatusOr<RouteFit> {
    absl::StatusOr<RepRoute> route = Route(rep, physicians);
    if (!route.ok()) return route.status();
    return FitOf(rep, *route);
  };
}

absl::StatusOr<RoutedDay> DayRouter::RouteAll(const RepVisits& visits) const {
  RoutedDay day;
  for (int i = 0; i < problem_.num_reps; ++i) {
    absl::StatusOr<RepRoute> route = Route(i, visits[i]);
    if (!route.ok()) return route.status();
    day.fits.push_back(FitOf(i, *route));
    if (!day.fits.back().fits) day.misfits.push_back(i);
    day.routes.push_back(*std::move(route));
  }
  return day;
}

}  // namespace callplan
