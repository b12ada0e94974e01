// kill -9 in the middle of policy updates, on both backends: a forked child
// updates three teams' policies in a loop and is killed with SIGKILL while
// doing so. Afterwards the store opens, every policy is whole (its bounds are
// exactly the ones written for its version), and the audit trail holds one
// change per version, the last one matching the stored policy: nothing
// committed was lost and nothing half-written is visible. The audit hash
// chain verifies intact.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/server/store/store_fixture.h"

namespace callplan::store {
namespace {

const std::vector<std::string> kTeams = {"north", "south", "east"};

// The child: updates round-robin until killed. Only async-safe exits.
[[noreturn]] void UpdateForever(const std::string& url) {
  absl::StatusOr<std::unique_ptr<PolicyStore>> store = OpenStore(url);
  if (!store.ok()) _exit(2);
  for (size_t i = 0;; ++i) {
    const std::string& team = kTeams[i % kTeams.size()];
    absl::StatusOr<StoredPolicy> now = (*store)->GetPolicy(team);
    if (!now.ok()) _exit(3);
    (void)(*store)->UpdatePolicy(
        Update(team, now->version, BoundsFor(now->version + 1), "crashing-admin"));
  }
}

int64_t TotalVersions(PolicyStore& store) {
  int64_t total = 0;
  absl::StatusOr<std::vector<StoredPolicy>> all = store.ListPolicies();
  if (all.ok()) {
    for (const StoredPolicy& policy : *all) total += policy.version;
  }
  return total;
}

using StoreCrashTest = StoreTest;

TEST_P(StoreCrashTest, KillDuringUpdatesLosesNothingCommitted) {
  for (const std::string& team : kTeams) {
    ASSERT_TRUE(store_->UpdatePolicy(Update(team, 0, BoundsFor(1))).ok());
  }
  store_.reset();  // the child must not share our connection

  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) UpdateForever(url_);

  // Let the child commit a good number of updates, then kill it mid-loop.
  store_ = Open();
  ASSERT_NE(store_, nullptr);
  const absl::Time until = absl::Now() + absl::Seconds(120);
  int status = 0;
  while (TotalVersions(*store_) < 3 + 90 && absl::Now() < until &&
         waitpid(child, &status, WNOHANG) == 0) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  const int64_t before_kill = TotalVersions(*store_);
  kill(child, SIGKILL);
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the updating child ended on its own, status " << status;
  ASSERT_GE(before_kill, 3 + 90);
  store_.reset();

  store_ = Open();  // SQLite replays its WAL here
  ASSERT_NE(store_, nullptr);
  EXPECT_GE(TotalVersions(*store_), before_kill);  // committed stays committed
  for (const std::string& team : kTeams) {
    SCOPED_TRACE(team);
    absl::StatusOr<StoredPolicy> policy = store_->GetPolicy(team);
    ASSERT_TRUE(policy.ok()) << policy.status();
    EXPECT_EQ(policy->team_id, team);
    ExpectSameBounds(policy->bounds, BoundsFor(policy->version));
    const std::vector<AuditEvent> changes = PolicyChanges(*store_, team);
    ASSERT_EQ(changes.size(), static_cast<size_t>(policy->version));
    for (size_t i = 0; i < changes.size(); ++i) {
      const int64_t version = static_cast<int64_t>(i) + 1;
      EXPECT_EQ(changes[i].policy_version, version);
      EXPECT_EQ(changes[i].new_value, DescribePolicy(version, BoundsFor(version)));
      EXPECT_EQ(changes[i].old_value,
                version == 1 ? "" : DescribePolicy(version - 1, BoundsFor(version - 1)));
    }
    // Still writable: no lock or transaction was left behind.
    absl::StatusOr<StoredPolicy> next = store_->UpdatePolicy(
        Update(team, policy->version, BoundsFor(policy->version + 1)));
    EXPECT_TRUE(next.ok()) << next.status();
  }
  absl::StatusOr<AuditChainCheck> chain = store_->VerifyAuditChain();
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_TRUE(chain->intact) << chain->explanation;
  EXPECT_GE(chain->records, before_kill + static_cast<int64_t>(kTeams.size()));
}

// Stored plans: a child drafts and publishes plans of one territory-day
// until killed. Every plan found afterwards is whole (its content as
// written, one history entry per version), exactly one is PUBLISHED and the
// others it replaced are SUPERSEDED, and the trail holds one PLAN_STEP per
// version of every plan: no published plan lost, none half-written.
const std::string kPlanRequest("request\0bytes", 13);
const std::string kPlanResponse("response\0bytes", 14);

[[noreturn]] void PublishForever(const std::string& url) {
  absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(url);
  if (!store.ok()) _exit(2);
  for (;;) {
    NewPlan draft;
    draft.territory_id = "north";
    draft.date = "2026-03-12";
    draft.request = kPlanRequest;
    draft.response = kPlanResponse;
    draft.actor = "crashing-crm";
    absl::StatusOr<StoredPlan> plan = (*store)->CreatePlan(draft);
    if (!plan.ok()) _exit(3);
    PlanStepRequest publish;
    publish.plan_id = plan->plan_id;
    publish.expected_version = 1;
    publish.step = PlanStepKind::kPublish;
    publish.actor = "crashing-crm";
    (void)(*store)->StepPlan(publish);
  }
}

std::vector<StoredPlan> AllPlans(Store& store) {
  std::vector<StoredPlan> plans;
  std::string token;
  do {
    absl::StatusOr<PlanPage> page = store.ListPlans({}, 500, token);
    if (!page.ok()) break;
    plans.insert(plans.end(), page->plans.begin(), page->plans.end());
    token = page->next_page_token;
  } while (!token.empty());
  return plans;
}

TEST_P(StoreCrashTest, KillDuringPublishingLeavesOnePublishedPlanAndNoHalfWrittenOne) {
  store_.reset();
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) PublishForever(url_);
  store_ = Open();
  ASSERT_NE(store_, nullptr);
  const absl::Time until = absl::Now() + absl::Seconds(120);
  int status = 0;
  while (AllPlans(*store_).size() < 30 && absl::Now() < until &&
         waitpid(child, &status, WNOHANG) == 0) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  kill(child, SIGKILL);
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the publishing child ended on its own, status " << status;
  store_.reset();

  store_ = Open();
  ASSERT_NE(store_, nullptr);
  const std::vector<StoredPlan> plans = AllPlans(*store_);
  ASSERT_GE(plans.size(), 30u);
  int published = 0;
  int64_t versions = 0;
  for (const StoredPlan& listed : plans) {
    absl::StatusOr<StoredPlan> plan = store_->GetPlan(listed.plan_id);
    ASSERT_TRUE(plan.ok()) << plan.status();
    EXPECT_EQ(plan->request, kPlanRequest);
    EXPECT_EQ(plan->response, kPlanResponse);
    ASSERT_EQ(plan->history.size(), static_cast<size_t>(plan->version));
    EXPECT_EQ(plan->history.back().state, plan->state);
    if (plan->state == PlanState::kPublished) ++published;
    if (plan->state == PlanState::kSuperseded) {
      EXPECT_FALSE(plan->superseded_by.empty());
      EXPECT_EQ(plan->version, 3);
    }
    versions += plan->version;
  }
  EXPECT_EQ(published, 1);
  AuditFilter filter;
  filter.kind = AuditKind::kPlanStep;
  int64_t steps = 0;
  std::string token;
  do {
    absl::StatusOr<AuditPage> page = store_->ListAudit(filter, 1000, token);
    ASSERT_TRUE(page.ok());
    steps += static_cast<int64_t>(page->events.size());
    token = page->next_page_token;
  } while (!token.empty());
  EXPECT_EQ(steps, versions);
  absl::StatusOr<AuditChainCheck> chain = store_->VerifyAuditChain();
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_TRUE(chain->intact) << chain->explanation;
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreCrashTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace callplan::store
