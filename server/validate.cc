#include "server/validate.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/cord.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "proto/callplan/v1/field_limits.h"
#include "server/field_checks.h"
#include "server/validate_pins.h"
#include "server/validate_time.h"

namespace callplan {
namespace {

using validation::CheckBreaks;
using validation::CheckNonNegative;
using validation::CheckPhysicianHours;
using validation::CheckRange;
using validation::CheckSpeed;
using validation::CheckTimeWindow;
using validation::CheckWindows;
using validation::Clock;
using validation::Collector;
using validation::Num;
using validation::CheckDate;

// Payload key under which the structured violations travel with a Status.
constexpr char kViolationsPayload[] = "callplan.v1/field_violations";

namespace limits = v1::limits;

constexpr char kUnsetForNoCap[] = " (leave it unset for no cap)";
// A learned model's words on one potential (a few drivers), and its id.
constexpr size_t kMaxPotentialBasisBytes = 1000;
constexpr size_t kMaxModelIdBytes = 100;

// Returns the location kind (0 none, 1 planar, 2 lat_lng) after checking it.
int CheckLocation(Collector& c, const std::string& field,
                  const v1::Location& location, bool required) {
  switch (location.kind_case()) {
    case v1::Location::kPlanar: {
      // Bounded, not just finite: 1e308 passed as finite and made every
      // route Infinity (issue 10, finding 7).
      const auto& p = location.planar();
      CheckRange(c, field + ".planar.x", p.x(), limits::kCoordinate);
      CheckRange(c, field + ".planar.y", p.y(), limits::kCoordinate);
      return 1;
    }
    case v1::Location::kLatLng: {
      const auto& l = location.lat_lng();
      CheckRange(c, field + ".lat_lng.latitude", l.latitude(), limits::kLatitude);
      CheckRange(c, field + ".lat_lng.longitude", l.longitude(),
                 limits::kLongitude);
      return 2;
    }
    case v1::Location::KIND_NOT_SET:
      if (required) {
        c.Add(field, "is missing (set planar or lat_lng, or send distances)");
      }
      return 0;
  }
  return 0;
}

// Every place shares one kind: mixing planar and lat/lng has no distance.
void CheckSameKind(Collector& c, const std::vector<std::pair<std::string, int>>& kinds) {
  int first = 0;
  std::string first_field;
  for (const auto& [field, kind] : kinds) {
    if (kind == 0) continue;
    if (first == 0) {
      first = kind;
      first_field = field;
    } else if (kind != first) {
      c.Add(field, absl::StrCat("is ", kind == 1 ? "planar" : "lat_lng",
                                " but ", first_field, " is ",
                                first == 1 ? "planar" : "lat_lng",
                                "; use one kind per request"));
    }
  }
}

void CheckId(Collector& c, const std::string& field, const std::string& id,
             absl::flat_hash_set<std::string>& seen) {
  if (id.empty()) {
    c.Add(field, "is missing");
  } else if (!seen.insert(id).second) {
    c.Add(field, absl::StrCat("duplicate id \"", id, "\""));
  }
}

void CheckMatrix(Collector& c, const v1::DistanceMatrix& matrix,
                 const absl::flat_hash_set<std::string>& place_ids) {
  if (matrix.ids().empty() && matrix.distances().empty()) return;
  const size_t n = matrix.ids_size();
  absl::flat_hash_set<std::string> seen;
  for (size_t k = 0; k < n; ++k) {
    const std::string field = absl::StrCat("distances.ids[", k, "]");
    CheckId(c, field, matrix.ids(k), seen);
    if (!matrix.ids(k).empty() && !place_ids.contains(matrix.ids(k))) {
      c.Add(field, absl::StrCat("unknown id \"", matrix.ids(k), "\""));
    }
  }
  for (const std::string& id : place_ids) {
    if (!seen.contains(id)) {
      c.Add("distances.ids", absl::StrCat("missing place \"", id, "\""));
    }
  }
  if (static_cast<size_t>(matrix.distances_size()) != n * n) {
    c.Add("distances.distances",
          absl::StrCat("expected ", n * n, " entries (", n, " x ", n,
                       "), got ", matrix.distances_size()));
    return;
  }
  for (int k = 0; k < matrix.distances_size(); ++k) {
    CheckRange(c, absl::StrCat("distances.distances[", k, "]"),
               matrix.distances(k), limits::kMatrixDistance);
  }
  if (matrix.durations_seconds_size() > 0 &&
      static_cast<size_t>(matrix.durations_seconds_size()) != n * n) {
    c.Add("distances.durations_seconds",
          absl::StrCat("expected ", n * n, " entries (", n, " x ", n,
                       "), like distances, got ", matrix.durations_seconds_size()));
    return;
  }
  for (int k = 0; k < matrix.durations_seconds_size(); ++k) {
    CheckRange(c, absl::StrCat("distances.durations_seconds[", k, "]"),
               matrix.durations_seconds(k), limits::kTravelSeconds);
  }
}

void CheckContactRules(Collector& c, const std::string& field,
                       const v1::ContactRules& rules) {
  if (rules.has_max_visits_per_day()) {
    CheckRange(c, field + ".max_visits_per_day", rules.max_visits_per_day(),
               limits::kVisitsPerDay,
               " (leave it unset for the default of 1; mark the physician "
               "optional to allow no visit)");
  }
  if (rules.has_min_days_between_visits()) {
    CheckRange(c, field + ".min_days_between_visits",
               rules.min_days_between_visits(), limits::kDaysBetweenVisits);
  }
}

void CheckReps(Collector& c, const v1::PlanDayRequest& request, bool has_matrix,
               absl::flat_hash_set<std::string>& ids,
               std::vector<std::pair<std::string, int>>& kinds) {
  for (int i = 0; i < request.reps_size(); ++i) {
    const v1::Rep& rep = request.reps(i);
    const std::string field = absl::StrCat("reps[", i, "]");
    CheckId(c, field + ".id", rep.id(), ids);
    kinds.emplace_back(field + ".home",
                       CheckLocation(c, field + ".home", rep.home(), !has_matrix));
    absl::flat_hash_set<std::string> products;
    for (int k = 0; k < rep.products_size(); ++k) {
      const std::string pf = absl::StrCat(field, ".products[", k, "]");
      if (rep.products(k).empty()) c.Add(pf, "is empty");
      else if (!products.insert(rep.products(k)).second) {
        c.Add(pf, absl::StrCat("duplicate product \"", rep.products(k), "\""));
      }
    }
    CheckRange(c, field + ".max_route_distance", rep.max_route_distance(),
               limits::kRepRouteDistance, " (0 = the team's cap)");
    CheckRange(c, field + ".max_visits", rep.max_visits(), limits::kRepMaxVisits,
               " (0 = the team's cap)");
    const bool shift_ok =
        rep.has_shift() && CheckTimeWindow(c, field + ".shift", rep.shift());
    CheckBreaks(c, field + ".breaks", rep.breaks(), shift_ok ? &rep.shift() : nullptr);
    CheckSpeed(c, field + ".travel_speed_kmh", rep.travel_speed_kmh());
  }
}

// Words for the potentials the physician has, short enough for a reason.
void CheckPotentialBasis(Collector& c, const std::string& field,
                         const v1::Physician& physician) {
  const std::map<std::string, std::string> basis(physician.potential_basis().begin(),
                                                 physician.potential_basis().end());
  for (const auto& [product, words] : basis) {
    const std::string bf = absl::StrCat(field, ".potential_basis[\"", product, "\"]");
    if (!physician.product_potential().contains(product)) {
      c.Add(bf, "names a product without a potential in product_potential");
    }
    if (words.size() > kMaxPotentialBasisBytes) {
      c.Add(bf, absl::StrCat("at most ", kMaxPotentialBasisBytes, " bytes, got ",
                             words.size()));
    }
  }
}

void CheckPhysicians(Collector& c, const v1::PlanDayRequest& request,
                     bool has_matrix, absl::flat_hash_set<std::string>& ids,
                     std::vector<std::pair<std::string, int>>& kinds) {
  for (int j = 0; j < request.physicians_size(); ++j) {
    const v1::Physician& physician = request.physicians(j);
    const std::string field = absl::StrCat("physicians[", j, "]");
    CheckId(c, field + ".id", physician.id(), ids);
    kinds.emplace_back(field + ".location",
                       CheckLocation(c, field + ".location",
                                     physician.location(), !has_matrix));
    // Sorted so that the report is in a stable order.
    std::map<std::string, double> potentials(
        physician.product_potential().begin(),
        physician.product_potential().end());
    for (const auto& [product, value] : potentials) {
      const std::string pf =
          absl::StrCat(field, ".product_potential[\"", product, "\"]");
      if (product.empty()) c.Add(pf, "product name is empty");
      CheckRange(c, pf, value, limits::kPotential);
    }
    CheckPotentialBasis(c, field, physician);
    CheckContactRules(c, field + ".contact", physician.contact());
    CheckPhysicianHours(c, field, physician, request.date());
  }
}

void CheckFairness(Collector& c, const std::string& field,
                   const v1::FairnessBounds& f) {
  if (f.has_max_workload_spread()) {
    CheckRange(c, field + ".max_workload_spread", f.max_workload_spread(),
               limits::kWorkloadSpread);
  }
  if (f.has_max_potential_spread()) {
    CheckRange(c, field + ".max_potential_spread", f.max_potential_spread(),
               limits::kPotentialSpread);
  }
  if (f.has_max_route_distance()) {
    CheckRange(c, field + ".max_route_distance", f.max_route_distance(),
               limits::kRouteDistance, kUnsetForNoCap);
  }
  if (f.has_distance_safety_factor()) {
    CheckRange(c, field + ".distance_safety_factor", f.distance_safety_factor(),
               limits::kSafetyFactor);
  }
  if (f.has_max_visits_per_rep()) {
    CheckRange(c, field + ".max_visits_per_rep", f.max_visits_per_rep(),
               limits::kVisitsPerRep, kUnsetForNoCap);
  }
}

// Teams, the reps' membership and the portfolio's contact history.
void CheckPortfolio(Collector& c, const v1::PlanDayRequest& request) {
  absl::flat_hash_set<std::string> teams;
  for (int t = 0; t < request.teams_size(); ++t) {
    const v1::Team& team = request.teams(t);
    const std::string field = absl::StrCat("teams[", t, "]");
    if (team.id().empty()) {
      c.Add(field + ".id", "is empty");
    } else if (!teams.insert(team.id()).second) {
      c.Add(field + ".id", absl::StrCat("duplicate team \"", team.id(), "\""));
    }
    for (int k = 0; k < team.products_size(); ++k) {
      if (team.products(k).empty()) {
        c.Add(absl::StrCat(field, ".products[", k, "]"), "is empty");
      }
    }
    if (team.has_policy()) CheckFairness(c, field + ".policy", team.policy());
  }
  if (!teams.empty()) {
    for (int i = 0; i < request.reps_size(); ++i) {
      if (!teams.contains(request.reps(i).team_id())) {
        c.Add(absl::StrCat("reps[", i, "].team_id"),
              absl::StrCat("\"", request.reps(i).team_id(),
                           "\" is not one of the request's teams"));
      }
    }
  }
  CheckContactRules(c, "contact_rules", request.contact_rules());
  if (request.visit_history_size() > 0 && request.date().empty()) {
    c.Add("date", "is required when visit_history is given");
  }
  for (int k = 0; k < request.visit_history_size(); ++k) {
    const v1::PastVisit& visit = request.visit_history(k);
    const std::string field = absl::StrCat("visit_history[", k, "]");
    if (visit.physician_id().empty()) c.Add(field + ".physician_id", "is empty");
    CheckDate(c, field + ".date", visit.date());
  }
}

void CheckOptions(Collector& c, const v1::SolveOptions& o,
                  const ProblemLimits& limits) {
  CheckNonNegative(c, "options.time_limit_seconds", o.time_limit_seconds());
  if (o.time_limit_seconds() > limits.max_time_limit_seconds) {
    c.Add("options.time_limit_seconds",
          absl::StrCat("must be at most ", Num(limits.max_time_limit_seconds),
                       ", got ", Num(o.time_limit_seconds())));
  }
  if (!(o.relative_gap() >= 0 && o.relative_gap() < 1)) {
    c.Add("options.relative_gap",
          absl::StrCat("must be in [0, 1), got ", Num(o.relative_gap())));
  }
  CheckRange(c, "options.max_distance_iterations", o.max_distance_iterations(),
             limits::kDistanceIterations, " (0 = the default, 25)");
  if (!v1::Formulation_IsValid(o.formulation())) {
    c.Add("options.formulation", absl::StrCat("unknown value ", o.formulation()));
  }
}

}  // namespace

void ValidateFairnessBounds(const std::string& field,
                            const v1::FairnessBounds& bounds,
                            std::vector<FieldViolation>& violations) {
  Collector c(violations);
  CheckFairness(c, field, bounds);
}

std::vector<FieldViolation> ValidatePlanDayRequest(
    const v1::PlanDayRequest& request, const ProblemLimits& limits) {
  std::vector<FieldViolation> violations;
  Collector c(violations);
  if (request.reps().empty()) c.Add("reps", "at least one rep is required");
  if (request.reps_size() > limits.max_reps) {
    c.Add("reps", absl::StrCat("at most ", limits.max_reps, " reps, got ",
                               request.reps_size()));
  }
  if (request.physicians_size() > limits.max_physicians) {
    c.Add("physicians", absl::StrCat("at most ", limits.max_physicians,
                                     " physicians, got ",
                                     request.physicians_size()));
  }
  if (!request.date().empty()) CheckDate(c, "date", request.date());
  const bool has_matrix = request.distances().ids_size() > 0;
  absl::flat_hash_set<std::string> ids;
  std::vector<std::pair<std::string, int>> kinds;
  CheckReps(c, request, has_matrix, ids, kinds);
  CheckPhysicians(c, request, has_matrix, ids, kinds);
  if (!has_matrix) CheckSameKind(c, kinds);
  CheckMatrix(c, request.distances(), ids);
  CheckFairness(c, "fairness", request.fairness());
  CheckPortfolio(c, request);
  CheckRange(c, "default_visit_duration_seconds",
             request.default_visit_duration_seconds(), limits::kDurationSeconds,
             " (0 = 30 minutes)");
  CheckSpeed(c, "default_travel_speed_kmh", request.default_travel_speed_kmh());
  CheckOptions(c, request.options(), limits);
  validation::CheckPins(c, request);
  if (request.potential_model_id().size() > kMaxModelIdBytes) {
    c.Add("potential_model_id", absl::StrCat("at most ", kMaxModelIdBytes, " bytes, got ",
                                             request.potential_model_id().size()));
  }
  return violations;
}

std::vector<FieldViolation> ValidateRouteRequest(
    const v1::RouteRequest& request, const ProblemLimits& limits) {
  std::vector<FieldViolation> violations;
  Collector c(violations);
  if (request.places().empty()) c.Add("places", "at least one place is required");
  if (request.places_size() > limits.max_route_places) {
    c.Add("places", absl::StrCat("at most ", limits.max_route_places,
                                 " places, got ", request.places_size()));
  }
  const bool has_matrix = request.distances().ids_size() > 0;
  absl::flat_hash_set<std::string> ids;
  std::vector<std::pair<std::string, int>> kinds;
  for (int k = 0; k < request.places_size(); ++k) {
    const std::string field = absl::StrCat("places[", k, "]");
    CheckId(c, field + ".id", request.places(k).id(), ids);
    kinds.emplace_back(field + ".location",
                       CheckLocation(c, field + ".location",
                                     request.places(k).location(), !has_matrix));
    CheckWindows(c, field + ".time_windows", request.places(k).time_windows());
    CheckRange(c, field + ".service_seconds", request.places(k).service_seconds(),
               limits::kDurationSeconds);
  }
  v1::TimeWindow shift;
  shift.set_start_seconds(request.has_start_seconds() ? request.start_seconds() : 0);
  shift.set_end_seconds(request.has_end_seconds() ? request.end_seconds() : 86400);
  const size_t before = c.size();
  CheckRange(c, "start_seconds", shift.start_seconds(), limits::kDaySeconds);
  CheckRange(c, "end_seconds", shift.end_seconds(), limits::kDaySeconds);
  if (c.size() == before && shift.end_seconds() < shift.start_seconds()) {
    c.Add("end_seconds", absl::StrCat("is ", Clock(shift.end_seconds()),
                                      ", before start_seconds ",
                                      Clock(shift.start_seconds())));
  }
  CheckBreaks(c, "breaks", request.breaks(), c.size() == before ? &shift : nullptr);
  CheckSpeed(c, "travel_speed_kmh", request.travel_speed_kmh());
  if (!has_matrix) CheckSameKind(c, kinds);
  if (request.start_id().empty()) {
    c.Add("start_id", "is missing");
  } else if (!ids.contains(request.start_id())) {
    c.Add("start_id", absl::StrCat("unknown place \"", request.start_id(), "\""));
  }
  if (!request.end_id().empty() && !ids.contains(request.end_id())) {
    c.Add("end_id", absl::StrCat("unknown place \"", request.end_id(), "\""));
  }
  CheckMatrix(c, request.distances(), ids);
  CheckNonNegative(c, "time_limit_seconds", request.time_limit_seconds());
  return violations;
}

absl::Status ViolationsToStatus(const std::vector<FieldViolation>& violations) {
  if (violations.empty()) return absl::OkStatus();
  // The message names the first problems and counts the rest: a 9x9 matrix
  // of NaN used to make a 39 KB message, past gRPC's metadata limit, so
  // callers got RESOURCE_EXHAUSTED instead (issue 10, finding 5).
  std::string message;
  size_t listed = 0;
  for (const FieldViolation& v : violations) {
    const std::string line = absl::StrCat(v.field, ": ", v.description);
    if (listed > 0 && (listed == kMaxListedViolations ||
                       message.size() + line.size() > kMaxMessageBytes)) {
      break;
    }
    absl::StrAppend(&message, listed > 0 ? "; " : "", line);
    ++listed;
  }
  if (listed < violations.size()) {
    absl::StrAppend(&message, "; and ", violations.size() - listed,
                    " more problems (", violations.size(), " in all)");
  }
  // One line per violation, field and description tab-separated, both
  // C-escaped: the bad values they quote may hold tabs and line breaks.
  std::string payload;
  for (const FieldViolation& v : violations) {
    absl::StrAppend(&payload, absl::CEscape(v.field), "\t",
                    absl::CEscape(v.description), "\n");
  }
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kViolationsPayload, absl::Cord(payload));
  return status;
}

std::vector<FieldViolation> ViolationsFromStatus(const absl::Status& status) {
  std::vector<FieldViolation> out;
  auto payload = status.GetPayload(kViolationsPayload);
  if (!payload) return out;
  for (absl::string_view line :
       absl::StrSplit(std::string(*payload), '\n', absl::SkipEmpty())) {
    std::pair<std::string, std::string> parts = absl::StrSplit(line, '\t');
    FieldViolation violation;
    absl::CUnescape(parts.first, &violation.field);
    absl::CUnescape(parts.second, &violation.description);
    out.push_back(std::move(violation));
  }
  return out;
}

}  // namespace callplan
