// Tampering with the audit trail in the database itself, on SQLite (the
// file, through the sqlite3 library, triggers dropped) and PostgreSQL (as
// the superuser, ALTER TABLE ... DISABLE TRIGGER ALL): a changed field, a
// deleted record and a forged record with a plausible hash are each named by
// VerifyAuditChain as the first bad record. A consistent rewrite of the
// chain from a point on is not detectable from inside the database; the
// last hash kept elsewhere is what shows it.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/store/audit_hash.h"
#include "tests/server/store/audit_tamper.h"
#include "tests/server/store/store_fixture.h"

namespace callplan::store {
namespace {

using ::testing::HasSubstr;

// Five records (two policy changes, three plans), checked intact first.
class AuditTamperTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(store_->UpdatePolicy(Update("north", 0, BoundsFor(1))).ok());
    for (int n = 0; n < 3; ++n) {
      AuditEvent plan;
      plan.actor = "crm";
      plan.team_id = "north";
      plan.territory_id = "lyon-1";
      plan.status = "OK";
      plan.objective = 40 + n;
      plan.counts = {{"visits", 8 + n}};
      ASSERT_TRUE(store_->AppendAudit(plan).ok());
    }
    ASSERT_TRUE(store_->UpdatePolicy(Update("north", 1, BoundsFor(2))).ok());
    absl::StatusOr<AuditPage> page = store_->ListAudit({}, 100, "");
    ASSERT_TRUE(page.ok()) << page.status();
    events_ = page->events;
    ASSERT_EQ(events_.size(), 5u);
    const AuditChainCheck before = Check();
    ASSERT_TRUE(before.intact) << before.explanation;
    ASSERT_EQ(before.records, 5);
    ASSERT_EQ(before.last_sha256, events_.back().sha256);
  }

  // Triggers off, then `sql`, as an attacker with write access would.
  void Tamper(const std::string& sql) {
    ASSERT_TRUE(RawScript(DisableAuditTriggers(GetParam()) + sql).ok()) << sql;
  }

  AuditChainCheck Check() {
    absl::StatusOr<AuditChainCheck> check = store_->VerifyAuditChain();
    EXPECT_TRUE(check.ok()) << check.status();
    return check.ok() ? *check : AuditChainCheck{};
  }

  void ExpectBroken(int64_t first_bad, AuditChainBreak problem,
                    const std::string& words) {
    const AuditChainCheck check = Check();
    EXPECT_FALSE(check.intact);
    EXPECT_EQ(check.first_bad_id, first_bad) << check.explanation;
    EXPECT_EQ(check.problem, problem) << check.explanation;
    EXPECT_THAT(check.explanation, HasSubstr(words));
  }

  std::vector<AuditEvent> events_;
};

TEST_P(AuditTamperTest, ChangedFieldIsNamed) {
  Tamper("UPDATE audit_events SET new_value = 'version=2 max_workload_spread=9' "
         "WHERE id = 5;");
  ExpectBroken(5, AuditChainBreak::kContentChanged, "record 5");
  EXPECT_EQ(Check().records, 4);
}

TEST_P(AuditTamperTest, ChangedTimeIsNamed) {
  Tamper("UPDATE audit_events SET event_time_micros = event_time_micros - 3600000000 "
         "WHERE id = 3;");
  ExpectBroken(3, AuditChainBreak::kContentChanged, "does not match its hash");
  EXPECT_EQ(Check().records, 2);
}

TEST_P(AuditTamperTest, DeletedRecordIsNamed) {
  Tamper("DELETE FROM audit_events WHERE id = 3;");
  ExpectBroken(4, AuditChainBreak::kRecordMissing, "missing before record 4");
}

TEST_P(AuditTamperTest, DeletedFirstRecordIsNamed) {
  Tamper("DELETE FROM audit_events WHERE id = 1;");
  ExpectBroken(2, AuditChainBreak::kRecordMissing, "missing before record 2");
}

TEST_P(AuditTamperTest, DeletedLastRecordIsNamed) {
  Tamper("DELETE FROM audit_events WHERE id = 5;");
  ExpectBroken(5, AuditChainBreak::kRecordMissing, "trail ends at record 5");
}

// Chained onto the last record with a hash that matches its content: only
// the chain head, which the store moves with every append, tells.
TEST_P(AuditTamperTest, ForgedRecordAtTheEndIsNamed) {
  Tamper(InsertAuditRowSql(ForgedPolicyChange(6, events_[4].sha256, absl::Now())));
  ExpectBroken(6, AuditChainBreak::kRecordInserted, "record 6 was inserted");
}

TEST_P(AuditTamperTest, ForgedRecordBeforeTheFirstIsNamed) {
  Tamper(InsertAuditRowSql(
      ForgedPolicyChange(0, kGenesisSha256, events_[0].time - absl::Hours(1))));
  ExpectBroken(0, AuditChainBreak::kRecordInserted, "record 0 was inserted");
}

// INSERT OR REPLACE / ON CONFLICT DO UPDATE with the triggers off: the
// replacement is whole and hashed, but the next record points at the old one.
TEST_P(AuditTamperTest, ReplacedRecordIsNamed) {
  Tamper(absl::StrCat("DELETE FROM audit_events WHERE id = 3;",
                      InsertAuditRowSql(ForgedPolicyChange(
                          3, events_[1].sha256, events_[2].time))));
  ExpectBroken(3, AuditChainBreak::kContentChanged, "record 3 was changed");
}

TEST_P(AuditTamperTest, RehashedLastRecordIsNamed) {
  AuditEvent last = events_[4];
  last.reason = "nobody asked";
  last.sha256 = AuditRecordSha256(last.prev_sha256, last);
  Tamper(absl::StrCat("DELETE FROM audit_events WHERE id = 5;", InsertAuditRowSql(last)));
  ExpectBroken(5, AuditChainBreak::kContentChanged, "chain head");
}

// What the chain cannot do: records, hashes and head all rewritten from
// record 4 on look intact; the hash printed by an earlier verification no
// longer appears, and that is what shows it.
TEST_P(AuditTamperTest, ConsistentRewriteFromAPointNeedsTheKeptHash) {
  const std::string kept = Check().last_sha256;
  const AuditEvent four = ForgedPolicyChange(4, events_[2].sha256, events_[3].time);
  const AuditEvent five = ForgedPolicyChange(5, four.sha256, events_[4].time);
  Tamper(absl::StrCat("DELETE FROM audit_events WHERE id >= 4;",
                      InsertAuditRowSql(four), InsertAuditRowSql(five),
                      "UPDATE audit_chain_head SET last_sha256 = '", five.sha256,
                      "';"));
  const AuditChainCheck check = Check();
  EXPECT_TRUE(check.intact) << check.explanation;
  EXPECT_EQ(check.last_id, 5);
  EXPECT_NE(check.last_sha256, kept);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditTamperTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

}  // namespace
}  // namespace callplan::store
