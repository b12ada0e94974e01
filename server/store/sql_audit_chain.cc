// SqlStore's hash chain: hashing the rows that predate it (migration 2) and
// walking it to verify (server/store/audit_chain_walk.h).
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/store/audit_chain_walk.h"
#include "server/store/audit_hash.h"
#include "server/store/sql_rows.h"
#include "server/store/sql_store.h"

namespace callplan::store {
namespace {

// Rows per read, so neither migrating nor verifying holds the whole trail.
constexpr int kChainPage = 500;

AuditChainCheck HeadMissing() {
  AuditChainCheck check;
  check.intact = false;
  check.problem = AuditChainBreak::kRecordMissing;
  check.explanation =
      "the chain head (table audit_chain_head) is missing: the database was "
      "changed outside callplan";
  return check;
}

}  // namespace

absl::Status ChainExistingAuditEvents(SqlConnection& db) {
  int64_t last_id = 0;
  std::string last_sha256 = kGenesisSha256;
  for (;;) {
    absl::StatusOr<std::vector<SqlRow>> rows = db.Query(
        absl::StrCat("SELECT id, ", kAuditColumns, " FROM audit_events "
                     "WHERE id > ? ORDER BY id LIMIT ", kChainPage),
        {SqlParam::Int(last_id)});
    if (!rows.ok()) return rows.status();
    for (const SqlRow& row : *rows) {
      const AuditEvent event = AuditFromRow(row);
      const std::string sha256 = AuditRecordSha256(last_sha256, event);
      absl::StatusOr<std::vector<SqlRow>> done = db.Query(
          "UPDATE audit_events SET prev_sha256 = ?, sha256 = ? WHERE id = ?",
          {SqlParam::Text(last_sha256), SqlParam::Text(sha256),
           SqlParam::Int(event.id)});
      if (!done.ok()) return done.status();
      last_id = event.id;
      last_sha256 = sha256;
    }
    if (static_cast<int>(rows->size()) < kChainPage) break;
  }
  return db.Query("INSERT INTO audit_chain_head (singleton, last_id, "
                  "last_sha256) VALUES (1, ?, ?)",
                  {SqlParam::Int(last_id), SqlParam::Text(last_sha256)})
      .status();
}

absl::StatusOr<std::vector<AuditEvent>> SqlStore::ReadChainPage(
    int64_t from_id, int64_t to_id, int limit) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::vector<SqlRow>> rows = db_->Query(
      absl::StrCat("SELECT id, ", kAuditColumns, ", ", kAuditChainColumns,
                   " FROM audit_events WHERE id >= ? AND id <= ? ORDER BY id "
                   "LIMIT ", limit),
      {SqlParam::Int(from_id), SqlParam::Int(to_id)});
  if (!rows.ok()) return rows.status();
  std::vector<AuditEvent> events;
  events.reserve(rows->size());
  for (const SqlRow& row : *rows) events.push_back(AuditFromRow(row));
  return events;
}

absl::StatusOr<std::optional<AuditChainHead>> SqlStore::ReadChainHead() {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::vector<SqlRow>> rows = db_->Query(
      "SELECT h.last_id, h.last_sha256, (SELECT MIN(e.id) FROM audit_events e "
      "WHERE e.id > h.last_id) FROM audit_chain_head h WHERE h.singleton = 1",
      {});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<AuditChainHead>();
  const SqlRow& row = rows->front();
  AuditChainHead head;
  head.last_id = RowInt(row[0]);
  head.last_sha256 = RowText(row[1]);
  if (row[2]) head.first_id_after = RowInt(row[2]);
  return std::optional<AuditChainHead>(head);
}

// Walks up to the chain head, then reads the head again: if it moved,
// records were appended meanwhile and the walk goes on to the new head;
// once it stands still the walk ends there. The lock is taken per read, so
// appends are not held up by a long walk. The first read starts at the
// smallest id there could be: a record forged before id 1 is walked too.
absl::StatusOr<AuditChainCheck> SqlStore::VerifyAuditChain() {
  absl::StatusOr<std::optional<AuditChainHead>> head = ReadChainHead();
  if (!head.ok()) return head.status();
  if (!head->has_value()) return HeadMissing();
  AuditChainWalk walk;
  int64_t from = std::numeric_limits<int64_t>::min();
  for (;;) {
    while (from <= (*head)->last_id) {
      absl::StatusOr<std::vector<AuditEvent>> page =
          ReadChainPage(from, (*head)->last_id, kChainPage);
      if (!page.ok()) return page.status();
      if (page->empty()) break;  // the records up to the head are gone
      for (const AuditEvent& record : *page) {
        if (std::optional<AuditChainCheck> broken = walk.Add(record)) {
          return *broken;
        }
      }
      from = walk.last_id() + 1;
    }
    absl::StatusOr<std::optional<AuditChainHead>> now = ReadChainHead();
    if (!now.ok()) return now.status();
    if (!now->has_value()) return HeadMissing();
    if ((*now)->last_id == (*head)->last_id) {
      return walk.Finish((*now)->last_id, (*now)->last_sha256,
                         (*now)->first_id_after);
    }
    head = std::move(now);
  }
}

}  // namespace callplan::store
