// PlanService against a real sidecar over a real socket: drafts planned
// and stored, the manager's steps and who may take them, the team's
// approval setting, diffs against the published plan, and bad input.
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "callplan/v1/plan_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/auth.h"
#include "tests/server/admin_test_support.h"

namespace callplan {
namespace {

using ::testing::HasSubstr;
using namespace callplan::testing;  // NOLINT

constexpr char kAdminToken[] = "admin-token-0123456789";
constexpr char kPlannerToken[] = "planner-token-abcdef";
constexpr char kManagerToken[] = "manager-token-qrstuv";
constexpr char kAuditorToken[] = "auditor-token-zyxw";

std::string TokenRoles() {
  return absl::StrCat(
      "roles { role: \"admin\" token_sha256: \"", Sha256Hex(kAdminToken),
      "\" name: \"alice\" }\n"
      "roles { role: \"planner\" token_sha256: \"", Sha256Hex(kPlannerToken),
      "\" name: \"crm-lyon\" }\n"
      "roles { role: \"manager\" token_sha256: \"", Sha256Hex(kManagerToken),
      "\" name: \"ann-manager\" }\n"
      "roles { role: \"auditor\" token_sha256: \"", Sha256Hex(kAuditorToken),
      "\" name: \"audit-bot\" }\n");
}

std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  return context;
}

v1::PlanStepRequest StepOn(const v1::StoredPlan& plan, const std::string& reason = "") {
  v1::PlanStepRequest step;
  step.set_plan_id(plan.summary().plan_id());
  step.set_expected_version(plan.summary().version());
  step.set_reason(reason);
  return step;
}

class PlanServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("callplan-plans");
    sidecar_ = StartSidecarOn(absl::StrCat("sqlite:", dir_, "/p.db"), TokenRoles());
    ASSERT_NE(sidecar_, nullptr);
    channel_ = sidecar_->NewChannel();
    plans_ = v1::PlanService::NewStub(channel_);
    admin_ = AdminStub(channel_);
  }
  void TearDown() override {
    // Clients first: the sidecar's drain waits (5 s) for open connections.
    admin_.reset();
    plans_.reset();
    channel_.reset();
    sidecar_.reset();
    std::filesystem::remove_all(dir_);
  }

  grpc::Status Draft(const v1::PlanDayRequest& day, v1::StoredPlan* out,
                     const std::string& token = kPlannerToken) {
    v1::CreateDraftRequest request;
    *request.mutable_day() = day;
    request.set_reason("morning run");
    return plans_->CreateDraft(As(token).get(), request, out);
  }
  v1::StoredPlan DraftOk(const v1::PlanDayRequest& day) {
    v1::StoredPlan plan;
    const grpc::Status status = Draft(day, &plan);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return plan;
  }
  void RequireApproval(const std::string& team) {
    v1::UpdateFairnessPolicyRequest update;
    update.set_team_id(team);
    update.set_require_approval(true);
    update.set_reason("plans need a manager");
    v1::UpdateFairnessPolicyResponse response;
    ASSERT_TRUE(admin_->UpdateFairnessPolicy(As(kAdminToken).get(), update, &response)
                    .ok());
  }
  std::vector<v1::AuditEvent> Audit() {
    v1::ListAuditEventsRequest request;
    request.set_page_size(1000);
    v1::ListAuditEventsResponse response;
    EXPECT_TRUE(admin_->ListAuditEvents(As(kAuditorToken).get(), request, &response)
                    .ok());
    return {response.events().begin(), response.events().end()};
  }

  std::string dir_;
  std::unique_ptr<SidecarProcess> sidecar_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::PlanService::Stub> plans_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
};

TEST_F(PlanServiceTest, ADraftIsPlannedStoredAndReadBackByEveryReader) {
  const v1::StoredPlan draft = DraftOk(TinyTeamRequest());
  EXPECT_EQ(draft.summary().state(), v1::DRAFT);
  EXPECT_EQ(draft.summary().version(), 1);
  EXPECT_EQ(draft.summary().territory_id(), "tiny");
  EXPECT_EQ(draft.summary().date(), "2026-11-25");
  EXPECT_THAT(draft.summary().team_ids(), ::testing::ElementsAre("t1"));
  EXPECT_EQ(draft.summary().created_by(), "token:crm-lyon");
  EXPECT_EQ(VisitCount(draft.response()), 3);
  EXPECT_EQ(static_cast<int>(draft.summary().visits()), 3);
  EXPECT_EQ(draft.request().territory_id(), "tiny");
  ASSERT_EQ(draft.history_size(), 1);
  EXPECT_EQ(draft.history(0).reason(), "morning run");

  for (const char* token : {kPlannerToken, kManagerToken, kAuditorToken, kAdminToken}) {
    v1::GetPlanRequest get;
    get.set_plan_id(draft.summary().plan_id());
    v1::StoredPlan got;
    const grpc::Status status = plans_->GetPlan(As(token).get(), get, &got);
    ASSERT_TRUE(status.ok()) << token << ": " << status.error_message();
    EXPECT_EQ(got.response().SerializeAsString(), draft.response().SerializeAsString());
  }
  v1::GetPlanRequest get;
  get.set_plan_id(draft.summary().plan_id());
  v1::StoredPlan got;
  EXPECT_EQ(plans_->GetPlan(As("").get(), get, &got).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  // The plan is also a PLAN_DAY like any other, and its draft a PLAN_STEP.
  const std::vector<v1::AuditEvent> events = Audit();
  EXPECT_EQ(EventsOfKind(events, v1::PLAN_DAY).size(), 1u);
  const auto steps = EventsOfKind(events, v1::PLAN_STEP);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].new_value(), "DRAFT v1");
  EXPECT_EQ(steps[0].actor(), "token:crm-lyon");
  EXPECT_EQ(steps[0].detail(),
            absl::StrCat("plan=", draft.summary().plan_id(), " date=2026-11-25"));
}

TEST_F(PlanServiceTest, WhereApprovalIsRequiredOnlyAManagerPublishesAnApprovedPlan) {
  RequireApproval("t1");
  const v1::StoredPlan draft = DraftOk(TinyTeamRequest());
  v1::StoredPlan out;
  const grpc::Status by_planner =
      plans_->PublishPlan(As(kPlannerToken).get(), StepOn(draft), &out);
  EXPECT_EQ(by_planner.error_code(), grpc::StatusCode::PERMISSION_DENIED)
      << by_planner.error_message();
  const grpc::Status unapproved =
      plans_->PublishPlan(As(kManagerToken).get(), StepOn(draft), &out);
  EXPECT_EQ(unapproved.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(unapproved.error_message(), HasSubstr("approval"));
  EXPECT_EQ(plans_->ApprovePlan(As(kPlannerToken).get(), StepOn(draft), &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(plans_->ApprovePlan(As(kAuditorToken).get(), StepOn(draft), &out)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::StoredPlan approved;
  ASSERT_TRUE(plans_->ApprovePlan(As(kManagerToken).get(), StepOn(draft, "fine"),
                                  &approved)
                  .ok());
  EXPECT_EQ(approved.summary().state(), v1::APPROVED);
  EXPECT_EQ(approved.summary().version(), 2);
  v1::StoredPlan published;
  const grpc::Status publish =
      plans_->PublishPlan(As(kManagerToken).get(), StepOn(approved), &published);
  ASSERT_TRUE(publish.ok()) << publish.error_message();
  EXPECT_EQ(published.summary().state(), v1::PUBLISHED);
  ASSERT_EQ(published.history_size(), 3);
  EXPECT_EQ(published.history(1).actor(), "token:ann-manager");
  EXPECT_EQ(published.history(1).reason(), "fine");

  const std::vector<v1::AuditEvent> events = Audit();
  const auto steps = EventsOfKind(events, v1::PLAN_STEP);
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[2].old_value(), "APPROVED v2");
  EXPECT_EQ(steps[2].new_value(), "PUBLISHED v3");
  std::vector<std::string> denied;
  for (const v1::AuditEvent& e : EventsOfKind(events, v1::DENIED)) {
    denied.push_back(e.detail() + " by " + e.actor());
  }
  EXPECT_THAT(denied, ::testing::UnorderedElementsAre(
                          "PublishPlan by token:crm-lyon",
                          "ApprovePlan by token:crm-lyon",
                          "ApprovePlan by token:audit-bot"));
}

TEST_F(PlanServiceTest, WithoutApprovalThePlannerPublishesAndSupersedes) {
  const v1::StoredPlan first = DraftOk(TinyTeamRequest());
  v1::StoredPlan published;
  ASSERT_TRUE(
      plans_->PublishPlan(As(kPlannerToken).get(), StepOn(first), &published).ok());
  const v1::StoredPlan second = DraftOk(TinyTeamRequest());
  ASSERT_TRUE(
      plans_->PublishPlan(As(kPlannerToken).get(), StepOn(second), &published).ok());

  v1::GetPlanRequest get;
  get.set_plan_id(first.summary().plan_id());
  v1::StoredPlan old;
  ASSERT_TRUE(plans_->GetPlan(As(kAuditorToken).get(), get, &old).ok());
  EXPECT_EQ(old.summary().state(), v1::SUPERSEDED);
  EXPECT_EQ(old.summary().superseded_by(), second.summary().plan_id());

  v1::ListPlansRequest list;
  list.set_territory_id("tiny");
  list.set_state(v1::PUBLISHED);
  v1::ListPlansResponse listed;
  ASSERT_TRUE(plans_->ListPlans(As(kManagerToken).get(), list, &listed).ok());
  ASSERT_EQ(listed.plans_size(), 1);
  EXPECT_EQ(listed.plans(0).plan_id(), second.summary().plan_id());
  list.clear_state();
  ASSERT_TRUE(plans_->ListPlans(As(kManagerToken).get(), list, &listed).ok());
  ASSERT_EQ(listed.plans_size(), 2);
  EXPECT_EQ(listed.plans(0).plan_id(), second.summary().plan_id());  // newest first
}

TEST_F(PlanServiceTest, ADraftIsDiffedAgainstThePublishedPlan) {
  const v1::StoredPlan first = DraftOk(TinyTeamRequest());
  v1::DiffPlansRequest diff_request;
  diff_request.set_plan_id(first.summary().plan_id());
  v1::PlanDiff against_nothing;
  ASSERT_TRUE(
      plans_->DiffPlans(As(kManagerToken).get(), diff_request, &against_nothing).ok());
  EXPECT_EQ(against_nothing.base_plan_id(), "");
  ASSERT_EQ(against_nothing.changes_size(), 3);
  for (const v1::VisitChange& change : against_nothing.changes()) {
    EXPECT_EQ(change.kind(), v1::VisitChange::ADDED);
  }
  v1::StoredPlan published;
  ASSERT_TRUE(
      plans_->PublishPlan(As(kPlannerToken).get(), StepOn(first), &published).ok());

  // Equal days for the two reps: one of the three physicians stays out.
  v1::PlanDayRequest equal = TinyTeamRequest();
  equal.mutable_fairness()->set_max_workload_spread(0);
  const v1::StoredPlan second = DraftOk(equal);
  ASSERT_EQ(VisitCount(second.response()), 2);
  diff_request.set_plan_id(second.summary().plan_id());
  v1::PlanDiff diff;
  ASSERT_TRUE(plans_->DiffPlans(As(kAuditorToken).get(), diff_request, &diff).ok());
  EXPECT_EQ(diff.base_plan_id(), first.summary().plan_id());
  int dropped = 0;
  for (const v1::VisitChange& change : diff.changes()) {
    if (change.kind() == v1::VisitChange::DROPPED) ++dropped;
  }
  EXPECT_EQ(dropped, 1);
  EXPECT_GT(diff.objective_before(), diff.objective_after());
  EXPECT_EQ(diff.workload_spread_before(), 1u);
  EXPECT_EQ(diff.workload_spread_after(), 0u);
  ASSERT_EQ(diff.reps_size(), 2);
  int before = 0, after = 0;
  for (const v1::RepDayChange& rep : diff.reps()) {
    before += rep.visits_before();
    after += rep.visits_after();
  }
  EXPECT_EQ(before, 3);
  EXPECT_EQ(after, 2);

  // Explicitly against itself: nothing changed.
  diff_request.set_base_plan_id(second.summary().plan_id());
  ASSERT_TRUE(plans_->DiffPlans(As(kAuditorToken).get(), diff_request, &diff).ok());
  EXPECT_EQ(diff.changes_size(), 0);
}

TEST_F(PlanServiceTest, BadStepsAreRefusedNamingWhatIsWrongAndChangeNothing) {
  const v1::StoredPlan draft = DraftOk(TinyTeamRequest());
  v1::StoredPlan out;
  v1::PlanStepRequest unknown = StepOn(draft);
  unknown.set_plan_id("plan-0000");
  grpc::Status status = plans_->ApprovePlan(As(kManagerToken).get(), unknown, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("plan-0000"));

  v1::PlanStepRequest no_version = StepOn(draft);
  no_version.set_expected_version(0);
  status = plans_->ApprovePlan(As(kManagerToken).get(), no_version, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("expected_version"));

  status = plans_->RejectPlan(As(kManagerToken).get(), StepOn(draft), &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("reason"));

  v1::StoredPlan rejected;
  ASSERT_TRUE(plans_->RejectPlan(As(kManagerToken).get(),
                                 StepOn(draft, "R2 is off sick"), &rejected)
                  .ok());
  status = plans_->PublishPlan(As(kManagerToken).get(), StepOn(rejected), &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("REJECTED"));
  status = plans_->PublishPlan(As(kManagerToken).get(), StepOn(draft), &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);  // stale version

  v1::PlanDayRequest no_territory = TinyTeamRequest();
  no_territory.clear_territory_id();
  status = Draft(no_territory, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("day.territory_id"));

  // A day with no plan is refused as PlanDay refuses it, and not stored.
  v1::PlanDayRequest impossible = TinyTeamRequest();
  for (v1::Physician& physician : *impossible.mutable_physicians()) {
    physician.set_optional(false);
  }
  impossible.mutable_fairness()->set_max_workload_spread(0);
  status = Draft(impossible, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
      << status.error_message();

  v1::ListPlansRequest list;
  list.set_date("2026-13-01");
  v1::ListPlansResponse listed;
  status = plans_->ListPlans(As(kAuditorToken).get(), list, &listed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("date"));
  list.clear_date();
  ASSERT_TRUE(plans_->ListPlans(As(kAuditorToken).get(), list, &listed).ok());
  ASSERT_EQ(listed.plans_size(), 1);
  EXPECT_EQ(listed.plans(0).state(), v1::REJECTED);
  EXPECT_EQ(listed.plans(0).version(), 2);
}

}  // namespace
}  // namespace callplan
