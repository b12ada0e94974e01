// Stored plans on both backends (server/store/plan_store.h): the state
// machine and its versions, supersession, the audit record of every step,
// listing, and the database refusing to rewrite a plan or its history.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/server/store/store_fixture.h"

namespace callplan::store {
namespace {

using ::testing::HasSubstr;

NewPlan Draft(const std::string& territory, const std::string& date,
              const std::string& actor = "token:crm") {
  NewPlan plan;
  plan.territory_id = territory;
  plan.date = date;
  plan.team_ids = {"oncology", "cardio"};
  plan.objective = 412.5;
  plan.visits = 17;
  plan.request_digest = "abc123";
  // Serialized protos hold NUL bytes; the store must keep them exactly.
  plan.request = std::string("request\0bytes\xff", 14);
  plan.response = std::string("response\0\x01", 10);
  plan.actor = actor;
  plan.reason = "morning run";
  return plan;
}

PlanStepRequest Step(const StoredPlan& plan, PlanStepKind kind,
                     const std::string& actor = "cert:manager-ann",
                     const std::string& reason = "looks right") {
  PlanStepRequest step;
  step.plan_id = plan.plan_id;
  step.expected_version = plan.version;
  step.step = kind;
  step.actor = actor;
  step.reason = reason;
  return step;
}

std::vector<AuditEvent> PlanSteps(PolicyStore& store) {
  AuditFilter filter;
  filter.kind = AuditKind::kPlanStep;
  absl::StatusOr<AuditPage> page = store.ListAudit(filter, 1000, "");
  EXPECT_TRUE(page.ok()) << page.status();
  return page.ok() ? page->events : std::vector<AuditEvent>{};
}

TEST_P(StoreTest, StoresADraftAndReadsItBackExactly) {
  absl::StatusOr<StoredPlan> created = store_->CreatePlan(Draft("north", "2026-03-12"));
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->state, PlanState::kDraft);
  EXPECT_EQ(created->version, 1);
  EXPECT_THAT(created->team_ids, ::testing::ElementsAre("cardio", "oncology"));

  absl::StatusOr<StoredPlan> got = store_->GetPlan(created->plan_id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->request, Draft("north", "").request);
  EXPECT_EQ(got->response, Draft("north", "").response);
  EXPECT_EQ(got->territory_id, "north");
  EXPECT_EQ(got->date, "2026-03-12");
  EXPECT_EQ(got->team_ids, created->team_ids);
  EXPECT_DOUBLE_EQ(got->objective, 412.5);
  EXPECT_EQ(got->visits, 17);
  EXPECT_EQ(got->etag, created->etag);
  EXPECT_EQ(got->created_by, "token:crm");
  ASSERT_EQ(got->history.size(), 1u);
  EXPECT_EQ(got->history[0].state, PlanState::kDraft);
  EXPECT_EQ(got->history[0].reason, "morning run");

  absl::Status unknown = store_->GetPlan("plan-nope").status();
  EXPECT_EQ(unknown.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(unknown.message(), HasSubstr("plan-nope"));
  EXPECT_EQ(store_->CreatePlan(Draft("", "2026-03-12")).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(StoreTest, ApprovedPlanIsPublishedAndEveryStepIsAudited) {
  absl::StatusOr<StoredPlan> draft = store_->CreatePlan(Draft("north", "2026-03-12"));
  ASSERT_TRUE(draft.ok());
  absl::StatusOr<StoredPlan> approved =
      store_->StepPlan(Step(*draft, PlanStepKind::kApprove));
  ASSERT_TRUE(approved.ok()) << approved.status();
  EXPECT_EQ(approved->state, PlanState::kApproved);
  EXPECT_EQ(approved->version, 2);
  EXPECT_NE(approved->etag, draft->etag);
  absl::StatusOr<StoredPlan> published =
      store_->StepPlan(Step(*approved, PlanStepKind::kPublish, "cert:manager-bo", "go"));
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ(published->state, PlanState::kPublished);
  EXPECT_EQ(published->version, 3);

  absl::StatusOr<StoredPlan> got = store_->GetPlan(draft->plan_id);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->history.size(), 3u);
  EXPECT_EQ(got->history[1].actor, "cert:manager-ann");
  EXPECT_EQ(got->history[2].actor, "cert:manager-bo");
  EXPECT_EQ(got->history[2].state, PlanState::kPublished);
  EXPECT_EQ(got->updated_by, "cert:manager-bo");
  EXPECT_EQ(got->request, draft->request);  // the content never moves

  const std::vector<AuditEvent> steps = PlanSteps(*store_);
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[0].old_value, "");
  EXPECT_EQ(steps[0].new_value, "DRAFT v1");
  EXPECT_EQ(steps[1].old_value, "DRAFT v1");
  EXPECT_EQ(steps[1].new_value, "APPROVED v2");
  EXPECT_EQ(steps[2].new_value, "PUBLISHED v3");
  EXPECT_EQ(steps[2].actor, "cert:manager-bo");
  EXPECT_EQ(steps[2].reason, "go");
  EXPECT_EQ(steps[2].territory_id, "north");
  EXPECT_EQ(steps[2].team_id, "cardio,oncology");
  EXPECT_EQ(steps[2].detail,
            absl::StrCat("plan=", draft->plan_id, " date=2026-03-12"));
  absl::StatusOr<AuditChainCheck> chain = store_->VerifyAuditChain();
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->intact) << chain->explanation;
}

TEST_P(StoreTest, StaleStepIsAbortedAndChangesNothing) {
  absl::StatusOr<StoredPlan> draft = store_->CreatePlan(Draft("north", "2026-03-12"));
  ASSERT_TRUE(draft.ok());
  ASSERT_TRUE(store_->StepPlan(Step(*draft, PlanStepKind::kApprove)).ok());
  // A second manager still looking at version 1.
  absl::Status stale = store_->StepPlan(Step(*draft, PlanStepKind::kReject,
                                             "cert:manager-bo", "too far"))
                           .status();
  EXPECT_EQ(stale.code(), absl::StatusCode::kAborted) << stale;
  EXPECT_THAT(stale.message(), HasSubstr("version 2"));
  absl::StatusOr<StoredPlan> got = store_->GetPlan(draft->plan_id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->state, PlanState::kApproved);
  EXPECT_EQ(got->history.size(), 2u);
  EXPECT_EQ(PlanSteps(*store_).size(), 2u);
}

TEST_P(StoreTest, StepsOutOfOrderAreRefusedNamingTheState) {
  absl::StatusOr<StoredPlan> draft = store_->CreatePlan(Draft("north", "2026-03-12"));
  ASSERT_TRUE(draft.ok());
  PlanStepRequest needs_approval = Step(*draft, PlanStepKind::kPublish);
  needs_approval.approval_required = true;
  absl::Status unapproved = store_->StepPlan(needs_approval).status();
  EXPECT_EQ(unapproved.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(unapproved.message(), HasSubstr("approval"));

  PlanStepRequest no_reason = Step(*draft, PlanStepKind::kReject, "cert:m", "");
  EXPECT_EQ(store_->StepPlan(no_reason).status().code(),
            absl::StatusCode::kInvalidArgument);
  absl::StatusOr<StoredPlan> rejected =
      store_->StepPlan(Step(*draft, PlanStepKind::kReject, "cert:m", "R2 is on leave"));
  ASSERT_TRUE(rejected.ok()) << rejected.status();
  for (PlanStepKind kind :
       {PlanStepKind::kPublish, PlanStepKind::kApprove, PlanStepKind::kReject}) {
    absl::Status refused = store_->StepPlan(Step(*rejected, kind)).status();
    EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition)
        << PlanStepName(kind) << ": " << refused;
    EXPECT_THAT(refused.message(), HasSubstr("REJECTED"));
  }
  EXPECT_EQ(store_->StepPlan(Step(*rejected, PlanStepKind::kSupersede)).status().code(),
            absl::StatusCode::kInvalidArgument);
  absl::StatusOr<StoredPlan> got = store_->GetPlan(draft->plan_id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(got->history.back().reason, "R2 is on leave");
}

TEST_P(StoreTest, PublishingSupersedesTheEarlierPlanOfTheSameDay) {
  absl::StatusOr<StoredPlan> first = store_->CreatePlan(Draft("north", "2026-03-12"));
  absl::StatusOr<StoredPlan> other_day = store_->CreatePlan(Draft("north", "2026-03-13"));
  absl::StatusOr<StoredPlan> other_territory =
      store_->CreatePlan(Draft("south", "2026-03-12"));
  ASSERT_TRUE(first.ok() && other_day.ok() && other_territory.ok());
  for (const StoredPlan* plan : {&*first, &*other_day, &*other_territory}) {
    ASSERT_TRUE(store_->StepPlan(Step(*plan, PlanStepKind::kPublish)).ok());
  }
  absl::StatusOr<StoredPlan> second = store_->CreatePlan(Draft("north", "2026-03-12"));
  ASSERT_TRUE(second.ok());
  absl::StatusOr<std::optional<StoredPlan>> before =
      store_->GetPublishedPlan("north", "2026-03-12");
  ASSERT_TRUE(before.ok() && before->has_value());
  EXPECT_EQ((*before)->plan_id, first->plan_id);

  ASSERT_TRUE(store_->StepPlan(Step(*second, PlanStepKind::kPublish)).ok());
  absl::StatusOr<StoredPlan> old = store_->GetPlan(first->plan_id);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->state, PlanState::kSuperseded);
  EXPECT_EQ(old->superseded_by, second->plan_id);
  EXPECT_EQ(old->version, 3);
  EXPECT_THAT(old->history.back().reason, HasSubstr(second->plan_id));
  absl::StatusOr<std::optional<StoredPlan>> after =
      store_->GetPublishedPlan("north", "2026-03-12");
  ASSERT_TRUE(after.ok() && after->has_value());
  EXPECT_EQ((*after)->plan_id, second->plan_id);
  for (const StoredPlan* untouched : {&*other_day, &*other_territory}) {
    absl::StatusOr<StoredPlan> got = store_->GetPlan(untouched->plan_id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->state, PlanState::kPublished) << got->plan_id;
  }
  const std::vector<AuditEvent> steps = PlanSteps(*store_);
  ASSERT_FALSE(steps.empty());
  // The supersession is audited before the publication it came with.
  EXPECT_EQ(steps[steps.size() - 2].new_value, "SUPERSEDED v3");
  EXPECT_EQ(steps.back().new_value, "PUBLISHED v2");
}

TEST_P(StoreTest, ListsPlansNewestFirstFilteredAndPaged) {
  std::vector<std::string> ids;
  for (int i = 0; i < 7; ++i) {
    absl::StatusOr<StoredPlan> plan = store_->CreatePlan(
        Draft(i % 2 == 0 ? "north" : "south", absl::StrCat("2026-03-1", i % 3)));
    ASSERT_TRUE(plan.ok());
    ids.push_back(plan->plan_id);
  }
  absl::StatusOr<StoredPlan> rejected = store_->GetPlan(ids[4]);
  ASSERT_TRUE(rejected.ok());
  ASSERT_TRUE(store_->StepPlan(Step(*rejected, PlanStepKind::kReject, "m", "no")).ok());

  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    absl::StatusOr<PlanPage> page = store_->ListPlans({}, 3, token);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const StoredPlan& plan : page->plans) {
      seen.push_back(plan.plan_id);
      EXPECT_TRUE(plan.request.empty());
    }
    token = page->next_page_token;
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, std::vector<std::string>(ids.rbegin(), ids.rend()));

  PlanFilter north;
  north.territory_id = "north";
  absl::StatusOr<PlanPage> norths = store_->ListPlans(north, 0, "");
  ASSERT_TRUE(norths.ok());
  EXPECT_EQ(norths->plans.size(), 4u);
  PlanFilter rejected_only;
  rejected_only.state = PlanState::kRejected;
  absl::StatusOr<PlanPage> rejections = store_->ListPlans(rejected_only, 0, "");
  ASSERT_TRUE(rejections.ok());
  ASSERT_EQ(rejections->plans.size(), 1u);
  EXPECT_EQ(rejections->plans[0].plan_id, ids[4]);
  EXPECT_EQ(rejections->plans[0].updated_by, "m");
  PlanFilter one_day;
  one_day.territory_id = "north";
  one_day.date = "2026-03-10";
  absl::StatusOr<PlanPage> day = store_->ListPlans(one_day, 0, "");
  ASSERT_TRUE(day.ok());
  EXPECT_EQ(day->plans.size(), 2u);  // plans 0 and 6
  EXPECT_EQ(store_->ListPlans({}, 0, "not-a-token").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(StoreTest, DatabaseRefusesToRewriteAPlanOrItsHistory) {
  absl::StatusOr<StoredPlan> draft = store_->CreatePlan(Draft("north", "2026-03-12"));
  ASSERT_TRUE(draft.ok());
  const std::string id = absl::StrCat("'", draft->plan_id, "'");
  for (const std::string& sql :
       {absl::StrCat("UPDATE plans SET response = 'x' WHERE plan_id = ", id),
        absl::StrCat("UPDATE plans SET objective = 1 WHERE plan_id = ", id),
        absl::StrCat("DELETE FROM plans WHERE plan_id = ", id),
        absl::StrCat("UPDATE plan_steps SET actor = 'x' WHERE plan_id = ", id),
        absl::StrCat("DELETE FROM plan_steps WHERE plan_id = ", id)}) {
    EXPECT_FALSE(Raw(sql).ok()) << sql;
  }
  absl::StatusOr<StoredPlan> got = store_->GetPlan(draft->plan_id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->response, draft->response);
  EXPECT_EQ(got->history.size(), 1u);
}

// Managers on two replicas publishing two drafts of one day at once: one
// publication wins or both do one after the other, never two PUBLISHED.
TEST_P(StoreTest, ConcurrentPublishersLeaveOnePublishedPlan) {
  constexpr int kDrafts = 6;
  std::vector<StoredPlan> drafts;
  for (int i = 0; i < kDrafts; ++i) {
    absl::StatusOr<StoredPlan> plan = store_->CreatePlan(Draft("north", "2026-03-12"));
    ASSERT_TRUE(plan.ok());
    drafts.push_back(*plan);
  }
  std::atomic<int> published{0}, failed{0};
  std::vector<std::thread> managers;
  for (int m = 0; m < 2; ++m) {
    managers.emplace_back([&, m] {
      std::unique_ptr<Store> replica = Open();
      if (replica == nullptr) return failed.fetch_add(1), void();
      for (int i = m; i < kDrafts; i += 2) {
        absl::Status s = replica->StepPlan(Step(drafts[i], PlanStepKind::kPublish))
                             .status();
        if (s.ok()) {
          published.fetch_add(1);
        } else if (s.code() != absl::StatusCode::kAborted &&
                   s.code() != absl::StatusCode::kUnavailable) {
          failed.fetch_add(1);
        }
      }
    });
  }
  for (std::thread& t : managers) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_GE(published.load(), 1);
  PlanFilter filter;
  filter.state = PlanState::kPublished;
  absl::StatusOr<PlanPage> now = store_->ListPlans(filter, 0, "");
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->plans.size(), 1u);
  filter.state = PlanState::kSuperseded;
  absl::StatusOr<PlanPage> superseded = store_->ListPlans(filter, 0, "");
  ASSERT_TRUE(superseded.ok());
  EXPECT_EQ(static_cast<int>(superseded->plans.size()), published.load() - 1);
  absl::StatusOr<AuditChainCheck> chain = store_->VerifyAuditChain();
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->intact) << chain->explanation;
}

TEST_P(StoreTest, ApprovalSettingIsPartOfTheTeamsPolicy) {
  PolicyUpdate update;
  update.team_id = "oncology";
  update.actor = "admin";
  update.require_approval = true;
  absl::StatusOr<StoredPolicy> created = store_->UpdatePolicy(update);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_TRUE(created->require_approval);
  absl::StatusOr<StoredPolicy> got = store_->GetPolicy("oncology");
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got->require_approval);
  update.expected_version = 1;
  update.require_approval = false;
  absl::StatusOr<StoredPolicy> changed = store_->UpdatePolicy(update);
  ASSERT_TRUE(changed.ok());
  EXPECT_FALSE(changed->require_approval);
  EXPECT_NE(changed->etag, created->etag);
  AuditFilter filter;
  filter.kind = AuditKind::kPolicyChange;
  absl::StatusOr<AuditPage> changes = store_->ListAudit(filter, 10, "");
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->events.size(), 2u);
  EXPECT_THAT(changes->events[1].old_value, HasSubstr("require_approval=true"));
  EXPECT_THAT(changes->events[1].new_value,
              ::testing::Not(HasSubstr("require_approval")));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace callplan::store
