// The audit trail's hash chain through the PolicyStore interface, on SQLite
// and PostgreSQL: every record points at the one before it, verification
// reports an untouched trail intact (also after appends from many threads
// and several stores at once), the databases refuse to overwrite a record
// through INSERT (INSERT OR REPLACE, ON CONFLICT DO UPDATE), and migration 2
// chains the records an older sidecar left.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/store/audit_hash.h"
#include "tests/server/store/schema_v1.h"
#include "tests/server/store/store_fixture.h"

namespace callplan::store {
namespace {

using ::testing::HasSubstr;

AuditEvent PlanEvent(const std::string& actor, int n) {
  AuditEvent event;
  event.kind = AuditKind::kPlanDay;
  event.actor = actor;
  event.team_id = n % 2 ? "north" : "south";
  event.territory_id = "lyon-1";
  event.request_digest = absl::StrCat("digest-", n);
  event.status = "OK";
  event.objective = n + 0.25;
  event.counts = {{"reps", 2}, {"visits", n}};
  return event;
}

std::vector<AuditEvent> AllEvents(PolicyStore& store) {
  std::vector<AuditEvent> events;
  std::string token;
  do {
    absl::StatusOr<AuditPage> page = store.ListAudit({}, 1000, token);
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) break;
    events.insert(events.end(), page->events.begin(), page->events.end());
    token = page->next_page_token;
  } while (!token.empty());
  return events;
}

AuditChainCheck Verify(PolicyStore& store) {
  absl::StatusOr<AuditChainCheck> check = store.VerifyAuditChain();
  EXPECT_TRUE(check.ok()) << check.status();
  return check.ok() ? *check : AuditChainCheck{};
}

// Every record hashes to its sha256 and points at its predecessor's.
void ExpectLinked(const std::vector<AuditEvent>& events) {
  std::string prev = kGenesisSha256;
  for (const AuditEvent& e : events) {
    SCOPED_TRACE(absl::StrCat("record ", e.id));
    EXPECT_EQ(e.prev_sha256, prev);
    EXPECT_EQ(e.sha256, AuditRecordSha256(e.prev_sha256, e));
    EXPECT_EQ(e.sha256.size(), 64u);
    prev = e.sha256;
  }
}

TEST_P(StoreTest, EmptyTrailIsIntact) {
  const AuditChainCheck check = Verify(*store_);
  EXPECT_TRUE(check.intact) << check.explanation;
  EXPECT_EQ(check.records, 0);
  EXPECT_EQ(check.last_id, 0);
  EXPECT_EQ(check.last_sha256, kGenesisSha256);
}

TEST_P(StoreTest, EveryRecordCarriesThePreviousOnesHash) {
  ASSERT_TRUE(store_->AppendAudit(PlanEvent("crm", 1)).ok());
  ASSERT_TRUE(store_->UpdatePolicy(Update("north", 0, BoundsFor(1))).ok());
  AuditEvent odd = PlanEvent("crm", 2);
  odd.objective = -0.0;  // SQLite keeps it as 0.0: must hash the same
  odd.detail = "line one\nreason=3:abc\n";  // looks like the encoding itself
  ASSERT_TRUE(store_->AppendAudit(odd).ok());
  ASSERT_TRUE(store_->AppendAudit(PlanEvent("crm", 3)).ok());

  const std::vector<AuditEvent> events = AllEvents(*store_);
  ASSERT_EQ(events.size(), 4u);
  for (size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].id, int64_t(i) + 1);
  ExpectLinked(events);
  EXPECT_NE(events[1].sha256, events[3].sha256);

  const AuditChainCheck check = Verify(*store_);
  EXPECT_TRUE(check.intact) << check.explanation;
  EXPECT_EQ(check.records, 4);
  EXPECT_EQ(check.last_id, 4);
  EXPECT_EQ(check.last_sha256, events.back().sha256);
}

// The canonical encoding is length-prefixed: moving bytes from one field to
// the next changes the hash.
TEST(AuditHashTest, FieldsCannotBeShiftedIntoEachOther) {
  AuditEvent a;
  a.actor = "ab";
  a.team_id = "c";
  AuditEvent b = a;
  b.actor = "a";
  b.team_id = "bc";
  EXPECT_NE(AuditRecordSha256(kGenesisSha256, a), AuditRecordSha256(kGenesisSha256, b));
  EXPECT_NE(AuditRecordSha256(kGenesisSha256, a), AuditRecordSha256(std::string(64, '1'), a));
  AuditEvent later = a;
  later.time = a.time + absl::Microseconds(1);
  EXPECT_NE(AuditRecordSha256(kGenesisSha256, a), AuditRecordSha256(kGenesisSha256, later));
  EXPECT_THAT(CanonicalAuditRecord(kGenesisSha256, a),
              HasSubstr("\nactor=2:ab\nteam_id=1:c\n"));
}

TEST_P(StoreTest, ValuesTheStoreCannotKeepExactlyAreRefused) {
  AuditEvent commas = PlanEvent("crm", 1);
  commas.counts = {{"a,b", 1}};
  absl::Status refused = store_->AppendAudit(commas).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument) << refused;
  EXPECT_THAT(refused.message(), HasSubstr("counts"));

  AuditEvent nul = PlanEvent("crm", 2);
  nul.detail = std::string("before\0after", 12);
  absl::Status kept = store_->AppendAudit(nul).status();
  if (GetParam() == Backend::kSqlite) {
    EXPECT_TRUE(kept.ok()) << kept;  // SQLite keeps text byte for byte
  } else {
    EXPECT_EQ(kept.code(), absl::StatusCode::kInvalidArgument) << kept;
    EXPECT_THAT(kept.message(), HasSubstr("detail"));
  }
  ASSERT_TRUE(store_->AppendAudit(PlanEvent("crm", 3)).ok());
  const AuditChainCheck check = Verify(*store_);
  EXPECT_TRUE(check.intact) << check.explanation;
  EXPECT_EQ(check.records, GetParam() == Backend::kSqlite ? 2 : 1);
}

// Threads on one store and on two more stores (their own connections, as
// separate sidecars have) append at once: one chain, ids without gaps.
TEST_P(StoreTest, ConcurrentAppendsFromThreadsAndStoresMakeOneChain) {
  std::vector<std::unique_ptr<PolicyStore>> others;
  for (int i = 0; i < 2; ++i) {
    others.push_back(Open());
    ASSERT_NE(others.back(), nullptr);
  }
  std::vector<PolicyStore*> stores = {store_.get(), store_.get(), others[0].get(),
                                      others[0].get(), others[1].get()};
  constexpr int kEach = 20;
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (size_t t = 0; t < stores.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; n < kEach; ++n) {
        if (!stores[t]->AppendAudit(PlanEvent(absl::StrCat("thread-", t), n)).ok()) {
          failed.fetch_add(1);
        }
      }
    });
  }
  threads.emplace_back([&] {  // policy changes append in their own transaction
    for (int v = 0; v < 5; ++v) {
      if (!others[1]->UpdatePolicy(Update("east", v, BoundsFor(v + 1))).ok()) {
        failed.fetch_add(1);
      }
    }
  });
  for (std::thread& t : threads) t.join();
  ASSERT_EQ(failed.load(), 0);

  const int64_t total = static_cast<int64_t>(stores.size()) * kEach + 5;
  const std::vector<AuditEvent> events = AllEvents(*others[0]);
  ASSERT_EQ(static_cast<int64_t>(events.size()), total);
  for (int64_t i = 0; i < total; ++i) EXPECT_EQ(events[i].id, i + 1);
  ExpectLinked(events);
  const AuditChainCheck check = Verify(*store_);
  EXPECT_TRUE(check.intact) << check.explanation;
  EXPECT_EQ(check.records, total);
  EXPECT_EQ(check.last_sha256, events.back().sha256);
}

// Finding 4 of issue 10: a modified copy of a row, inserted over it.
TEST_P(StoreTest, InsertingOverAnExistingRecordIsRefused) {
  for (int n = 1; n <= 3; ++n) ASSERT_TRUE(store_->AppendAudit(PlanEvent("crm", n)).ok());
  const std::string copy =
      "SELECT id, kind, event_time_micros, 'mallory', team_id, territory_id, "
      "request_digest, policy_version, status, objective, counts, old_value, "
      "new_value, reason, detail, prev_sha256, sha256 FROM audit_events "
      "WHERE id = 2";
  std::vector<std::string> attempts = {"INSERT INTO audit_events " + copy};
  if (GetParam() == Backend::kSqlite) {
    attempts.push_back("INSERT OR REPLACE INTO audit_events " + copy);
    attempts.push_back("REPLACE INTO audit_events " + copy);
    attempts.push_back("INSERT OR IGNORE INTO audit_events " + copy);
  } else {
    attempts.push_back("INSERT INTO audit_events " + copy +
                       " ON CONFLICT (id) DO UPDATE SET actor = EXCLUDED.actor");
    attempts.push_back("INSERT INTO audit_events " + copy + " ON CONFLICT DO NOTHING");
  }
  for (const std::string& sql : attempts) {
    absl::StatusOr<std::string> refused = Raw(sql);
    EXPECT_FALSE(refused.ok()) << sql;
    EXPECT_THAT(refused.status().message(), HasSubstr("append-only")) << sql;
  }
  EXPECT_FALSE(Raw("DELETE FROM audit_chain_head").ok());

  absl::StatusOr<std::string> actor = Raw("SELECT actor FROM audit_events WHERE id = 2");
  ASSERT_TRUE(actor.ok()) << actor.status();
  EXPECT_EQ(*actor, "crm");
  EXPECT_EQ(*Raw("SELECT COUNT(*) FROM audit_events"), "3");
  const AuditChainCheck check = Verify(*store_);
  EXPECT_TRUE(check.intact) << check.explanation;
  EXPECT_EQ(check.records, 3);
  ASSERT_TRUE(store_->AppendAudit(PlanEvent("crm", 4)).ok());  // appends still work
  EXPECT_EQ(Verify(*store_).records, 4);
}

// A database as version 1 left it, with gaps in its ids (rolled back
// inserts): migration 2 hashes its records in id order, so the chain covers
// them, and puts the UPDATE trigger back.
TEST_P(StoreTest, MigrationChainsTheRecordsThatCameBefore) {
  std::string target;
  if (GetParam() == Backend::kSqlite) {
    target = dir_ + "/v1.db";
  } else {
    absl::StatusOr<std::string> url =
        (*PostgresEnvironment::Server())->CreateDatabase("audit_v1");
    ASSERT_TRUE(url.ok()) << url.status();
    target = *url;
  }
  const bool sqlite = GetParam() == Backend::kSqlite;
  std::string legacy = sqlite ? kSqliteSchemaV1 : kPostgresSchemaV1;
  absl::StrAppend(&legacy,
                  "INSERT INTO schema_migrations VALUES (1, 1700000000000000);");
  for (int id : {1, 2, 5}) {
    absl::StrAppend(
        &legacy,
        "INSERT INTO audit_events (id, kind, event_time_micros, actor, team_id, "
        "territory_id, request_digest, policy_version, status, objective, counts, "
        "old_value, new_value, reason, detail) VALUES (", id,
        ", 'PLAN_DAY', ", 1700000000000000 + id, ", 'crm', 't1', 'lyon', 'd", id,
        "', 0, 'OK', ", id, ".5, 'reps=2,visits=", id, "', '', '', '', 'old');");
  }
  const std::string create =
      "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, "
      "applied_at_micros BIGINT NOT NULL);";
  ASSERT_TRUE((sqlite ? RawSqliteScript(target, create + legacy)
                      : RawPostgresScript(target, create + legacy)).ok());

  absl::StatusOr<std::unique_ptr<Store>> migrated =
      OpenStore(sqlite ? "sqlite:" + target : target);
  ASSERT_TRUE(migrated.ok()) << migrated.status();
  std::vector<AuditEvent> events = AllEvents(**migrated);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].id, 5);
  EXPECT_EQ(events[2].detail, "old");
  ExpectLinked(events);
  AuditChainCheck check = Verify(**migrated);
  EXPECT_TRUE(check.intact) << check.explanation;
  EXPECT_EQ(check.records, 3);
  EXPECT_EQ(check.last_id, 5);

  auto raw = [&](const std::string& sql) {
    return sqlite ? RawSqlite(target, sql) : RawPostgres(target, sql);
  };
  // Every later step ran too: migration 3 rebuilt SQLite's audit table
  // (for the PLAN_STEP kind) with its records, hashes and guards.
  EXPECT_EQ(*raw("SELECT MAX(version) FROM schema_migrations"), "3");
  absl::StatusOr<std::string> update = raw("UPDATE audit_events SET actor = 'x'");
  EXPECT_FALSE(update.ok());
  EXPECT_THAT(update.status().message(), HasSubstr("append-only"));
  EXPECT_FALSE(raw("DELETE FROM audit_events WHERE id = 1").ok());
  if (sqlite) {
    EXPECT_FALSE(raw("INSERT OR REPLACE INTO audit_events SELECT * FROM "
                     "audit_events WHERE id = 1").ok());
  }

  ASSERT_TRUE((*migrated)->AppendAudit(PlanEvent("crm", 6)).ok());
  events = AllEvents(**migrated);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[3].id, 6);  // after the chain head, not the old sequence
  ExpectLinked(events);
  check = Verify(**migrated);
  EXPECT_TRUE(check.intact) << check.explanation;
  EXPECT_EQ(check.records, 4);

  NewPlan draft;
  draft.territory_id = "lyon";
  draft.date = "2026-03-12";
  draft.actor = "crm";
  ASSERT_TRUE((*migrated)->CreatePlan(draft).ok());
  events = AllEvents(**migrated);
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[4].kind, AuditKind::kPlanStep);
  EXPECT_TRUE(Verify(**migrated).intact);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace callplan::store
