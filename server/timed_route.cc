#include "server/timed_route.h"

#include "absl/strings/str_cat.h"
#include "server/convert.h"
#include "solver/travel_time.h"

namespace callplan {

// No latest return: far past the day, as for a rep without a shift.
constexpr int64_t kNoReturnBound = 7 * 86400;

bool IsTimedRoute(const v1::RouteRequest& request) {
  if (request.has_start_seconds() || request.has_end_seconds() ||
      request.breaks_size() > 0) {
    return true;
  }
  for (const v1::Place& place : request.places()) {
    if (place.time_windows_size() > 0 || place.service_seconds() > 0) return true;
  }
  return false;
}

RouteTiming RouteTimingFromRequest(const v1::RouteRequest& request,
                                   const DistanceTable& table,
                                   const DistanceTable* durations) {
  const int n = request.places_size();
  RouteTiming timing;
  if (durations != nullptr) {
    timing.travel = TravelTimes::FromDurations(*durations);
  } else {
    const double speed = request.travel_speed_kmh() > 0 ? request.travel_speed_kmh()
                                                         : kDefaultTravelSpeedKmh;
    timing.travel = TravelTimes::FromDistances(table, speed);
  }
  timing.nodes.resize(n);
  for (int k = 0; k < n; ++k) {
    timing.nodes[k].windows = TimeWindowsFromProto(request.places(k).time_windows());
    timing.nodes[k].service_seconds = request.places(k).service_seconds();
  }
  timing.shift.start_seconds = request.has_start_seconds() ? request.start_seconds() : 0;
  timing.shift.end_seconds =
      request.has_end_seconds() ? request.end_seconds() : kNoReturnBound;
  timing.breaks = BreaksFromProto(request.breaks());
  return timing;
}

namespace {

std::string ReturnText(const RouteTiming& timing) {
  return timing.shift.end_seconds >= kNoReturnBound
             ? "any time"
             : ClockTime(timing.shift.end_seconds);
}

std::string InfeasibleReason(const Route& route, const RouteTiming& timing,
                             const std::vector<std::string>& ids) {
  if (route.infeasible_stop >= 0) {
    return absl::StrCat("place \"", ids[route.infeasible_stop],
                        "\" cannot be visited inside its time windows between "
                        "the earliest departure at ",
                        ClockTime(timing.shift.start_seconds),
                        " and the latest return (", ReturnText(timing),
                        "), even alone");
  }
  return absl::StrCat(route.infeasibility_proven ? "no order" : "no order found",
                      " of the ", route.order.size() - 2,
                      " stops fits their time windows, the breaks and the return (",
                      ReturnText(timing), ")");
}

}  // namespace

void AddRouteTimes(const Route& route, const RouteTiming& timing,
                   const std::vector<std::string>& ids,
                   v1::RouteResponse& response) {
  response.set_feasible(route.feasible);
  response.set_infeasibility_proven(route.infeasibility_proven);
  if (!route.feasible) {
    response.set_infeasible_reason(InfeasibleReason(route, timing, ids));
    return;
  }
  for (size_t k = 0; k < route.order.size() && k < route.times.size(); ++k) {
    v1::RouteStop* stop = response.add_stops();
    stop->set_id(ids[route.order[k]]);
    stop->set_arrival_seconds(route.times[k].arrival_seconds);
    stop->set_start_seconds(route.times[k].start_seconds);
    stop->set_end_seconds(route.times[k].end_seconds);
    stop->set_wait_seconds(route.times[k].wait_seconds);
  }
  for (const PlacedBreak& placed : route.breaks) {
    v1::PlacedBreak* b = response.add_breaks();
    b->set_start_seconds(placed.start_seconds);
    b->set_end_seconds(placed.end_seconds);
    b->set_after_visits(static_cast<uint32_t>(placed.after_position));
    b->set_at_id(ids[route.order[placed.after_position]]);
  }
  response.set_departure_seconds(route.departure_seconds);
  response.set_return_seconds(route.return_seconds);
}

}  // namespace callplan
