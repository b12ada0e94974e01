#include "server/store/sql_store.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/store/sql_rows.h"

namespace callplan::store {
namespace {

constexpr char kPolicyColumns[] =
    "team_id, max_workload_spread, max_potential_spread, max_route_distance, "
    "distance_safety_factor, max_visits_per_rep, version, updated_by, "
    "updated_at_micros, reason, require_approval";

SqlParam OptionalInt(const std::optional<uint32_t>& value) {
  return value ? SqlParam::Int(*value) : SqlParam::Null();
}

SqlParam OptionalReal(const std::optional<double>& value) {
  return value ? SqlParam::Real(*value) : SqlParam::Null();
}

StoredPolicy PolicyFromRow(const SqlRow& row) {
  StoredPolicy policy;
  policy.team_id = RowText(row[0]);
  if (row[1]) policy.bounds.max_workload_spread = static_cast<uint32_t>(RowInt(row[1]));
  if (row[2]) policy.bounds.max_potential_spread = RowReal(row[2]);
  if (row[3]) policy.bounds.max_route_distance = RowReal(row[3]);
  policy.bounds.distance_safety_factor = RowReal(row[4]);
  if (row[5]) policy.bounds.max_visits_per_rep = static_cast<uint32_t>(RowInt(row[5]));
  policy.version = RowInt(row[6]);
  policy.updated_by = RowText(row[7]);
  policy.updated_at = absl::FromUnixMicros(RowInt(row[8]));
  policy.reason = RowText(row[9]);
  policy.require_approval = RowInt(row[10]) != 0;
  policy.etag = PolicyEtag(policy.team_id, policy.version, policy.bounds,
                           policy.require_approval);
  return policy;
}

absl::Status RunStep(SqlConnection& db, const MigrationStep& step) {
  if (absl::Status s = db.ExecScript(step.sql); !s.ok()) return s;
  if (step.data) {
    if (absl::Status s = step.data(db); !s.ok()) return s;
  }
  if (step.sql_after.empty()) return absl::OkStatus();
  return db.ExecScript(step.sql_after);
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
  SqlTransaction tx(*db_);
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
  const int64_t current = RowInt(rows->at(0)[0]);
  const std::vector<MigrationStep> steps = db_->Migrations();
  if (current > static_cast<int64_t>(steps.size())) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the store's schema is at version ", current, " but this sidecar knows ",
        "only up to ", steps.size(), "; upgrade the sidecar"));
  }
  for (int64_t version = current + 1;
       version <= static_cast<int64_t>(steps.size()); ++version) {
    if (absl::Status s = RunStep(*db_, steps[version - 1]); !s.ok()) {
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
  return RowInt(rows->at(0)[0]);
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
  SqlTransaction tx(*db_);
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
  next.require_approval = update.require_approval;
  next.etag = PolicyEtag(next.team_id, next.version, next.bounds,
                         next.require_approval);
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
      SqlParam::Text(next.reason),
      SqlParam::Int(next.require_approval ? 1 : 0)};
  std::string sql;
  if (current == 0) {
    sql = absl::StrCat("INSERT INTO policies (", kPolicyColumns,
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  } else {
    // The version condition repeats the check above, so even a backend
    // whose row lock were weaker could not overwrite a newer value.
    sql = "UPDATE policies SET max_workload_spread = ?, "
          "max_potential_spread = ?, max_route_distance = ?, "
          "distance_safety_factor = ?, max_visits_per_rep = ?, version = ?, "
          "updated_by = ?, updated_at_micros = ?, reason = ?, "
          "require_approval = ? "
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
  change.old_value =
      current == 0 ? ""
                   : DescribePolicy(current, (*old)->bounds, (*old)->require_approval);
  change.new_value =
      DescribePolicy(next.version, next.bounds, next.require_approval);
  change.reason = update.reason;
  if (absl::StatusOr<int64_t> id = InsertAudit(change); !id.ok()) {
    return id.status();
  }
  if (absl::Status s = tx.Commit(); !s.ok()) return s;
  return next;
}

}  // namespace callplan::store
