#include "server/policy_proto.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace callplan {
namespace {

absl::Time TimeOf(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

}  // namespace

google::protobuf::Timestamp TimestampOf(absl::Time time) {
  google::protobuf::Timestamp out;
  const int64_t micros = absl::ToUnixMicros(time);
  int64_t seconds = micros / 1000000;
  int64_t rest = micros % 1000000;
  if (rest < 0) {
    rest += 1000000;
    --seconds;
  }
  out.set_seconds(seconds);
  out.set_nanos(static_cast<int32_t>(rest * 1000));
  return out;
}

v1::FairnessBounds PolicyBoundsToProto(const FairnessBounds& bounds) {
  v1::FairnessBounds out;
  if (bounds.max_workload_spread) {
    out.set_max_workload_spread(*bounds.max_workload_spread);
  }
  if (bounds.max_potential_spread) {
    out.set_max_potential_spread(*bounds.max_potential_spread);
  }
  if (bounds.max_route_distance) {
    out.set_max_route_distance(*bounds.max_route_distance);
  }
  out.set_distance_safety_factor(bounds.distance_safety_factor);
  if (bounds.max_visits_per_rep) {
    out.set_max_visits_per_rep(*bounds.max_visits_per_rep);
  }
  return out;
}

v1::FairnessPolicy PolicyToProto(const store::StoredPolicy& policy) {
  v1::FairnessPolicy out;
  out.set_team_id(policy.team_id);
  *out.mutable_bounds() = PolicyBoundsToProto(policy.bounds);
  out.set_version(policy.version);
  out.set_etag(policy.etag);
  out.set_updated_by(policy.updated_by);
  *out.mutable_update_time() = TimestampOf(policy.updated_at);
  out.set_reason(policy.reason);
  out.set_require_approval(policy.require_approval);
  return out;
}

v1::AuditEvent AuditEventToProto(const store::AuditEvent& event) {
  v1::AuditEvent out;
  out.set_id(event.id);
  switch (event.kind) {
    case store::AuditKind::kPlanDay: out.set_kind(v1::PLAN_DAY); break;
    case store::AuditKind::kPolicyChange: out.set_kind(v1::POLICY_CHANGE); break;
    case store::AuditKind::kDenied: out.set_kind(v1::DENIED); break;
    case store::AuditKind::kPlanStep: out.set_kind(v1::PLAN_STEP); break;
  }
  *out.mutable_time() = TimestampOf(event.time);
  out.set_actor(event.actor);
  out.set_team_id(event.team_id);
  out.set_territory_id(event.territory_id);
  out.set_request_digest(event.request_digest);
  out.set_policy_version(event.policy_version);
  out.set_status(event.status);
  out.set_objective(event.objective);
  out.mutable_counts()->insert(event.counts.begin(), event.counts.end());
  out.set_old_value(event.old_value);
  out.set_new_value(event.new_value);
  out.set_reason(event.reason);
  out.set_detail(event.detail);
  out.set_prev_sha256(event.prev_sha256);
  out.set_sha256(event.sha256);
  return out;
}

v1::VerifyAuditTrailResponse AuditChainCheckToProto(
    const store::AuditChainCheck& check) {
  v1::VerifyAuditTrailResponse out;
  out.set_intact(check.intact);
  out.set_records_checked(check.records);
  out.set_last_id(check.last_id);
  out.set_last_sha256(check.last_sha256);
  out.set_first_bad_id(check.first_bad_id);
  switch (check.problem) {
    case store::AuditChainBreak::kNone: break;
    case store::AuditChainBreak::kContentChanged:
      out.set_problem(v1::CONTENT_CHANGED);
      break;
    case store::AuditChainBreak::kRecordMissing:
      out.set_problem(v1::RECORD_MISSING);
      break;
    case store::AuditChainBreak::kRecordInserted:
      out.set_problem(v1::RECORD_INSERTED);
      break;
  }
  out.set_explanation(check.explanation);
  return out;
}

store::AuditFilter AuditFilterFromProto(const v1::AuditFilter& filter) {
  store::AuditFilter out;
  if (filter.has_from()) out.from = TimeOf(filter.from());
  if (filter.has_to()) out.to = TimeOf(filter.to());
  switch (filter.kind()) {
    case v1::PLAN_DAY: out.kind = store::AuditKind::kPlanDay; break;
    case v1::POLICY_CHANGE: out.kind = store::AuditKind::kPolicyChange; break;
    case v1::DENIED: out.kind = store::AuditKind::kDenied; break;
    case v1::PLAN_STEP: out.kind = store::AuditKind::kPlanStep; break;
    default: break;
  }
  if (!filter.team_id().empty()) out.team_id = filter.team_id();
  return out;
}

std::vector<FieldViolation> ValidatePolicyUpdate(
    const v1::UpdateFairnessPolicyRequest& request) {
  std::vector<FieldViolation> out;
  if (request.team_id().empty()) {
    out.push_back({"team_id", "is required (\"default\" for teams without "
                              "a policy of their own)"});
  }
  if (request.expected_version() < 0) {
    out.push_back({"expected_version",
                   absl::StrCat("must be >= 0 (0 creates the policy), got ",
                                request.expected_version())});
  }
  // The bounds' rules are the planning request's, ranges included: a value
  // stored here is one every plan of the team can use.
  ValidateFairnessBounds("bounds", request.bounds(), out);
  return out;
}

}  // namespace callplan
