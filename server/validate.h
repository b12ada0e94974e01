// Request validation, in one place for the gRPC service and the one-shot
// subcommands. Runs before any work and reports every problem it finds, each
// naming the offending field the way the JSON spells it, e.g.
//   physicians[3].product_potential["D1"]: must be between 0 and 100, got -5
#ifndef CALLPLAN_SERVER_VALIDATE_H_
#define CALLPLAN_SERVER_VALIDATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "callplan/v1/schedule.pb.h"

namespace callplan {

struct FieldViolation {
  std::string field;
  std::string description;
};

// Problem-size limits enforced before any work (configurable in the server).
struct ProblemLimits {
  int max_reps = 500;
  int max_physicians = 10000;
  int max_route_places = 5000;
  double max_time_limit_seconds = 600;
  int max_districts = 1000;  // in one PlanDistricts call
  int max_cycle_days = 84;   // first_date..last_date of a PlanCycle
};

std::vector<FieldViolation> ValidatePlanDayRequest(
    const v1::PlanDayRequest& request, const ProblemLimits& limits = {});
std::vector<FieldViolation> ValidateRouteRequest(
    const v1::RouteRequest& request, const ProblemLimits& limits = {});

// Violations of one set of fairness bounds, named under `field` (e.g.
// "fairness", "teams[0].policy", "bounds"): negative spreads or caps, a
// safety factor below 1.
void ValidateFairnessBounds(const std::string& field,
                            const v1::FairnessBounds& bounds,
                            std::vector<FieldViolation>& violations);

// OK when there are none; otherwise InvalidArgument whose message lists the
// first ones (at most kMaxListedViolations, kMaxMessageBytes) and says how
// many more there are, with every violation attached as a payload (see
// ViolationsFromStatus). Small enough for gRPC's 8 KB metadata limit.
inline constexpr size_t kMaxListedViolations = 20;
inline constexpr size_t kMaxMessageBytes = 1000;
absl::Status ViolationsToStatus(const std::vector<FieldViolation>& violations);
std::vector<FieldViolation> ViolationsFromStatus(const absl::Status& status);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_VALIDATE_H_
