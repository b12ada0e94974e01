// Conversions between the store's records (server/store/store.h) and the
// AdminService messages, and the checks a policy value must pass before it
// is stored. The store keeps domain FairnessBounds, whose safety factor is
// always set (1.25 unless given), so a stored policy always reports one.
#ifndef CALLPLAN_SERVER_POLICY_PROTO_H_
#define CALLPLAN_SERVER_POLICY_PROTO_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "callplan/v1/admin_service.pb.h"
#include "server/store/store.h"
#include "server/validate.h"

namespace callplan {

// A store time (microseconds) as a protobuf Timestamp.
google::protobuf::Timestamp TimestampOf(absl::Time time);

v1::FairnessBounds PolicyBoundsToProto(const FairnessBounds& bounds);

v1::FairnessPolicy PolicyToProto(const store::StoredPolicy& policy);
v1::AuditEvent AuditEventToProto(const store::AuditEvent& event);
v1::VerifyAuditTrailResponse AuditChainCheckToProto(
    const store::AuditChainCheck& check);
store::AuditFilter AuditFilterFromProto(const v1::AuditFilter& filter);

// Every problem with an update, each naming its field: a missing team_id,
// a negative expected_version, negative or non-finite spreads and route
// caps, route or visit caps of zero (nobody could visit anyone), a safety
// factor below 1.
std::vector<FieldViolation> ValidatePolicyUpdate(
    const v1::UpdateFairnessPolicyRequest& request);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_POLICY_PROTO_H_
