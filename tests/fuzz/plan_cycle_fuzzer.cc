// Fuzzes the path a PlanCycle request takes in the sidecar and in
// `callplan-sidecar plan-cycle`: proto3 JSON -> PlanCycleRequest ->
// validation -> conversion -> the cycle planner -> the response as JSON.
// Input that is not JSON for a PlanCycleRequest is refused by the parser,
// as in the product.
//
// One input must stay fast: validation runs with small limits (a 21-day
// cycle of at most 8 reps and 24 physicians), and an accepted cycle is
// planned within 0.2 s, each day with at most 2 distance iterations.
//
// Promises checked beyond "no crash, no sanitizer finding":
//  - a refused request carries its violations intact (request_promises.h);
//  - a cycle validation accepts is planned: the planner may run out of time
//    (DEADLINE_EXCEEDED) but never answers INVALID_ARGUMENT (validation
//    missed a problem) or INTERNAL (the plan failed its re-check);
//  - every attainment row with fewer calls than its target says why;
//  - the response prints as JSON that parses back.
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/cycle_planning.h"
#include "server/json_io.h"
#include "server/validate_cycle.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/request_promises.h"

namespace callplan::fuzz {
namespace {

constexpr double kMaxSeconds = 0.2;

ProblemLimits FuzzLimits() {
  ProblemLimits limits;
  limits.max_reps = 8;
  limits.max_physicians = 24;
  limits.max_cycle_days = 21;
  return limits;
}

void BoundSolve(v1::PlanCycleRequest& request) {
  v1::SolveOptions& options = *request.mutable_territory()->mutable_options();
  if (options.time_limit_seconds() <= 0 ||
      options.time_limit_seconds() > kMaxSeconds) {
    options.set_time_limit_seconds(kMaxSeconds);
  }
  if (options.max_distance_iterations() == 0 ||
      options.max_distance_iterations() > 2) {
    options.set_max_distance_iterations(2);
  }
}

void PlanOne(const std::string& json) {
  v1::PlanCycleRequest request;
  if (!ParseJson(json, &request).ok()) return;
  const ProblemLimits limits = FuzzLimits();
  const std::vector<FieldViolation> violations =
      ValidatePlanCycleRequest(request, limits);
  if (!violations.empty()) {
    RequireCarriesViolations(ViolationsToStatus(violations), violations);
    return;
  }
  BoundSolve(request);
  CycleControl control;
  control.deadline = absl::Now() + absl::Seconds(2);
  absl::StatusOr<v1::PlanCycleResponse> response =
      PlanCycleFromRequest(request, limits, control);
  if (!response.ok()) {
    Require(absl::IsDeadlineExceeded(response.status()),
            absl::StrCat("a valid cycle is planned, got ",
                         response.status().ToString()));
    return;
  }
  for (const v1::CallAttainment& row : response->attainment()) {
    Require(row.target_met() || !row.reason().empty(),
            absl::StrCat("a target not met says why: ", row.physician_id()));
  }
  const std::string printed = ToJson(*response);
  v1::PlanCycleResponse reread;
  Require(!printed.empty() && ParseJson(printed, &reread).ok(),
          "the response prints as JSON that parses back");
}

}  // namespace
}  // namespace callplan::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  callplan::fuzz::PlanOne(
      std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
