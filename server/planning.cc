#include "server/planning.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "server/convert.h"
#include "server/timed_route.h"
#include "solver/distance.h"
#include "solver/pin_check.h"
#include "solver/planner.h"
#include "solver/router/router.h"
#include "solver/travel_time.h"

namespace callplan {
namespace {

int IndexOf(const v1::RouteRequest& request, const std::string& id) {
  for (int k = 0; k < request.places_size(); ++k) {
    if (request.places(k).id() == id) return k;
  }
  return -1;
}

}  // namespace

absl::StatusOr<v1::PlanDayResponse> PlanDayFromRequest(
    const v1::PlanDayRequest& request, const ProblemLimits& limits,
    const SolveControl& control) {
  absl::Status valid = ViolationsToStatus(ValidatePlanDayRequest(request, limits));
  if (!valid.ok()) return valid;
  const Territory territory = TerritoryFromProto(request);
  absl::StatusOr<Plan> plan =
      PlanDay(territory, SolveOptionsFromProto(request.options()), control);
  if (!plan.ok()) return plan.status();
  // The managers' decisions are re-checked from the plan itself: a plan
  // that broke one would be a bug, and must not reach a rep's calendar.
  const std::vector<std::string> broken = PinProblems(territory, *plan);
  if (!broken.empty()) {
    return absl::InternalError(absl::StrCat("the plan breaks a manager's decision: ",
                                            absl::StrJoin(broken, "; ")));
  }
  v1::PlanDayResponse response = PlanToProto(*plan);
  response.mutable_stats()->set_potential_model_id(request.potential_model_id());
  return response;
}

absl::StatusOr<v1::RouteResponse> RouteFromRequest(
    const v1::RouteRequest& request, const ProblemLimits& limits,
    const SolveControl& control) {
  const absl::Time started = absl::Now();
  absl::Status valid = ViolationsToStatus(ValidateRouteRequest(request, limits));
  if (!valid.ok()) return valid;
  std::vector<std::string> ids;
  std::vector<Location> locations;
  for (const v1::Place& place : request.places()) {
    ids.push_back(place.id());
    locations.push_back(LocationFromProto(place.location()));
  }
  const DistanceMatrix matrix = DistanceMatrixFromProto(request.distances());
  absl::StatusOr<DistanceTable> table = DistanceTable::ForPlaces(ids, locations, matrix);
  if (!table.ok()) return table.status();
  std::optional<DistanceTable> durations;
  if (!matrix.durations_seconds.empty()) {
    absl::StatusOr<DistanceTable> seconds =
        DistanceTable::ForPlaces(ids, locations, DurationMatrix(matrix));
    if (!seconds.ok()) return seconds.status();
    durations = *std::move(seconds);
  }

  const int start = IndexOf(request, request.start_id());
  const int end =
      request.end_id().empty() ? start : IndexOf(request, request.end_id());
  RouteOptions options;
  if (request.time_limit_seconds() > 0) {
    options.time_limit_seconds = request.time_limit_seconds();
  }
  // The limit covers the whole request: building the table of thousands of
  // places already used part of it.
  options.time_limit_seconds = std::max(
      0.0, options.time_limit_seconds -
               absl::ToDoubleSeconds(absl::Now() - started));
  options.should_stop = [&control] {
    return (control.should_stop && control.should_stop()) ||
           absl::Now() >= control.deadline;
  };
  const bool timed = IsTimedRoute(request);
  const RouteTiming timing =
      timed ? RouteTimingFromRequest(request, *table, durations ? &*durations : nullptr)
            : RouteTiming{};
  absl::StatusOr<Route> route =
      SolveRoute(*table, start, end, options, timed ? &timing : nullptr);
  if (!route.ok()) return route.status();

  v1::RouteResponse response;
  for (int node : route->order) response.add_order(ids[node]);
  response.set_distance(route->distance);
  response.set_proven_optimal(route->proven_optimal);
  response.set_feasible(true);
  if (timed) AddRouteTimes(*route, timing, ids, response);
  return response;
}

}  // namespace callplan
