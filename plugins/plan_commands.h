// The stored plan's life on the command line (server/plan_service.h):
// draft, review, approve, reject, publish and replan. Drafts and re-plans
// change no calendar; publishing writes them as sync does.
#ifndef CALLPLAN_PLUGINS_PLAN_COMMANDS_H_
#define CALLPLAN_PLUGINS_PLAN_COMMANDS_H_

#include "plugins/command_line.h"

namespace callplan::crm {

int DraftCommand(const Flags& flags);
int ReviewCommand(const Flags& flags);
int StepCommand(const Flags& flags, const char* command, PlanStepKind step);
int PublishCommand(const Flags& flags);
int ReplanCommand(const Flags& flags);

// For the commands of this file: the plan's --version, and a failed step
// described with what to do about it.
absl::StatusOr<int64_t> VersionFlag(const Flags& flags);
int StepFailed(const char* command, const absl::Status& status);
// The review of `plan` against the published plan of its day (or --base),
// and the HTML page of --html.
int PrintReview(const Flags& flags, SidecarClient& client, const v1::StoredPlan& plan,
                const CrmBundle* bundle);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_PLAN_COMMANDS_H_
