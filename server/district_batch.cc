#include "server/district_batch.h"

#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace callplan {
namespace {

std::string DistrictField(int index) {
  return absl::StrCat("districts[", index, "]");
}

v1::DistrictError ErrorOf(int index, const absl::Status& status) {
  v1::DistrictError error;
  error.set_code(static_cast<int>(status.code()));
  const std::vector<FieldViolation> violations = ViolationsFromStatus(status);
  if (violations.empty()) {
    error.set_message(std::string(status.message()));
    return error;
  }
  // Named from the batch's root, so a caller holding the batch finds the
  // field without knowing which district the message came from.
  std::vector<FieldViolation> rooted;
  const std::string prefix = absl::StrCat(DistrictField(index), ".day.");
  for (const FieldViolation& v : violations) {
    rooted.push_back({prefix + v.field, v.description});
    v1::DistrictFieldViolation* out = error.add_field_violations();
    out->set_field(rooted.back().field);
    out->set_description(v.description);
  }
  error.set_message(std::string(ViolationsToStatus(rooted).message()));
  return error;
}

v1::DistrictError InfeasibleErrorOf(const v1::PlanDayResponse& plan) {
  v1::DistrictError error;
  error.set_code(static_cast<int>(absl::StatusCode::kFailedPrecondition));
  const auto& reasons = plan.stats().infeasibility().reasons();
  error.set_message(
      reasons.empty()
          ? std::string("no plan satisfies the bounds")
          : absl::StrCat("no plan satisfies the bounds: ",
                         absl::StrJoin(reasons, "; ")));
  *error.mutable_infeasibility() = plan.stats().infeasibility();
  return error;
}

}  // namespace

std::vector<FieldViolation> ValidatePlanDistrictsRequest(
    const v1::PlanDistrictsRequest& request, const ProblemLimits& limits) {
  std::vector<FieldViolation> violations;
  if (request.districts_size() == 0) {
    violations.push_back(
        {"districts", "is empty; send at least one district-day"});
    return violations;
  }
  if (request.districts_size() > limits.max_districts) {
    violations.push_back(
        {"districts", absl::StrCat(request.districts_size(),
                                   " districts, more than the sidecar's limit of ",
                                   limits.max_districts,
                                   "; send them in several calls")});
  }
  std::map<std::string, int> first_at;
  for (int i = 0; i < request.districts_size(); ++i) {
    const std::string& id = request.districts(i).district_id();
    const std::string field = absl::StrCat(DistrictField(i), ".district_id");
    if (id.empty()) {
      violations.push_back({field, "is required"});
      continue;
    }
    const auto [it, fresh] = first_at.emplace(id, i);
    if (!fresh) {
      violations.push_back(
          {field, absl::StrCat("\"", id, "\" appears twice (first at ",
                               DistrictField(it->second), ")")});
    }
  }
  return violations;
}

v1::DistrictResult DistrictResultOf(
    const v1::PlanDistrictsRequest& request, int index,
    const absl::StatusOr<v1::PlanDayResponse>& outcome) {
  v1::DistrictResult result;
  result.set_district_id(request.districts(index).district_id());
  result.set_index(index);
  if (!outcome.ok()) {
    *result.mutable_error() = ErrorOf(index, outcome.status());
  } else if (outcome->stats().status() == v1::INFEASIBLE) {
    *result.mutable_error() = InfeasibleErrorOf(*outcome);
  } else {
    *result.mutable_plan() = *outcome;
  }
  return result;
}

}  // namespace callplan
