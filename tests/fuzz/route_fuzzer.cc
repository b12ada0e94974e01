// Fuzzes the path a Route request takes in the sidecar and in
// `callplan-sidecar route`: proto3 JSON -> RouteRequest -> validation ->
// conversion -> the router -> the response as JSON.
//
// One input must stay fast: at most 40 places (larger requests are only
// validated) and a heuristic time limit of at most 0.05 s.
//
// Promises checked beyond "no crash, no sanitizer finding":
//  - a refused request carries its violations intact (request_promises.h);
//  - a request validation accepts is routed (never an error afterwards);
//  - the order starts at start_id, ends at end_id (start_id when empty) and
//    visits every other place exactly once;
//  - the distance is the length of that order under the request's
//    distances;
//  - the response prints as JSON that parses back.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/convert.h"
#include "server/json_io.h"
#include "server/planning.h"
#include "server/validate.h"
#include "solver/distance.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/request_promises.h"

namespace callplan::fuzz {
namespace {

constexpr double kMaxSeconds = 0.05;

ProblemLimits FuzzLimits() {
  ProblemLimits limits;
  limits.max_route_places = 40;
  return limits;
}

void CheckOrder(const v1::RouteRequest& request,
                const v1::RouteResponse& response) {
  const std::string& start = request.start_id();
  const std::string& end =
      request.end_id().empty() ? start : request.end_id();
  const int expected_size = request.places_size() + (start == end ? 1 : 0);
  Require(expected_size > 0 && response.order_size() == expected_size &&
              response.order(0) == start &&
              response.order(response.order_size() - 1) == end,
          "the order runs from start_id to end_id");
  std::map<std::string, int> seen;
  for (int k = 1; k + 1 < response.order_size(); ++k) ++seen[response.order(k)];
  for (const v1::Place& place : request.places()) {
    if (place.id() == start || place.id() == end) continue;
    Require(seen[place.id()] == 1,
            absl::StrCat("place \"", place.id(), "\" is visited once"));
  }
}

void CheckDistance(const v1::RouteRequest& request,
                   const v1::RouteResponse& response) {
  std::vector<std::string> ids;
  std::vector<Location> locations;
  std::map<std::string, int> index;
  for (const v1::Place& place : request.places()) {
    index[place.id()] = static_cast<int>(ids.size());
    ids.push_back(place.id());
    locations.push_back(LocationFromProto(place.location()));
  }
  absl::StatusOr<DistanceTable> table = DistanceTable::ForPlaces(
      ids, locations, DistanceMatrixFromProto(request.distances()));
  Require(table.ok(), "the places of a routed request have distances");
  double length = 0;
  for (int k = 0; k + 1 < response.order_size(); ++k) {
    length += (*table)(index[response.order(k)], index[response.order(k + 1)]);
  }
  const double reported = response.distance();
  const bool same = length == reported ||
                    std::fabs(length - reported) <= 1e-9 * (1 + std::fabs(length));
  Require(same, absl::StrCat("the distance ", reported,
                             " is the order's length ", length));
}

void RouteOne(const std::string& json) {
  v1::RouteRequest request;
  if (!ParseJson(json, &request).ok()) return;
  const ProblemLimits limits = FuzzLimits();
  const std::vector<FieldViolation> violations =
      ValidateRouteRequest(request, limits);
  if (!violations.empty()) {
    RequireCarriesViolations(ViolationsToStatus(violations), violations);
    return;
  }
  if (request.time_limit_seconds() <= 0 ||
      request.time_limit_seconds() > kMaxSeconds) {
    request.set_time_limit_seconds(kMaxSeconds);
  }
  absl::StatusOr<v1::RouteResponse> response =
      RouteFromRequest(request, limits);
  Require(response.ok(), absl::StrCat("a valid request is routed, got ",
                                      response.status().ToString()));
  CheckOrder(request, *response);
  CheckDistance(request, *response);
  const std::string printed = ToJson(*response);
  v1::RouteResponse reread;
  Require(!printed.empty() && ParseJson(printed, &reread).ok(),
          "the response prints as JSON that parses back");
}

}  // namespace
}  // namespace callplan::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  callplan::fuzz::RouteOne(
      std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
