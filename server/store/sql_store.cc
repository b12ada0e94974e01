#include "server/store/sql_store.h"

#include <algorithm>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"

namespace callplan::store {
namespace {

constexpr char kPolicyColumns[] =
    "team_id, max_workload_spread, max_potential_spread, max_route_distance, "
    "distance_safety_factor, max_visits_per_rep, version, updated_by, "
    "updated_at_micros, reason";
constexpr char kAuditColumns[] =
    "kind, event_time_micros, actor, team_id, territory_id, request_digest, "
    "policy_version, status, objective, counts, old_value, new_value, reason, "
    "detail";
constexpr char kTokenPrefix[] = "audit-after:";
constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;

// Rolls back unless committed, so every early return leaves nothing behind.
class Transaction {
 public:
  explicit Transaction(SqlConnection& db) : db_(db) {}
  ~Transaction() {
    if (open_) db_.Rollback().IgnoreError();
  }
  absl::Status Begin() {
    absl::Status status = db_.BeginWrite();
    open_ = status.ok();
    return status;
  }
  absl::Status Commit() {
    open_ = false;
    absl::Status status = db_.Commit();
    if (!status.ok()) db_.Rollback().IgnoreError();
    return status;
  }

 private:
  SqlConnection& db_;
  bool open_ = false;
};

std::string Text(const std::optional<std::string>& value) {
  return value.value_or("");
}

int64_t Int(const std::optional<std::string>& value) {
  int64_t out = 0;
  if (value) (void)absl::SimpleAtoi(*value, &out);
  return out;
}

double Real(const std::optional<std::string>& value) {
  double out = 0;
  if (value) (void)absl::SimpleAtod(*value, &out);
  return out;
}

SqlParam OptionalInt(const std::optional<uint32_t>& value) {
  return value ? SqlParam::Int(*value) : SqlParam::Null();
}

SqlParam OptionalReal(const std::optional<double>& value) {
  return value ? SqlParam::Real(*value) : SqlParam::Null();
}

StoredPolicy PolicyFromRow(const SqlRow& row) {
  StoredPolicy policy;
  policy.team_id = Text(row[0]);
  if (row[1]) policy.bounds.max_workload_spread = static_cast<uint32_t>(Int(row[1]));
  if (row[2]) policy.bounds.max_potential_spread = Real(row[2]);
  if (row[3]) policy.bounds.max_route_distance = Real(row[3]);
  policy.bounds.distance_safety_factor = Real(row[4]);
  if (row[5]) policy.bounds.max_visits_per_rep = static_cast<uint32_t>(Int(row[5]));
  policy.version = Int(row[6]);
  policy.updated_by = Text(row[7]);
  policy.updated_at = absl::FromUnixMicros(Int(row[8]));
  policy.reason = Text(row[9]);
  policy.etag = PolicyEtag(policy.team_id, policy.version, policy.bounds);
  return policy;
}

std::string CountsText(const std::map<std::string, int64_t>& counts) {
  return absl::StrJoin(counts, ",", absl::PairFormatter("="));
}

std::map<std::string, int64_t> ParseCounts(const std::string& text) {
  std::map<std::string, int64_t> counts;
  for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(item, '=');
    int64_t value = 0;
    if (absl::SimpleAtoi(kv.second, &value)) counts[kv.first] = value;
  }
  return counts;
}

AuditEvent AuditFromRow(const SqlRow& row) {
  AuditEvent event;
  event.id = Int(row[0]);
  event.kind = ParseAuditKind(Text(row[1])).value_or(AuditKind::kPlanDay);
  event.time = absl::FromUnixMicros(Int(row[2]));
  event.actor = Text(row[3]);
  event.team_id = Text(row[4]);
  event.territory_id = Text(row[5]);
  event.request_digest = Text(row[6]);
  event.policy_version = Int(row[7]);
  event.status = Text(row[8]);
  event.objective = Real(row[9]);
  event.counts = ParseCounts(Text(row[10]));
  event.old_value = Text(row[11]);
  event.new_value = Text(row[12]);
  event.reason = Text(row[13]);
  event.detail = Text(row[14]);
  return event;
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

}  // namespace

absl::StatusOr<std::unique_ptr<SqlStore>> SqlStore::Open(
    std::unique_ptr<SqlConnection> connection) {
  std::unique_ptr<SqlStore> store(new SqlStore(std::move(connection)));
  if (absl::Status migrated = store->Migrate(); !migrated.ok()) return migrated;
  return store;
}

// One transaction under a cross-process lock, so two sidecars starting
// together apply each step once; a failed step leaves the old schema whole.
absl::Status SqlStore::Migrate() {
  absl::MutexLock lock(&mu_);
  Transaction tx(*db_);
  if (absl::Status s = tx.Begin(); !s.ok()) return s;
  if (absl::Status s = db_->LockForMigration(); !s.ok()) return s;
  if (absl::Status s = db_->ExecScript(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          "version BIGINT PRIMARY KEY, applied_at_micros BIGINT NOT NULL)");
      !s.ok()) {
    return s;
  }
  absl::StatusOr<std::vector<SqlRow>> rows =
      db_->Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
  if (!rows.ok()) return rows.status();
  const int64_t current = Int(rows->at(0)[0]);
  const std::vector<std::string> steps = db_->Migrations();
  if (current > static_cast<int64_t>(steps.size())) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the store's schema is at version ", current, " but this sidecar knows ",
        "only up to ", steps.size(), "; upgrade the sidecar"));
  }
  for (int64_t version = current + 1;
       version <= static_cast<int64_t>(steps.size()); ++version) {
    if (absl::Status s = db_->ExecScript(steps[version - 1]); !s.ok()) {
      return absl::Status(s.code(), absl::StrCat("schema migration ", version,
                                                 ": ", s.message()));
    }
    absl::StatusOr<std::vector<SqlRow>> done = db_->Query(
        "INSERT INTO schema_migrations (version, applied_at_micros) "
        "VALUES (?, ?)",
        {SqlParam::Int(version), SqlParam::Int(absl::ToUnixMicros(absl::Now()))});
    if (!done.ok()) return done.status();
  }
  return tx.Commit();
}

absl::StatusOr<int64_t> SqlStore::SchemaVersion() {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::vector<SqlRow>> rows =
      db_->Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
  if (!rows.ok()) return rows.status();
  return Int(rows->at(0)[0]);
}

absl::StatusOr<std::optional<StoredPolicy>> SqlStore::ReadPolicy(
    const std::string& team_id, bool for_update) {
  absl::StatusOr<std::vector<SqlRow>> rows = db_->Query(
      absl::StrCat("SELECT ", kPolicyColumns, " FROM policies WHERE team_id = ?",
                   for_update ? db_->ForUpdate() : ""),
      {SqlParam::Text(team_id)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<StoredPolicy>();
  return std::optional<StoredPolicy>(PolicyFromRow(rows->front()));
}

absl::StatusOr<StoredPolicy> SqlStore::GetPolicy(const std::string& team_id) {
  absl::MutexLock lock(&mu_);
  for (const std::string& team : {team_id, std::string(kDefaultTeam)}) {
    absl::StatusOr<std::optional<StoredPolicy>> policy = ReadPolicy(team, false);
    if (!policy.ok()) return policy.status();
    if (policy->has_value()) return **policy;
  }
  return absl::NotFoundError(absl::StrCat("team '", team_id,
                                          "' has no fairness policy and there "
                                          "is no '", kDefaultTeam, "' policy"));
}

absl::StatusOr<std::vector<StoredPolicy>> SqlStore::ListPolicies() {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::vector<SqlRow>> rows = db_->Query(
      absl::StrCat("SELECT ", kPolicyColumns, " FROM policies ORDER BY team_id"),
      {});
  if (!rows.ok()) return rows.status();
  std::vector<StoredPolicy> policies;
  for (const SqlRow& row : *rows) policies.push_back(PolicyFromRow(row));
  return policies;
}

absl::StatusOr<StoredPolicy> SqlStore::UpdatePolicy(const PolicyUpdate& update) {
  if (update.team_id.empty()) {
    return absl::InvalidArgumentError("team_id must not be empty");
  }
  if (update.expected_version < 0) {
    return absl::InvalidArgumentError("expected_version must not be negative");
  }
  absl::MutexLock lock(&mu_);
  return WritePolicy(update);
}

// Reads the current row under a write lock, checks the version, writes the
// new row and its audit event, and commits all of it or nothing.
absl::StatusOr<StoredPolicy> SqlStore::WritePolicy(const PolicyUpdate& update) {
  Transaction tx(*db_);
  if (absl::Status s = tx.Begin(); !s.ok()) return s;
  absl::StatusOr<std::optional<StoredPolicy>> old =
      ReadPolicy(update.team_id, true);
  if (!old.ok()) return old.status();
  const int64_t current = old->has_value() ? (*old)->version : 0;
  if (current == 0 && update.expected_version != 0) {
    return absl::NotFoundError(absl::StrCat(
        "team '", update.team_id, "' has no policy to replace; use version 0 "
        "to create it"));
  }
  if (current != update.expected_version) {
    return absl::AbortedError(absl::StrCat(
        "the policy of team '", update.team_id, "' is at version ", current,
        ", not ", update.expected_version, "; someone changed it meanwhile"));
  }
  StoredPolicy next;
  next.team_id = update.team_id;
  next.bounds = update.bounds;
  next.version = current + 1;
  next.updated_by = update.actor;
  next.updated_at = absl::FromUnixMicros(absl::ToUnixMicros(absl::Now()));
  next.reason = update.reason;
  next.etag = PolicyEtag(next.team_id, next.version, next.bounds);
  std::vector<SqlParam> values = {
      SqlParam::Text(next.team_id),
      OptionalInt(next.bounds.max_workload_spread),
      OptionalReal(next.bounds.max_potential_spread),
      OptionalReal(next.bounds.max_route_distance),
      SqlParam::Real(next.bounds.distance_safety_factor),
      OptionalInt(next.bounds.max_visits_per_rep),
      SqlParam::Int(next.version),
      SqlParam::Text(next.updated_by),
      SqlParam::Int(absl::ToUnixMicros(next.updated_at)),
      SqlParam::Text(next.reason)};
  std::string sql;
  if (current == 0) {
    sql = absl::StrCat("INSERT INTO policies (", kPolicyColumns,
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  } else {
    // The version condition repeats the check above, so even a backend
    // whose row lock were weaker could not overwrite a newer value.
    sql = "UPDATE policies SET max_workload_spread = ?, "
          "max_potential_spread = ?, max_route_distance = ?, "
          "distance_safety_factor = ?, max_visits_per_rep = ?, version = ?, "
          "updated_by = ?, updated_at_micros = ?, reason = ? "
          "WHERE team_id = ? AND version = ? RETURNING version";
    std::rotate(values.begin(), values.begin() + 1, values.end());
    values.push_back(SqlParam::Int(current));
  }
  absl::StatusOr<std::vector<SqlRow>> written = db_->Query(sql, values);
  if (!written.ok()) return written.status();
  if (current != 0 && written->empty()) {
    return absl::AbortedError(absl::StrCat(
        "the policy of team '", update.team_id, "' changed meanwhile"));
  }
  AuditEvent change;
  change.kind = AuditKind::kPolicyChange;
  change.time = next.updated_at;
  change.actor = update.actor;
  change.team_id = update.team_id;
  change.policy_version = next.version;
  change.status = "OK";
  change.old_value = current == 0 ? "" : DescribePolicy(current, (*old)->bounds);
  change.new_value = DescribePolicy(next.version, next.bounds);
  change.reason = update.reason;
  if (absl::StatusOr<int64_t> id = InsertAudit(change); !id.ok()) {
    return id.status();
  }
  if (absl::Status s = tx.Commit(); !s.ok()) return s;
  return next;
}

absl::StatusOr<int64_t> SqlStore::InsertAudit(const AuditEvent& event) {
  if (absl::Status s = db_->LockForAppend(); !s.ok()) return s;
  const absl::Time time = event.time == absl::Time() ? absl::Now() : event.time;
  absl::StatusOr<std::vector<SqlRow>> rows = db_->Query(
      absl::StrCat("INSERT INTO audit_events (", kAuditColumns,
                   ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                   "RETURNING id"),
      {SqlParam::Text(AuditKindName(event.kind)),
       SqlParam::Int(absl::ToUnixMicros(time)), SqlParam::Text(event.actor),
       SqlParam::Text(event.team_id), SqlParam::Text(event.territory_id),
       SqlParam::Text(event.request_digest), SqlParam::Int(event.policy_version),
       SqlParam::Text(event.status), SqlParam::Real(event.objective),
       SqlParam::Text(CountsText(event.counts)), SqlParam::Text(event.old_value),
       SqlParam::Text(event.new_value), SqlParam::Text(event.reason),
       SqlParam::Text(event.detail)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::InternalError("audit insert returned no id");
  return Int(rows->front()[0]);
}

absl::StatusOr<int64_t> SqlStore::AppendAudit(const AuditEvent& event) {
  absl::MutexLock lock(&mu_);
  Transaction tx(*db_);
  if (absl::Status s = tx.Begin(); !s.ok()) return s;
  absl::StatusOr<int64_t> id = InsertAudit(event);
  if (!id.ok()) return id.status();
  if (absl::Status s = tx.Commit(); !s.ok()) return s;
  return id;
}

absl::StatusOr<AuditPage> SqlStore::ListAudit(const AuditFilter& filter,
                                              int page_size,
                                              const std::string& page_token) {
  absl::StatusOr<int64_t> after = ParsePageToken(page_token);
  if (!after.ok()) return after.status();
  if (page_size <= 0) page_size = kDefaultPageSize;
  page_size = std::min(page_size, kMaxPageSize);
  // Only the conditions asked for, so every parameter has a typed column.
  std::string sql = absl::StrCat("SELECT id, ", kAuditColumns,
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
