#include "server/plan_governance.h"

#include "server/plan_proto.h"

#include <set>
#include <utility>
#include <vector>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "server/cycle_planning.h"
#include "server/planning.h"
#include "server/policy_proto.h"
#include "server/request_log.h"

namespace callplan {
namespace {

// The reps' teams in order of first appearance; empty when any rep has none
// (a request mixing both cannot be split into teams).
std::vector<std::string> RepTeams(const v1::PlanDayRequest& request) {
  std::vector<std::string> teams;
  std::set<std::string> seen;
  for (const v1::Rep& rep : request.reps()) {
    if (rep.team_id().empty()) return {};
    if (seen.insert(rep.team_id()).second) teams.push_back(rep.team_id());
  }
  return teams;
}

// The stored policy for `team_id` (its own or the default), nullopt when
// there is none.
absl::StatusOr<std::optional<store::StoredPolicy>> Lookup(
    store::PolicyStore& store, const std::string& team_id) {
  absl::StatusOr<store::StoredPolicy> policy = store.GetPolicy(team_id);
  if (policy.ok()) return std::optional<store::StoredPolicy>(*std::move(policy));
  if (absl::IsNotFound(policy.status())) {
    return std::optional<store::StoredPolicy>();
  }
  return absl::UnavailableError(absl::StrCat(
      "the policy store cannot be read, so the stored fairness bounds are "
      "unknown: ", policy.status().message()));
}

std::string DescribeVersions(const std::map<std::string, int64_t>& versions) {
  return absl::StrJoin(versions, ",", absl::PairFormatter("="));
}

}  // namespace

std::string RequestDigest(const google::protobuf::Message& request) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&coded);
  }
  return Sha256Hex(bytes);
}

absl::StatusOr<int64_t> PlanGovernance::Append(const store::AuditEvent& event) {
  absl::StatusOr<int64_t> id = store_->AppendAudit(event);
  if (!id.ok() && on_audit_failure_) on_audit_failure_();
  return id;
}

std::string StatusCodeName(const absl::Status& status) {
  return GrpcCodeName(static_cast<int>(status.code()));
}

absl::StatusOr<bool> PlanGovernance::ApprovalRequired(
    const std::vector<std::string>& team_ids) {
  std::vector<std::string> teams = team_ids;
  if (teams.empty()) teams.push_back(store::kDefaultTeam);
  for (const std::string& team : teams) {
    absl::StatusOr<store::StoredPolicy> policy = store_->GetPolicy(team);
    if (absl::IsNotFound(policy.status())) continue;
    if (!policy.ok()) {
      return absl::UnavailableError(
          absl::StrCat("policy store: ", policy.status().message()));
    }
    if (policy->require_approval) return true;
  }
  return false;
}

absl::StatusOr<std::string> PlanGovernance::Admit(
    const grpc::ServerContextBase& context, const std::string& method,
    const std::string& territory_id, const std::string& request_digest) {
  return AdmitFor(context, {Permission::kPlan}, method, territory_id,
                  request_digest);
}

absl::StatusOr<std::string> PlanGovernance::AdmitFor(
    const grpc::ServerContextBase& context,
    std::initializer_list<Permission> any_of, const std::string& method,
    const std::string& territory_id, const std::string& request_digest) {
  AccessDecision decision;
  for (Permission needed : any_of) {
    decision = authorizer_->Check(context, needed);
    if (decision.status.ok()) break;
  }
  if (decision.status.ok()) return decision.actor;
  store::AuditEvent event;
  event.kind = store::AuditKind::kDenied;
  event.actor = decision.actor;
  event.territory_id = territory_id;
  event.request_digest = request_digest;
  event.status = StatusCodeName(decision.status);
  event.detail = method;
  absl::StatusOr<int64_t> id = Append(event);
  if (!id.ok()) {
    return absl::UnavailableError(
        "the audit trail cannot be written; call refused");
  }
  return decision.status;
}

absl::StatusOr<std::map<std::string, int64_t>> PlanGovernance::ApplyPolicies(
    v1::PlanDayRequest& request) {
  std::map<std::string, int64_t> versions;
  if (request.has_fairness() && request.fairness().ByteSizeLong() > 0) {
    return versions;  // the caller's bounds win
  }
  if (request.teams_size() == 0) {
    const std::vector<std::string> rep_teams = RepTeams(request);
    bool any_own = false;
    for (const std::string& team : rep_teams) {
      absl::StatusOr<std::optional<store::StoredPolicy>> p = Lookup(*store_, team);
      if (!p.ok()) return p.status();
      any_own = any_own || (*p && (*p)->team_id == team);
    }
    if (any_own) {
      for (const std::string& team : rep_teams) request.add_teams()->set_id(team);
    }
  }
  bool needs_default = request.teams_size() == 0;
  for (v1::Team& team : *request.mutable_teams()) {
    if (team.has_policy()) continue;
    absl::StatusOr<std::optional<store::StoredPolicy>> p = Lookup(*store_, team.id());
    if (!p.ok()) return p.status();
    if (!*p) {
      needs_default = true;
      continue;
    }
    *team.mutable_policy() = PolicyBoundsToProto((*p)->bounds);
    versions[(*p)->team_id] = (*p)->version;
  }
  if (needs_default) {
    absl::StatusOr<std::optional<store::StoredPolicy>> p =
        Lookup(*store_, store::kDefaultTeam);
    if (!p.ok()) return p.status();
    if (*p && (*p)->team_id == store::kDefaultTeam) {
      *request.mutable_fairness() = PolicyBoundsToProto((*p)->bounds);
      versions[(*p)->team_id] = (*p)->version;
    }
  }
  return versions;
}

absl::StatusOr<v1::PlanDayResponse> PlanGovernance::PlanAndAudit(
    const std::string& actor, const std::string& digest,
    v1::PlanDayRequest request, const ProblemLimits& limits,
    const SolveControl& control) {
  absl::StatusOr<std::map<std::string, int64_t>> versions = ApplyPolicies(request);
  absl::StatusOr<v1::PlanDayResponse> result =
      versions.ok() ? PlanDayFromRequest(request, limits, control)
                    : absl::StatusOr<v1::PlanDayResponse>(versions.status());
  static const std::map<std::string, int64_t> kNone;
  const std::map<std::string, int64_t>& used = versions.ok() ? *versions : kNone;
  if (result.ok()) {
    result->mutable_stats()->mutable_policy_versions()->insert(used.begin(),
                                                               used.end());
    absl::StatusOr<bool> approval = ApprovalRequired(TeamsOfDay(request));
    if (!approval.ok()) {
      result = approval.status();
    } else {
      result->mutable_stats()->set_approval_required(*approval);
    }
  }
  absl::Status audited = AuditPlan(actor, digest, request, used,
                                   result.status(), result.ok() ? &*result : nullptr);
  if (!audited.ok()) {
    return absl::UnavailableError(
        "the plan could not be recorded in the audit trail, so it is not "
        "returned; retry later");
  }
  return result;
}

absl::Status PlanGovernance::AuditRefusedPlan(const std::string& actor,
                                              const std::string& digest,
                                              const v1::PlanDayRequest& request,
                                              const absl::Status& status) {
  return AuditPlan(actor, digest, request, {}, status, nullptr);
}

namespace {

// What every plan record says: who asked for which territory, what came of
// it and the stored policies it used.
store::AuditEvent PlanEvent(const std::string& actor, const std::string& digest,
                            const v1::PlanDayRequest& territory,
                            const std::map<std::string, int64_t>& versions,
                            const absl::Status& status,
                            std::vector<std::string>& detail) {
  store::AuditEvent event;
  event.kind = store::AuditKind::kPlanDay;
  event.actor = actor;
  event.territory_id = territory.territory_id();
  event.request_digest = digest;
  event.status = StatusCodeName(status);
  // One team: its record can be found by team. Several: the versions of
  // every policy used are in the detail.
  if (territory.teams_size() == 1) event.team_id = territory.teams(0).id();
  if (versions.size() == 1) event.policy_version = versions.begin()->second;
  event.counts = {{"reps", territory.reps_size()},
                  {"physicians", territory.physicians_size()},
                  {"teams", territory.teams_size()}};
  if (!versions.empty()) {
    detail.push_back(absl::StrCat("policy_versions=", DescribeVersions(versions)));
  }
  if (!territory.potential_model_id().empty()) {
    detail.push_back(absl::StrCat("potential_model=", territory.potential_model_id()));
  }
  return event;
}

int64_t VisitsOf(const v1::PlanDayResponse& plan) {
  int64_t visits = 0;
  for (const v1::RepDay& day : plan.rep_days()) visits += day.visits_size();
  return visits;
}

}  // namespace

absl::Status PlanGovernance::AuditPlan(
    const std::string& actor, const std::string& digest,
    const v1::PlanDayRequest& request,
    const std::map<std::string, int64_t>& versions, const absl::Status& status,
    const v1::PlanDayResponse* response) {
  std::vector<std::string> detail;
  store::AuditEvent event =
      PlanEvent(actor, digest, request, versions, status, detail);
  if (response != nullptr) {
    event.objective = response->stats().objective();
    event.counts["visits"] = VisitsOf(*response);
    event.counts["unassigned"] = response->unassigned_size();
    detail.push_back(
        absl::StrCat("plan=", v1::Status_Name(response->stats().status())));
  }
  event.detail = absl::StrJoin(detail, " ");
  absl::StatusOr<int64_t> id = Append(event);
  return id.status();
}

absl::StatusOr<v1::PlanCycleResponse> PlanGovernance::PlanCycleAndAudit(
    const std::string& actor, const std::string& digest,
    v1::PlanCycleRequest request, const ProblemLimits& limits,
    const CycleControl& control) {
  absl::StatusOr<std::map<std::string, int64_t>> versions =
      ApplyPolicies(*request.mutable_territory());
  absl::StatusOr<v1::PlanCycleResponse> result =
      versions.ok() ? PlanCycleFromRequest(request, limits, control)
                    : absl::StatusOr<v1::PlanCycleResponse>(versions.status());
  static const std::map<std::string, int64_t> kNone;
  const std::map<std::string, int64_t>& used = versions.ok() ? *versions : kNone;
  if (result.ok()) {
    for (v1::CycleDay& day : *result->mutable_days()) {
      day.mutable_plan()->mutable_stats()->mutable_policy_versions()->insert(
          used.begin(), used.end());
    }
  }
  absl::Status audited = AuditCycle(actor, digest, request, used,
                                    result.status(), result.ok() ? &*result : nullptr);
  if (!audited.ok()) {
    return absl::UnavailableError(
        "the cycle could not be recorded in the audit trail, so it is not "
        "returned; retry later");
  }
  return result;
}

absl::Status PlanGovernance::AuditRefusedCycle(const std::string& actor,
                                               const std::string& digest,
                                               const v1::PlanCycleRequest& request,
                                               const absl::Status& status) {
  return AuditCycle(actor, digest, request, {}, status, nullptr);
}

absl::Status PlanGovernance::AuditCycle(
    const std::string& actor, const std::string& digest,
    const v1::PlanCycleRequest& request,
    const std::map<std::string, int64_t>& versions, const absl::Status& status,
    const v1::PlanCycleResponse* response) {
  std::vector<std::string> detail = {
      absl::StrCat("cycle=", request.first_date(), "..", request.last_date())};
  store::AuditEvent event =
      PlanEvent(actor, digest, request.territory(), versions, status, detail);
  if (response != nullptr) {
    const v1::CycleStats& stats = response->stats();
    int64_t visits = 0;
    for (const v1::CycleDay& day : response->days()) visits += VisitsOf(day.plan());
    event.objective = stats.objective();
    event.counts["days"] = response->days_size();
    event.counts["visits"] = visits;
    event.counts["calls"] = stats.calls();
    event.counts["targets"] = stats.targets();
    event.counts["targets_met"] = stats.targets_met();
    detail.push_back(absl::StrCat("plan=", v1::Status_Name(stats.status())));
  }
  event.detail = absl::StrJoin(detail, " ");
  absl::StatusOr<int64_t> id = Append(event);
  return id.status();
}

}  // namespace callplan
