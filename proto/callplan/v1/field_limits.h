// The contract's numeric ranges, in one table: the sidecar's validation, the
// admin API, the CRM bundle reader and the README's tables all read these,
// so a value one of them accepts is one the engine can plan with (issue 10,
// finding 3: a workload spread of 2^31 passed validation, overflowed an int
// in the engine and made every plan of the team fail).
//
// Zero and unset, one meaning everywhere:
//  - `optional` bounds (FairnessBounds, ContactRules): unset = no bound (or
//    the fallback the field documents); a set value must lie in its range,
//    and caps (route distance, visits per rep, visits per day) start at
//    their smallest useful value, so 0 is refused with a message saying to
//    leave the field unset instead.
//  - plain per-rep overrides (Rep.max_route_distance, Rep.max_visits), which
//    proto3 cannot tell unset from 0: 0 = the team's bound.
#ifndef CALLPLAN_PROTO_CALLPLAN_V1_FIELD_LIMITS_H_
#define CALLPLAN_PROTO_CALLPLAN_V1_FIELD_LIMITS_H_

#include <cmath>
#include <cstdint>

namespace callplan::v1::limits {

struct Range {
  double min;
  double max;
  bool whole;              // whole numbers only
  bool above_min = false;  // min itself excluded (caps: greater than 0)
  bool Contains(double value) const {
    return std::isfinite(value) && (above_min ? value > min : value >= min) &&
           value <= max && (!whole || value == std::floor(value));
  }
};

// Fairness bounds (FairnessBounds, team policies, territory.csv, admin set).
inline constexpr Range kWorkloadSpread{0, 10000, true};
inline constexpr Range kPotentialSpread{0, 1e9, false};
// In the request's distance unit (km for lat/lng). Larger than any planar
// territory's diagonal (coordinates are within +-kCoordinate).
inline constexpr Range kRouteDistance{0, 1e10, false, true};
inline constexpr Range kSafetyFactor{1, 100, false};
inline constexpr Range kVisitsPerRep{1, 10000, true};

// Per-rep overrides: 0 = the team's bound.
inline constexpr Range kRepRouteDistance{0, 1e10, false};
inline constexpr Range kRepMaxVisits{0, 10000, true};

// Contact rules (request, physician, bundle columns).
inline constexpr Range kVisitsPerDay{1, 1000, true};
inline constexpr Range kDaysBetweenVisits{0, 3650, true};

// Call cycles: calls to one physician by one team over a cycle (at most
// a few per day of a twelve-week cycle), and the share of a visit's
// potential the k-th call is worth.
inline constexpr Range kCycleCalls{0, 1000, true};
inline constexpr Range kResponseShare{0, 1, false};

// Places and distances.
inline constexpr Range kCoordinate{-1e9, 1e9, false};  // planar x, y
inline constexpr Range kLatitude{-90, 90, false};
inline constexpr Range kLongitude{-180, 180, false};
inline constexpr Range kMatrixDistance{0, 1e10, false};

// Potentials, the paper's 0-100 scale.
inline constexpr Range kPotential{0, 100, false};

// Time: seconds after local midnight of the planned day; durations and
// travel times in seconds; speeds in km/h (0 = the default).
inline constexpr Range kDaySeconds{0, 86400, true};
inline constexpr Range kDurationSeconds{0, 86400, true};
inline constexpr Range kTravelSeconds{0, 1e7, false};
inline constexpr Range kTravelSpeedKmh{0, 300, false};

// Search options.
inline constexpr Range kDistanceIterations{0, 1000, true};  // 0 = default

}  // namespace callplan::v1::limits

#endif  // CALLPLAN_PROTO_CALLPLAN_V1_FIELD_LIMITS_H_
