#include "server/plan_proto.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "server/policy_proto.h"

namespace callplan {

v1::PlanState PlanStateToProto(store::PlanState state) {
  switch (state) {
    case store::PlanState::kDraft:
      return v1::DRAFT;
    case store::PlanState::kApproved:
      return v1::APPROVED;
    case store::PlanState::kPublished:
      return v1::PUBLISHED;
    case store::PlanState::kSuperseded:
      return v1::SUPERSEDED;
    case store::PlanState::kRejected:
      return v1::REJECTED;
  }
  return v1::PLAN_STATE_UNSPECIFIED;
}

std::optional<store::PlanState> PlanStateFromProto(v1::PlanState state) {
  switch (state) {
    case v1::DRAFT:
      return store::PlanState::kDraft;
    case v1::APPROVED:
      return store::PlanState::kApproved;
    case v1::PUBLISHED:
      return store::PlanState::kPublished;
    case v1::SUPERSEDED:
      return store::PlanState::kSuperseded;
    case v1::REJECTED:
      return store::PlanState::kRejected;
    default:
      return std::nullopt;
  }
}

v1::PlanSummary PlanSummaryToProto(const store::StoredPlan& plan) {
  v1::PlanSummary out;
  out.set_plan_id(plan.plan_id);
  out.set_territory_id(plan.territory_id);
  out.set_date(plan.date);
  for (const std::string& team : plan.team_ids) out.add_team_ids(team);
  out.set_state(PlanStateToProto(plan.state));
  out.set_version(plan.version);
  out.set_etag(plan.etag);
  out.set_objective(plan.objective);
  out.set_visits(static_cast<uint32_t>(plan.visits));
  out.set_created_by(plan.created_by);
  *out.mutable_create_time() = TimestampOf(plan.created_at);
  out.set_updated_by(plan.updated_by);
  *out.mutable_update_time() = TimestampOf(plan.updated_at);
  out.set_superseded_by(plan.superseded_by);
  out.set_request_digest(plan.request_digest);
  return out;
}

absl::StatusOr<v1::PlanDayResponse> StoredResponse(const store::StoredPlan& plan) {
  v1::PlanDayResponse response;
  if (!response.ParseFromString(plan.response)) {
    return absl::InternalError(
        absl::StrCat("the stored response of plan ", plan.plan_id, " is damaged"));
  }
  return response;
}

absl::StatusOr<v1::StoredPlan> StoredPlanToProto(const store::StoredPlan& plan) {
  v1::StoredPlan out;
  *out.mutable_summary() = PlanSummaryToProto(plan);
  if (!out.mutable_request()->ParseFromString(plan.request)) {
    return absl::InternalError(
        absl::StrCat("the stored request of plan ", plan.plan_id, " is damaged"));
  }
  absl::StatusOr<v1::PlanDayResponse> response = StoredResponse(plan);
  if (!response.ok()) return response.status();
  *out.mutable_response() = *std::move(response);
  for (const store::PlanStep& step : plan.history) {
    v1::PlanStep* s = out.add_history();
    s->set_version(step.version);
    s->set_state(PlanStateToProto(step.state));
    s->set_actor(step.actor);
    *s->mutable_time() = TimestampOf(step.time);
    s->set_reason(step.reason);
  }
  return out;
}

std::vector<std::string> TeamsOfDay(const v1::PlanDayRequest& day) {
  std::set<std::string> teams;
  for (const v1::Team& team : day.teams()) teams.insert(team.id());
  if (teams.empty()) {
    for (const v1::Rep& rep : day.reps()) {
      if (!rep.team_id().empty()) teams.insert(rep.team_id());
    }
  }
  return {teams.begin(), teams.end()};
}

store::NewPlan NewDraft(const v1::PlanDayRequest& day,
                        const v1::PlanDayResponse& response,
                        const std::string& digest, const std::string& actor,
                        const std::string& reason) {
  store::NewPlan plan;
  plan.territory_id = day.territory_id();
  plan.date = day.date();
  plan.team_ids = TeamsOfDay(day);
  plan.objective = response.stats().objective();
  for (const v1::RepDay& rep : response.rep_days()) plan.visits += rep.visits_size();
  plan.request_digest = digest;
  day.SerializeToString(&plan.request);
  response.SerializeToString(&plan.response);
  plan.actor = actor;
  plan.reason = reason;
  // The decisions themselves are in the request, which the audit record
  // holds as its digest; their numbers are in the record.
  if (day.pins_size() > 0) plan.audit_counts["pins"] = day.pins_size();
  if (day.forbidden_visits_size() > 0) {
    plan.audit_counts["forbidden_visits"] = day.forbidden_visits_size();
  }
  if (day.locked_days_size() > 0) plan.audit_counts["locked_days"] = day.locked_days_size();
  return plan;
}

}  // namespace callplan
