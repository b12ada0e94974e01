// The portfolio's contact rules for one day (issue: deconfliction): how many
// rep visits each physician may receive today across all teams, and which
// physicians a recent visit by any team excludes.
#ifndef CALLPLAN_SOLVER_CONTACT_RULES_H_
#define CALLPLAN_SOLVER_CONTACT_RULES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "solver/territory.h"

namespace callplan {

struct ContactLimits {
  std::vector<uint32_t> daily_cap;             // per physician
  std::vector<std::string> excluded_reason;    // per physician, "" = allowed
};

// InvalidArgument for unparsable dates, or history without a plan date.
// History visits on the plan date itself use up the daily cap.
absl::StatusOr<ContactLimits> ApplyContactRules(const Territory& territory);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_CONTACT_RULES_H_
