// SqlStore's audit trail: appending a chained event, listing pages of them.
#include <algorithm>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "server/store/audit_hash.h"
#include "server/store/sql_rows.h"
#include "server/store/sql_store.h"

namespace callplan::store {
namespace {

constexpr char kTokenPrefix[] = "audit-after:";
constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;

std::map<std::string, int64_t> ParseCounts(const std::string& text) {
  std::map<std::string, int64_t> counts;
  for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(item, '=');
    int64_t value = 0;
    if (absl::SimpleAtoi(kv.second, &value)) counts[kv.first] = value;
  }
  return counts;
}

absl::StatusOr<int64_t> ParsePageToken(const std::string& token) {
  if (token.empty()) return 0;
  std::string raw;
  int64_t after = 0;
  if (!absl::WebSafeBase64Unescape(token, &raw) ||
      !absl::StartsWith(raw, kTokenPrefix) ||
      !absl::SimpleAtoi(raw.substr(sizeof(kTokenPrefix) - 1), &after) ||
      after < 0) {
    return absl::InvalidArgumentError("page_token is not one this store issued");
  }
  return after;
}

// A hash over values the database would not give back (a NUL byte in
// PostgreSQL text, a counts key with ',' or '=') would later read as
// tampering; refuse such an event instead of recording it wrongly.
absl::Status CheckStoredExactly(const AuditEvent& written,
                                const AuditEvent& read_back) {
  const auto want = CanonicalAuditFields(written);
  const auto got = CanonicalAuditFields(read_back);
  for (size_t i = 0; i < want.size() && i < got.size(); ++i) {
    if (want[i].second != got[i].second) {
      return absl::InvalidArgumentError(absl::StrCat(
          "audit event ", want[i].first, ": the store cannot keep this value "
          "exactly (a NUL byte, invalid text, or a counts key with ',' or "
          "'='); nothing was recorded"));
    }
  }
  return absl::OkStatus();
}

std::vector<SqlParam> InsertParams(const AuditEvent& e) {
  return {SqlParam::Int(e.id), SqlParam::Text(AuditKindName(e.kind)),
          SqlParam::Int(absl::ToUnixMicros(e.time)), SqlParam::Text(e.actor),
          SqlParam::Text(e.team_id), SqlParam::Text(e.territory_id),
          SqlParam::Text(e.request_digest), SqlParam::Int(e.policy_version),
          SqlParam::Text(e.status), SqlParam::Real(e.objective),
          SqlParam::Text(AuditCountsText(e.counts)), SqlParam::Text(e.old_value),
          SqlParam::Text(e.new_value), SqlParam::Text(e.reason),
          SqlParam::Text(e.detail), SqlParam::Text(e.prev_sha256),
          SqlParam::Text(e.sha256)};
}

}  // namespace

AuditEvent AuditFromRow(const SqlRow& row) {
  AuditEvent event;
  event.id = RowInt(row[0]);
  event.kind = ParseAuditKind(RowText(row[1])).value_or(AuditKind::kPlanDay);
  event.time = absl::FromUnixMicros(RowInt(row[2]));
  event.actor = RowText(row[3]);
  event.team_id = RowText(row[4]);
  event.territory_id = RowText(row[5]);
  event.request_digest = RowText(row[6]);
  event.policy_version = RowInt(row[7]);
  event.status = RowText(row[8]);
  event.objective = RowReal(row[9]);
  event.counts = ParseCounts(RowText(row[10]));
  event.old_value = RowText(row[11]);
  event.new_value = RowText(row[12]);
  event.reason = RowText(row[13]);
  event.detail = RowText(row[14]);
  if (row.size() > 16) {
    event.prev_sha256 = RowText(row[15]);
    event.sha256 = RowText(row[16]);
  }
  return event;
}

// The chain head's row lock is what serializes appenders (sql_store.h).
absl::StatusOr<int64_t> SqlStore::InsertAudit(const AuditEvent& event) {
  absl::StatusOr<std::vector<SqlRow>> head = db_->Query(
      absl::StrCat("SELECT last_id, last_sha256 FROM audit_chain_head "
                   "WHERE singleton = 1",
                   db_->ForUpdate()),
      {});
  if (!head.ok()) return head.status();
  if (head->empty()) {
    return absl::FailedPreconditionError(
        "the audit chain head (table audit_chain_head) is missing: the "
        "database was changed outside callplan; nothing was recorded");
  }
  AuditEvent record = event;
  record.id = RowInt(head->front()[0]) + 1;
  const absl::Time time = event.time == absl::Time() ? absl::Now() : event.time;
  record.time = absl::FromUnixMicros(absl::ToUnixMicros(time));  // as stored
  record.prev_sha256 = RowText(head->front()[1]);
  record.sha256 = AuditRecordSha256(record.prev_sha256, record);
  absl::StatusOr<std::vector<SqlRow>> rows = db_->Query(
      absl::StrCat("INSERT INTO audit_events (id, ", kAuditColumns, ", ",
                   kAuditChainColumns,
                   ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                   "RETURNING id, ", kAuditColumns),
      InsertParams(record));
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::InternalError("audit insert returned no row");
  if (absl::Status s = CheckStoredExactly(record, AuditFromRow(rows->front()));
      !s.ok()) {
    return s;
  }
  absl::StatusOr<std::vector<SqlRow>> moved = db_->Query(
      "UPDATE audit_chain_head SET last_id = ?, last_sha256 = ? "
      "WHERE singleton = 1",
      {SqlParam::Int(record.id), SqlParam::Text(record.sha256)});
  if (!moved.ok()) return moved.status();
  return record.id;
}

absl::StatusOr<int64_t> SqlStore::AppendAudit(const AuditEvent& event) {
  absl::MutexLock lock(&mu_);
  SqlTransaction tx(*db_);
  if (absl::Status s = tx.Begin(); !s.ok()) return s;
  absl::StatusOr<int64_t> id = InsertAudit(event);
  if (!id.ok()) return id.status();
  if (absl::Status s = tx.Commit(); !s.ok()) return s;
  return id;
}

absl::Status SqlStore::ProbeAuditWrite() {
  absl::MutexLock lock(&mu_);
  SqlTransaction tx(*db_);
  if (absl::Status s = tx.Begin(); !s.ok()) return s;
  absl::StatusOr<std::vector<SqlRow>> rewritten = db_->Query(
      "UPDATE audit_chain_head SET last_id = last_id WHERE singleton = 1", {});
  if (!rewritten.ok()) return rewritten.status();
  return tx.Commit();
}

absl::StatusOr<AuditPage> SqlStore::ListAudit(const AuditFilter& filter,
                                              int page_size,
                                              const std::string& page_token) {
  absl::StatusOr<int64_t> after = ParsePageToken(page_token);
  if (!after.ok()) return after.status();
  if (page_size <= 0) page_size = kDefaultPageSize;
  page_size = std::min(page_size, kMaxPageSize);
  // Only the conditions asked for, so every parameter has a typed column.
  std::string sql =
      absl::StrCat("SELECT id, ", kAuditColumns, ", ", kAuditChainColumns,
                   " FROM audit_events WHERE id > ?");
  std::vector<SqlParam> params = {SqlParam::Int(*after)};
  if (filter.from) {
    absl::StrAppend(&sql, " AND event_time_micros >= ?");
    params.push_back(SqlParam::Int(absl::ToUnixMicros(*filter.from)));
  }
  if (filter.to) {
    absl::StrAppend(&sql, " AND event_time_micros < ?");
    params.push_back(SqlParam::Int(absl::ToUnixMicros(*filter.to)));
  }
  if (filter.kind) {
    absl::StrAppend(&sql, " AND kind = ?");
    params.push_back(SqlParam::Text(AuditKindName(*filter.kind)));
  }
  if (filter.team_id) {
    absl::StrAppend(&sql, " AND team_id = ?");
    params.push_back(SqlParam::Text(*filter.team_id));
  }
  // One extra row tells whether another page follows.
  absl::StrAppend(&sql, " ORDER BY id LIMIT ", page_size + 1);
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::vector<SqlRow>> rows = db_->Query(sql, params);
  if (!rows.ok()) return rows.status();
  AuditPage page;
  for (const SqlRow& row : *rows) {
    if (static_cast<int>(page.events.size()) == page_size) {
      page.next_page_token = absl::WebSafeBase64Escape(
          absl::StrCat(kTokenPrefix, page.events.back().id));
      break;
    }
    page.events.push_back(AuditFromRow(row));
  }
  return page;
}

}  // namespace callplan::store
