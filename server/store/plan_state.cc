#include "server/store/plan_state.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace callplan::store {

const char* PlanStateName(PlanState state) {
  switch (state) {
    case PlanState::kDraft:
      return "DRAFT";
    case PlanState::kApproved:
      return "APPROVED";
    case PlanState::kPublished:
      return "PUBLISHED";
    case PlanState::kSuperseded:
      return "SUPERSEDED";
    case PlanState::kRejected:
      return "REJECTED";
  }
  return "UNKNOWN";
}

std::optional<PlanState> ParsePlanState(const std::string& name) {
  for (PlanState state : {PlanState::kDraft, PlanState::kApproved,
                          PlanState::kPublished, PlanState::kSuperseded,
                          PlanState::kRejected}) {
    if (name == PlanStateName(state)) return state;
  }
  return std::nullopt;
}

const char* PlanStepName(PlanStepKind step) {
  switch (step) {
    case PlanStepKind::kApprove:
      return "approve";
    case PlanStepKind::kReject:
      return "reject";
    case PlanStepKind::kPublish:
      return "publish";
    case PlanStepKind::kSupersede:
      return "supersede";
  }
  return "unknown";
}

absl::StatusOr<PlanState> NextPlanState(const std::string& plan_id,
                                        PlanState from, PlanStepKind step,
                                        bool approval_required) {
  auto refuse = [&](absl::string_view why) {
    return absl::FailedPreconditionError(
        absl::StrCat("plan ", plan_id, " is ", PlanStateName(from), ": ", why));
  };
  switch (step) {
    case PlanStepKind::kApprove:
      if (from == PlanState::kDraft) return PlanState::kApproved;
      return refuse("only a draft can be approved");
    case PlanStepKind::kReject:
      if (from == PlanState::kDraft || from == PlanState::kApproved) {
        return PlanState::kRejected;
      }
      return refuse("only a draft or an approved plan can be rejected");
    case PlanStepKind::kPublish:
      if (from == PlanState::kApproved) return PlanState::kPublished;
      if (from == PlanState::kDraft && !approval_required) {
        return PlanState::kPublished;
      }
      if (from == PlanState::kDraft) {
        return refuse("its team requires a manager's approval before it is published");
      }
      return refuse(absl::StrCat("a ", absl::AsciiStrToLower(PlanStateName(from)),
                                 " plan cannot be published"));
    case PlanStepKind::kSupersede:
      if (from == PlanState::kPublished) return PlanState::kSuperseded;
      return refuse("only the published plan can be superseded");
  }
  return refuse("unknown step");
}

}  // namespace callplan::store
