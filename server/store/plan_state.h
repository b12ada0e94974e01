// The life of a stored plan, decided in one place: which step may follow
// which state, and the names people and the audit trail read.
//
//   DRAFT --approve--> APPROVED --publish--> PUBLISHED --(a later publish)--> SUPERSEDED
//   DRAFT --publish--> PUBLISHED     (only when no team requires approval)
//   DRAFT | APPROVED --reject--> REJECTED
//
// REJECTED and SUPERSEDED are final; a PUBLISHED plan is only ever
// superseded by publishing another plan of its territory-day.
#ifndef CALLPLAN_SERVER_STORE_PLAN_STATE_H_
#define CALLPLAN_SERVER_STORE_PLAN_STATE_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace callplan::store {

enum class PlanState { kDraft, kApproved, kPublished, kSuperseded, kRejected };
enum class PlanStepKind { kApprove, kReject, kPublish, kSupersede };

// "DRAFT", "APPROVED", ... and back (nullopt for an unknown name).
const char* PlanStateName(PlanState state);
std::optional<PlanState> ParsePlanState(const std::string& name);
// "approve", "reject", "publish", "supersede".
const char* PlanStepName(PlanStepKind step);

// The state `step` leads to from `from`, or FAILED_PRECONDITION saying in
// words why the step cannot be taken now ("plan X is REJECTED: a rejected
// plan cannot be published").
absl::StatusOr<PlanState> NextPlanState(const std::string& plan_id,
                                        PlanState from, PlanStepKind step,
                                        bool approval_required);

}  // namespace callplan::store

#endif  // CALLPLAN_SERVER_STORE_PLAN_STATE_H_
