// Stored plans (server/store/plan_store.h) and PlanService's messages, both
// ways, in one place: the store keeps the request and response as the
// serialized protos this file writes and reads back.
#ifndef CALLPLAN_SERVER_PLAN_PROTO_H_
#define CALLPLAN_SERVER_PLAN_PROTO_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "callplan/v1/plan_service.pb.h"
#include "callplan/v1/schedule.pb.h"
#include "server/store/plan_store.h"

namespace callplan {

v1::PlanState PlanStateToProto(store::PlanState state);
// nullopt for PLAN_STATE_UNSPECIFIED (every state) and unknown numbers.
std::optional<store::PlanState> PlanStateFromProto(v1::PlanState state);

v1::PlanSummary PlanSummaryToProto(const store::StoredPlan& plan);
// INTERNAL when the stored request or response does not parse (the
// database was changed by hand).
absl::StatusOr<v1::StoredPlan> StoredPlanToProto(const store::StoredPlan& plan);
// The stored response alone (for diffs).
absl::StatusOr<v1::PlanDayResponse> StoredResponse(const store::StoredPlan& plan);

// The teams a day's plan is for: the request's teams, else its reps' teams,
// ascending and without repeats (empty when no rep names a team).
std::vector<std::string> TeamsOfDay(const v1::PlanDayRequest& day);

// A draft of `response` for `day`, as the store keeps it.
store::NewPlan NewDraft(const v1::PlanDayRequest& day,
                        const v1::PlanDayResponse& response,
                        const std::string& digest, const std::string& actor,
                        const std::string& reason);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_PLAN_PROTO_H_
