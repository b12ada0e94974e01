#include "solver/day_routing.h"

#include <algorithm>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace callplan {
namespace {

constexpr double kRouteTolerance = 1e-6;

}  // namespace

DayRouter::DayRouter(const DistanceTable& table, const AssignmentProblem& problem,
                     const TimeDimension* time, const SolveControl& control)
    : table_(table), problem_(problem), time_(time) {
  options_.should_stop = [&control] {
    return (control.should_stop && control.should_stop()) ||
           absl::Now() >= control.deadline;
  };
}

absl::StatusOr<RepRoute> DayRouter::Route(int rep,
                                          const std::vector<int>& physicians) const {
  std::vector<int> places;
  for (int j : physicians) places.push_back(problem_.num_reps + j);
  if (time_ == nullptr) {
    return RouteRepDay(table_, rep, places, physicians, options_);
  }
  const RouteTiming timing = time_->TimingFor(rep, physicians);
  return RouteRepDay(table_, rep, places, physicians, options_, &timing);
}

std::string DayRouter::WhyLate(int rep, const RepRoute& route) const {
  const std::string shift =
      time_->HasShift(rep) ? absl::StrCat(" of ", ClockSpan(time_->Shift(rep)))
                           : "";
  if (route.infeasible_physician >= 0) {
    return absl::StrCat(PhysicianName(problem_, route.infeasible_physician),
                        " cannot be visited within the shift", shift,
                        " and the physician's hours, even alone");
  }
  // How late the day would end without the shift's end: the words a
  // manager can act on ("home at 18:40, past 18:00").
  if (time_->HasShift(rep)) {
    RouteTiming open = time_->TimingFor(rep, route.physicians);
    open.shift.end_seconds = kNoShiftEnd;
    std::vector<int> places;
    for (int j : route.physicians) places.push_back(problem_.num_reps + j);
    absl::StatusOr<RepRoute> late =
        RouteRepDay(table_, rep, places, route.physicians, options_, &open);
    if (late.ok() && late->feasible) {
      return absl::StrCat(route.infeasibility_proven ? "every order" : "its best order",
                          " of these ", route.physicians.size(),
                          " visits that keeps the physicians' hours and the breaks"
                          " brings it home at ",
                          ClockTime(late->return_seconds), ", past the shift's end at ",
                          ClockTime(time_->Shift(rep).end_seconds));
    }
  }
  return absl::StrCat(route.infeasibility_proven ? "no order" : "no order found",
                      " of these ", route.physicians.size(),
                      " visits fits the shift", shift,
                      ", the breaks and the physicians' hours");
}

RouteFit DayRouter::FitOf(int rep, const RepRoute& route) const {
  RouteFit fit;
  if (route.timed && !route.feasible) {
    fit.fits = false;
    fit.proven = route.infeasibility_proven;
    fit.why = WhyLate(rep, route);
    return fit;
  }
  const double cap = problem_.route_cap[rep];
  if (cap <= 0 || route.distance <= cap + kRouteTolerance) return fit;
  fit.fits = false;
  fit.proven = route.proven_optimal;
  fit.why = absl::StrFormat(
      "%s route over these visits is %.1f, over its cap of %.1f",
      route.proven_optimal ? "its shortest" : "its", route.distance, cap);
  return fit;
}

bool DayRouter::SurelyFits(int rep, const std::vector<int>& physicians) const {
  const double cap = problem_.route_cap[rep];
  if (cap <= 0) return time_ == nullptr;
  if (time_ != nullptr || physicians.size() > 3) return false;
  std::vector<int> order;
  for (int j : physicians) order.push_back(problem_.num_reps + j);
  std::sort(order.begin(), order.end());
  double shortest = std::numeric_limits<double>::infinity();
  do {
    double length = 0;
    int at = rep;
    for (int place : order) {
      length += table_(at, place);
      at = place;
    }
    shortest = std::min(shortest, length + table_(at, rep));
  } while (std::next_permutation(order.begin(), order.end()));
  return shortest <= cap + kRouteTolerance;
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
