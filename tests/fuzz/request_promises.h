// Promises of the request path shared by the plan and route fuzz targets.
#ifndef CALLPLAN_TESTS_FUZZ_REQUEST_PROMISES_H_
#define CALLPLAN_TESTS_FUZZ_REQUEST_PROMISES_H_

#include <vector>

#include "absl/status/status.h"
#include "server/validate.h"
#include "tests/fuzz/fuzz_check.h"

namespace callplan::fuzz {

// A refused request is INVALID_ARGUMENT, and every violation it carries
// (what the gRPC BadRequest detail is made of) is one validation reported,
// field and description intact, in order. It may carry fewer than all.
inline void RequireCarriesViolations(
    const absl::Status& status, const std::vector<FieldViolation>& found) {
  const std::vector<FieldViolation> carried = ViolationsFromStatus(status);
  bool intact = absl::IsInvalidArgument(status) && !carried.empty() &&
                carried.size() <= found.size();
  for (size_t k = 0; intact && k < carried.size(); ++k) {
    intact = carried[k].field == found[k].field &&
             carried[k].description == found[k].description;
  }
  Require(intact, "a refused request carries its violations intact");
}

}  // namespace callplan::fuzz

#endif  // CALLPLAN_TESTS_FUZZ_REQUEST_PROMISES_H_
