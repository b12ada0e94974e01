// Fuzzes the path a PlanDay request takes in the sidecar and in
// `callplan-sidecar solve`: proto3 JSON -> PlanDayRequest -> validation ->
// conversion -> the engine -> the response as JSON. Input that is not JSON
// for a PlanDayRequest is refused by the parser, as in the product.
//
// One input must stay fast, so the solve is bounded: validation runs with
// small size limits (bigger requests are only validated, which is where
// their size matters), and an accepted request is planned with a time limit
// of at most 0.05 s and at most 3 distance iterations.
//
// Promises checked beyond "no crash, no sanitizer finding":
//  - a refused request carries its violations intact (request_promises.h);
//  - a request validation accepts is planned: the engine may run out of
//    time (DEADLINE_EXCEEDED) but never answers INVALID_ARGUMENT (validation
//    missed a problem) or INTERNAL (the engine broke);
//  - the response prints as JSON that parses back.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/json_io.h"
#include "server/planning.h"
#include "server/validate.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/request_promises.h"

namespace callplan::fuzz {
namespace {

constexpr double kMaxSeconds = 0.05;
constexpr uint32_t kMaxDistanceIterations = 3;

ProblemLimits FuzzLimits() {
  ProblemLimits limits;
  limits.max_reps = 12;
  limits.max_physicians = 60;
  return limits;
}

// The bounds that keep one input fast; validation already saw the original.
void BoundSolve(v1::PlanDayRequest& request) {
  v1::SolveOptions& options = *request.mutable_options();
  if (options.time_limit_seconds() <= 0 ||
      options.time_limit_seconds() > kMaxSeconds) {
    options.set_time_limit_seconds(kMaxSeconds);
  }
  if (options.max_distance_iterations() == 0 ||
      options.max_distance_iterations() > kMaxDistanceIterations) {
    options.set_max_distance_iterations(kMaxDistanceIterations);
  }
}

void PlanOne(const std::string& json) {
  v1::PlanDayRequest request;
  if (!ParseJson(json, &request).ok()) return;
  const ProblemLimits limits = FuzzLimits();
  const std::vector<FieldViolation> violations =
      ValidatePlanDayRequest(request, limits);
  if (!violations.empty()) {
    RequireCarriesViolations(ViolationsToStatus(violations), violations);
    return;
  }
  BoundSolve(request);
  SolveControl control;
  control.deadline = absl::Now() + absl::Seconds(1);
  absl::StatusOr<v1::PlanDayResponse> response =
      PlanDayFromRequest(request, limits, control);
  if (!response.ok()) {
    Require(absl::IsDeadlineExceeded(response.status()),
            absl::StrCat("a valid request is planned, got ",
                         response.status().ToString()));
    return;
  }
  const std::string printed = ToJson(*response);
  v1::PlanDayResponse reread;
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
