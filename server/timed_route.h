// The time dimension of a RouteRequest (issue 9): whether the route is
// timed, the router's RouteTiming from the request's windows, service
// times, departure and return bounds, breaks and durations or speed, and
// the timed fields of the RouteResponse. Used by planning.cc only.
#ifndef CALLPLAN_SERVER_TIMED_ROUTE_H_
#define CALLPLAN_SERVER_TIMED_ROUTE_H_

#include <string>
#include <vector>

#include "callplan/v1/schedule.pb.h"
#include "solver/distance.h"
#include "solver/router/router.h"

namespace callplan {

// A window, a service time, a departure or return bound, or a break.
bool IsTimedRoute(const v1::RouteRequest& request);

// `request` is valid; `table` its distance table and `durations` (null
// without durations_seconds) its table of travel seconds, places in request
// order.
RouteTiming RouteTimingFromRequest(const v1::RouteRequest& request,
                                   const DistanceTable& table,
                                   const DistanceTable* durations);

// Stops, breaks, departure, return and feasibility of `route` into
// `response`; `ids` are the places' ids in request order.
void AddRouteTimes(const Route& route, const RouteTiming& timing,
                   const std::vector<std::string>& ids,
                   v1::RouteResponse& response);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_TIMED_ROUTE_H_
