// The same store tests against both backends: a SQLite file in a temporary
// folder and a throwaway PostgreSQL server (tests/fixtures/postgres_process).
// Append-only enforcement is checked with raw SQL through sqlite3 and libpq,
// bypassing the store, since the database itself must refuse.
#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/server/store/store_fixture.h"

namespace callplan::store {
namespace {

using ::testing::HasSubstr;

TEST_P(StoreTest, CreatesGetsAndListsPolicies) {
  FairnessBounds bounds = BoundsFor(1);
  bounds.max_potential_spread = 0.1;  // doubles must come back exactly
  bounds.max_route_distance = 1.0 / 3.0;
  absl::StatusOr<StoredPolicy> created =
      store_->UpdatePolicy(Update("north", 0, bounds));
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->version, 1);

  absl::StatusOr<StoredPolicy> got = store_->GetPolicy("north");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->team_id, "north");
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(got->etag, created->etag);
  EXPECT_EQ(got->updated_by, "admin-alice");
  EXPECT_EQ(got->reason, "set v1");
  EXPECT_EQ(got->updated_at, created->updated_at);
  ExpectSameBounds(got->bounds, bounds);

  FairnessBounds sparse;  // unset bounds stay unset
  ASSERT_TRUE(store_->UpdatePolicy(Update("east", 0, sparse)).ok());
  absl::StatusOr<StoredPolicy> east = store_->GetPolicy("east");
  ASSERT_TRUE(east.ok());
  ExpectSameBounds(east->bounds, sparse);

  absl::StatusOr<std::vector<StoredPolicy>> all = store_->ListPolicies();
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].team_id, "east");
  EXPECT_EQ((*all)[1].team_id, "north");
}

TEST_P(StoreTest, TeamsWithoutPolicyUseTheDefault) {
  EXPECT_EQ(store_->GetPolicy("west").status().code(), absl::StatusCode::kNotFound);
  ASSERT_TRUE(store_->UpdatePolicy(Update(kDefaultTeam, 0, BoundsFor(4))).ok());
  absl::StatusOr<StoredPolicy> west = store_->GetPolicy("west");
  ASSERT_TRUE(west.ok()) << west.status();
  EXPECT_EQ(west->team_id, kDefaultTeam);
  ExpectSameBounds(west->bounds, BoundsFor(4));
  // The fallback is not a stored policy of its own.
  EXPECT_EQ(store_->ListPolicies()->size(), 1u);
}

TEST_P(StoreTest, VersionsGrowByOneAndEtagFollows) {
  std::string last_etag;
  for (int64_t version = 1; version <= 4; ++version) {
    absl::StatusOr<StoredPolicy> updated =
        store_->UpdatePolicy(Update("north", version - 1, BoundsFor(version)));
    ASSERT_TRUE(updated.ok()) << updated.status();
    EXPECT_EQ(updated->version, version);
    EXPECT_NE(updated->etag, last_etag);
    last_etag = updated->etag;
  }
  absl::StatusOr<StoredPolicy> got = store_->GetPolicy("north");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->version, 4);
  EXPECT_EQ(got->etag, last_etag);
  ExpectSameBounds(got->bounds, BoundsFor(4));
}

TEST_P(StoreTest, StaleVersionIsAbortedAndChangesNothing) {
  ASSERT_TRUE(store_->UpdatePolicy(Update("north", 0, BoundsFor(1))).ok());
  ASSERT_TRUE(store_->UpdatePolicy(Update("north", 1, BoundsFor(2))).ok());

  absl::Status stale = store_->UpdatePolicy(Update("north", 1, BoundsFor(9))).status();
  EXPECT_EQ(stale.code(), absl::StatusCode::kAborted) << stale;
  EXPECT_THAT(stale.message(), HasSubstr("version 2"));
  EXPECT_EQ(store_->UpdatePolicy(Update("north", 0, BoundsFor(9))).status().code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(store_->UpdatePolicy(Update("north", 3, BoundsFor(9))).status().code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(store_->UpdatePolicy(Update("south", 2, BoundsFor(9))).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->UpdatePolicy(Update("", 0, BoundsFor(9))).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->UpdatePolicy(Update("north", -1, BoundsFor(9))).status().code(),
            absl::StatusCode::kInvalidArgument);

  absl::StatusOr<StoredPolicy> got = store_->GetPolicy("north");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->version, 2);
  ExpectSameBounds(got->bounds, BoundsFor(2));
  EXPECT_EQ(PolicyChanges(*store_, "north").size(), 2u);  // refused ones leave none
  EXPECT_EQ(store_->GetPolicy("south").status().code(), absl::StatusCode::kNotFound);
}

TEST_P(StoreTest, PolicyChangeAuditHoldsOldAndNewValues) {
  ASSERT_TRUE(store_->UpdatePolicy(Update("north", 0, BoundsFor(1))).ok());
  ASSERT_TRUE(
      store_->UpdatePolicy(Update("north", 1, BoundsFor(2), "admin-bob")).ok());
  const std::vector<AuditEvent> changes = PolicyChanges(*store_, "north");
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].old_value, "");
  EXPECT_EQ(changes[0].new_value, DescribePolicy(1, BoundsFor(1)));
  EXPECT_EQ(changes[0].actor, "admin-alice");
  EXPECT_EQ(changes[1].kind, AuditKind::kPolicyChange);
  EXPECT_EQ(changes[1].actor, "admin-bob");
  EXPECT_EQ(changes[1].team_id, "north");
  EXPECT_EQ(changes[1].policy_version, 2);
  EXPECT_EQ(changes[1].reason, "set v2");
  EXPECT_EQ(changes[1].old_value, DescribePolicy(1, BoundsFor(1)));
  EXPECT_EQ(changes[1].new_value, DescribePolicy(2, BoundsFor(2)));
  EXPECT_THAT(changes[1].new_value, HasSubstr("max_workload_spread=2"));
  EXPECT_THAT(changes[1].new_value, HasSubstr("max_potential_spread=0.2 "));
  EXPECT_LT(changes[0].id, changes[1].id);
}

TEST_P(StoreTest, DatabaseRefusesToUpdateOrDeleteAudit) {
  AuditEvent event;
  event.kind = AuditKind::kDenied;
  event.actor = "mallory";
  event.status = "PERMISSION_DENIED";
  ASSERT_TRUE(store_->AppendAudit(event).ok());
  ASSERT_TRUE(store_->UpdatePolicy(Update("north", 0, BoundsFor(1))).ok());

  for (const char* sql : {"UPDATE audit_events SET actor = 'someone else'",
                          "DELETE FROM audit_events",
                          "DELETE FROM audit_events WHERE kind = 'DENIED'"}) {
    absl::StatusOr<std::string> refused = Raw(sql);
    EXPECT_FALSE(refused.ok()) << sql;
    EXPECT_THAT(refused.status().message(), HasSubstr("append-only")) << sql;
  }
  if (GetParam() == Backend::kPostgres) {
    EXPECT_FALSE(Raw("TRUNCATE audit_events").ok());
  }
  absl::StatusOr<std::string> count = Raw("SELECT COUNT(*) FROM audit_events");
  ASSERT_TRUE(count.ok()) << count.status();
  EXPECT_EQ(*count, "2");
  absl::StatusOr<std::string> actor =
      Raw("SELECT actor FROM audit_events WHERE kind = 'DENIED'");
  ASSERT_TRUE(actor.ok());
  EXPECT_EQ(*actor, "mallory");
  // Policies themselves stay updatable: only the trail is frozen.
  EXPECT_TRUE(Raw("UPDATE policies SET reason = 'r' WHERE team_id = 'x'").ok());
}

TEST_P(StoreTest, AuditPagesWithTokensAndFilters) {
  const absl::Time base = absl::FromUnixSeconds(1760000000);
  for (int i = 0; i < 25; ++i) {
    AuditEvent event;
    event.kind = i % 5 == 0 ? AuditKind::kDenied : AuditKind::kPlanDay;
    event.time = base + absl::Minutes(i);
    event.actor = absl::StrCat("crm-", i);
    event.team_id = i % 2 == 1 ? "north" : "south";
    event.territory_id = "lyon-1";
    event.request_digest = absl::StrCat("sha256:", i);
    event.policy_version = i;
    event.status = "OK";
    event.objective = i + 0.1;
    event.counts = {{"reps", 3}, {"visits", 40 + i}};
    event.detail = "it's \"quoted\"; DROP TABLE x; --";
    ASSERT_TRUE(store_->AppendAudit(event).ok());
  }
  AuditFilter all;
  std::vector<AuditEvent> seen;
  std::vector<size_t> sizes;
  std::string token;
  do {
    absl::StatusOr<AuditPage> page = store_->ListAudit(all, 10, token);
    ASSERT_TRUE(page.ok()) << page.status();
    sizes.push_back(page->events.size());
    seen.insert(seen.end(), page->events.begin(), page->events.end());
    token = page->next_page_token;
  } while (!token.empty());
  EXPECT_THAT(sizes, ::testing::ElementsAre(10, 10, 5));
  ASSERT_EQ(seen.size(), 25u);
  for (size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].actor, absl::StrCat("crm-", i));
    if (i > 0) {
      EXPECT_LT(seen[i - 1].id, seen[i].id);
    }
  }
  const AuditEvent& e = seen[7];
  EXPECT_EQ(e.kind, AuditKind::kPlanDay);
  EXPECT_EQ(e.time, base + absl::Minutes(7));
  EXPECT_EQ(e.team_id, "north");
  EXPECT_EQ(e.territory_id, "lyon-1");
  EXPECT_EQ(e.request_digest, "sha256:7");
  EXPECT_EQ(e.policy_version, 7);
  EXPECT_EQ(e.objective, 7.1);
  EXPECT_EQ(e.counts, (std::map<std::string, int64_t>{{"reps", 3}, {"visits", 47}}));
  EXPECT_EQ(e.detail, "it's \"quoted\"; DROP TABLE x; --");

  AuditFilter denied;
  denied.kind = AuditKind::kDenied;
  absl::StatusOr<AuditPage> page = store_->ListAudit(denied, 10, "");
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->events.size(), 5u);
  EXPECT_EQ(page->events[1].actor, "crm-5");
  EXPECT_TRUE(page->next_page_token.empty());

  AuditFilter north_plans;  // odd i, not a multiple of 5: exactly one page
  north_plans.kind = AuditKind::kPlanDay;
  north_plans.team_id = "north";
  page = store_->ListAudit(north_plans, 10, "");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->events.size(), 10u);
  EXPECT_TRUE(page->next_page_token.empty());

  AuditFilter window;  // from inclusive, to exclusive
  window.from = base + absl::Minutes(5);
  window.to = base + absl::Minutes(15);
  page = store_->ListAudit(window, 4, "");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->events.front().actor, "crm-5");
  page = store_->ListAudit(window, 4, page->next_page_token);
  page = store_->ListAudit(window, 4, page->next_page_token);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->events.size(), 2u);
  EXPECT_EQ(page->events.back().actor, "crm-14");
  EXPECT_TRUE(page->next_page_token.empty());

  EXPECT_EQ(store_->ListAudit(all, 10, "not-a-token").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(StoreTest, PersistsAcrossRestart) {
  ASSERT_TRUE(store_->UpdatePolicy(Update("north", 0, BoundsFor(1))).ok());
  ASSERT_TRUE(store_->UpdatePolicy(Update("north", 1, BoundsFor(2))).ok());
  AuditEvent plan;
  plan.actor = "crm";
  ASSERT_TRUE(store_->AppendAudit(plan).ok());
  store_.reset();

  for (int restart = 0; restart < 2; ++restart) {
    store_ = Open();
    ASSERT_NE(store_, nullptr);
    absl::StatusOr<StoredPolicy> got = store_->GetPolicy("north");
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(got->version, 2 + restart);
    ExpectSameBounds(got->bounds, BoundsFor(2 + restart));
    EXPECT_EQ(store_->ListAudit({}, 100, "")->events.size(), 3u + restart);
    ASSERT_TRUE(
        store_->UpdatePolicy(Update("north", 2 + restart, BoundsFor(3 + restart))).ok());
    store_.reset();
  }
  // Migrations ran once each, at the first open: 1 (tables), 2 (audit
  // chain), 3 (stored plans).
  absl::StatusOr<std::string> steps = Raw("SELECT COUNT(*) FROM schema_migrations");
  ASSERT_TRUE(steps.ok()) << steps.status();
  EXPECT_EQ(*steps, "3");
}

TEST_P(StoreTest, TwoStoresOnOneDatabaseSeeEachOther) {
  std::unique_ptr<PolicyStore> other = Open();
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(store_->UpdatePolicy(Update("north", 0, BoundsFor(1))).ok());
  absl::StatusOr<StoredPolicy> seen = other->GetPolicy("north");
  ASSERT_TRUE(seen.ok()) << seen.status();
  EXPECT_EQ(seen->version, 1);

  ASSERT_TRUE(other->UpdatePolicy(Update("north", 1, BoundsFor(2), "admin-bob")).ok());
  EXPECT_EQ(store_->UpdatePolicy(Update("north", 1, BoundsFor(7))).status().code(),
            absl::StatusCode::kAborted);
  absl::StatusOr<StoredPolicy> mine = store_->GetPolicy("north");
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->version, 2);
  EXPECT_EQ(mine->updated_by, "admin-bob");
  EXPECT_EQ(PolicyChanges(*store_, "north").size(), 2u);
}

// Replicas racing read-modify-write with retries on ABORTED: no update is
// lost, and the trail has exactly one change per version.
TEST_P(StoreTest, ConcurrentReplicasLoseNoUpdate) {
  ASSERT_TRUE(store_->UpdatePolicy(Update("north", 0, BoundsFor(1))).ok());
  constexpr int kReplicas = 4, kIncrements = 8;
  std::atomic<int> aborted{0}, failed{0};
  std::vector<std::thread> replicas;
  for (int r = 0; r < kReplicas; ++r) {
    replicas.emplace_back([&, r] {
      std::unique_ptr<PolicyStore> replica = Open();
      if (replica == nullptr) return failed.fetch_add(1), void();
      for (int done = 0; done < kIncrements;) {
        absl::StatusOr<StoredPolicy> now = replica->GetPolicy("north");
        if (!now.ok()) return failed.fetch_add(1), void();
        absl::Status s = replica->UpdatePolicy(
            Update("north", now->version, BoundsFor(now->version + 1),
                   absl::StrCat("replica-", r))).status();
        if (s.ok()) {
          ++done;
        } else if (s.code() == absl::StatusCode::kAborted) {
          aborted.fetch_add(1);
        } else {
          return failed.fetch_add(1), void();
        }
      }
    });
  }
  for (std::thread& t : replicas) t.join();
  EXPECT_EQ(failed.load(), 0);
  absl::StatusOr<StoredPolicy> got = store_->GetPolicy("north");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->version, 1 + kReplicas * kIncrements);
  ExpectSameBounds(got->bounds, BoundsFor(got->version));
  const std::vector<AuditEvent> changes = PolicyChanges(*store_, "north");
  ASSERT_EQ(changes.size(), static_cast<size_t>(got->version));
  for (size_t i = 0; i < changes.size(); ++i) {
    EXPECT_EQ(changes[i].policy_version, static_cast<int64_t>(i + 1));
  }
}

TEST(OpenStoreTest, ChoosesTheBackendFromTheUrl) {
  const std::string dir = callplan::testing::MakeTempDir("callplan-store");
  for (const std::string& url :
       {"sqlite:" + dir + "/a.db", "sqlite://" + dir + "/b.db", dir + "/c.db"}) {
    absl::StatusOr<std::unique_ptr<PolicyStore>> store = OpenStore(url);
    ASSERT_TRUE(store.ok()) << url << ": " << store.status();
    EXPECT_TRUE((*store)->UpdatePolicy(Update("north", 0, BoundsFor(1))).ok());
  }
  EXPECT_TRUE(std::filesystem::exists(dir + "/a.db"));
  EXPECT_TRUE(std::filesystem::exists(dir + "/b.db"));
  EXPECT_EQ(OpenStore("").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenStore("mysql://db/x").status().code(),
            absl::StatusCode::kInvalidArgument);
  // Nothing listens there; the password must not leak into the message.
  const int port = callplan::testing::FreeLoopbackPort();
  absl::Status down = OpenStore(absl::StrCat("postgresql://u:s3cret@127.0.0.1:",
                                             port, "/db?connect_timeout=5"))
                          .status();
  EXPECT_EQ(down.code(), absl::StatusCode::kUnavailable) << down;
  EXPECT_THAT(down.message(), ::testing::Not(HasSubstr("s3cret")));
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace callplan::store
