#include "server/store/sqlite_store.h"

#include <sqlite3.h>

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "server/store/sql_store.h"

namespace callplan::store {
namespace {

// Version 1 of the schema. Later versions append steps; never edit one that
// has shipped, since databases record which steps they already ran.
constexpr char kSchemaV1[] = R"sql(
CREATE TABLE policies (
  team_id TEXT PRIMARY KEY NOT NULL,
  max_workload_spread INTEGER,
  max_potential_spread REAL,
  max_route_distance REAL,
  distance_safety_factor REAL NOT NULL,
  max_visits_per_rep INTEGER,
  version INTEGER NOT NULL CHECK (version > 0),
  updated_by TEXT NOT NULL,
  updated_at_micros INTEGER NOT NULL,
  reason TEXT NOT NULL
);
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('PLAN_DAY', 'POLICY_CHANGE', 'DENIED')),
  event_time_micros INTEGER NOT NULL,
  actor TEXT NOT NULL,
  team_id TEXT NOT NULL,
  territory_id TEXT NOT NULL,
  request_digest TEXT NOT NULL,
  policy_version INTEGER NOT NULL,
  status TEXT NOT NULL,
  objective REAL NOT NULL,
  counts TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_events_by_time ON audit_events (event_time_micros);
CREATE INDEX audit_events_by_team ON audit_events (team_id, id);
CREATE TRIGGER audit_events_refuse_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused'); END;
CREATE TRIGGER audit_events_refuse_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused'); END;
)sql";

// Version 2: the hash chain (server/store/audit_hash.h) and the guard that
// makes an INSERT with an existing id fail, which also stops INSERT OR
// REPLACE (SQLite's REPLACE deletes the old row without firing DELETE
// triggers). The UPDATE trigger is dropped while the existing rows get
// their hashes and restored after, all in the migration's transaction.
constexpr char kSchemaV2[] = R"sql(
DROP TRIGGER audit_events_refuse_update;
ALTER TABLE audit_events ADD COLUMN prev_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_events ADD COLUMN sha256 TEXT NOT NULL DEFAULT '';
CREATE TABLE audit_chain_head (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  last_id INTEGER NOT NULL,
  last_sha256 TEXT NOT NULL
);
)sql";
constexpr char kSchemaV2After[] = R"sql(
CREATE TRIGGER audit_events_refuse_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused'); END;
CREATE TRIGGER audit_events_refuse_overwrite BEFORE INSERT ON audit_events
WHEN EXISTS (SELECT 1 FROM audit_events WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT,
    'audit events are append-only: INSERT over an existing id refused');
END;
CREATE TRIGGER audit_chain_head_refuse_delete BEFORE DELETE ON audit_chain_head
BEGIN SELECT RAISE(ABORT, 'the audit chain head cannot be deleted'); END;
)sql";

// Version 3: stored plans (sql_plans.cc's tables), the PLAN_STEP audit
// kind and the approval setting of a team's policy. SQLite cannot change a
// CHECK constraint, so the audit table is rebuilt with every row and hash
// as they were: DROP TABLE fires no DELETE trigger and the triggers are
// recreated on the new table, in the migration's transaction.
constexpr char kSchemaV3[] = R"sql(
ALTER TABLE policies ADD COLUMN require_approval INTEGER NOT NULL DEFAULT 0;
CREATE TABLE audit_events_v3 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN
    ('PLAN_DAY', 'POLICY_CHANGE', 'DENIED', 'PLAN_STEP')),
  event_time_micros INTEGER NOT NULL,
  actor TEXT NOT NULL,
  team_id TEXT NOT NULL,
  territory_id TEXT NOT NULL,
  request_digest TEXT NOT NULL,
  policy_version INTEGER NOT NULL,
  status TEXT NOT NULL,
  objective REAL NOT NULL,
  counts TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_sha256 TEXT NOT NULL DEFAULT '',
  sha256 TEXT NOT NULL DEFAULT ''
);
INSERT INTO audit_events_v3 SELECT id, kind, event_time_micros, actor,
  team_id, territory_id, request_digest, policy_version, status, objective,
  counts, old_value, new_value, reason, detail, prev_sha256, sha256
  FROM audit_events;
DROP TABLE audit_events;
ALTER TABLE audit_events_v3 RENAME TO audit_events;
CREATE INDEX audit_events_by_time ON audit_events (event_time_micros);
CREATE INDEX audit_events_by_team ON audit_events (team_id, id);
CREATE TRIGGER audit_events_refuse_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused'); END;
CREATE TRIGGER audit_events_refuse_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused'); END;
CREATE TRIGGER audit_events_refuse_overwrite BEFORE INSERT ON audit_events
WHEN EXISTS (SELECT 1 FROM audit_events WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT,
    'audit events are append-only: INSERT over an existing id refused');
END;
)sql";
constexpr char kSchemaV3After[] = R"sql(
CREATE TRIGGER plan_steps_refuse_update BEFORE UPDATE ON plan_steps
BEGIN SELECT RAISE(ABORT, 'plan history is append-only: UPDATE refused'); END;
CREATE TRIGGER plan_steps_refuse_delete BEFORE DELETE ON plan_steps
BEGIN SELECT RAISE(ABORT, 'plan history is append-only: DELETE refused'); END;
CREATE TRIGGER plans_refuse_delete BEFORE DELETE ON plans
BEGIN SELECT RAISE(ABORT, 'stored plans are never deleted'); END;
CREATE TRIGGER plans_refuse_rewrite BEFORE UPDATE OF plan_id, territory_id,
  plan_date, team_ids, objective, visits, request_digest, seq, created_by,
  created_at_micros, request, response ON plans
BEGIN SELECT RAISE(ABORT, 'a stored plan is written once: only its state moves'); END;
)sql";

absl::Status SqliteError(sqlite3* db, int rc, absl::string_view what) {
  const int extended = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  const std::string message = absl::StrCat(
      "sqlite ", what, ": ", db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (extended) {
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_UNIQUE:
      return absl::AbortedError(message);
    case SQLITE_CONSTRAINT_TRIGGER:
      return absl::FailedPreconditionError(message);
    default:
      break;
  }
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
      return absl::UnavailableError(message);
    case SQLITE_CONSTRAINT:
      return absl::FailedPreconditionError(message);
    default:
      return absl::InternalError(message);
  }
}

absl::Status CreatePlanTables(SqlConnection& db) {
  return db.ExecScript(kPlanTablesSql);
}

class SqliteConnection : public SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override { sqlite3_close_v2(db_); }

  absl::StatusOr<std::vector<SqlRow>> Query(
      absl::string_view sql, const std::vector<SqlParam>& params) override {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()),
                                &stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare");
    for (size_t i = 0; i < params.size(); ++i) Bind(stmt, i + 1, params[i]);
    std::vector<SqlRow> rows;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      SqlRow row;
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) row.push_back(Column(stmt, c));
      rows.push_back(std::move(row));
    }
    absl::Status status =
        rc == SQLITE_DONE ? absl::OkStatus() : SqliteError(db_, rc, "step");
    sqlite3_finalize(stmt);
    if (!status.ok()) return status;
    return rows;
  }

  absl::Status ExecScript(absl::string_view sql) override {
    const std::string script(sql);
    const int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, nullptr);
    return rc == SQLITE_OK ? absl::OkStatus() : SqliteError(db_, rc, "exec");
  }

  // IMMEDIATE takes the write lock at once: a transaction that read first and
  // upgraded later could fail with BUSY instead of waiting.
  absl::Status BeginWrite() override { return ExecScript("BEGIN IMMEDIATE"); }
  absl::Status Commit() override { return ExecScript("COMMIT"); }
  absl::Status Rollback() override { return ExecScript("ROLLBACK"); }

  // SQLite has one writer at a time: BEGIN IMMEDIATE already locked all.
  absl::string_view ForUpdate() const override { return ""; }
  absl::Status LockForMigration() override { return absl::OkStatus(); }

  std::vector<MigrationStep> Migrations() const override {
    return {{kSchemaV1, nullptr, ""},
            {kSchemaV2, ChainExistingAuditEvents, kSchemaV2After},
            {kSchemaV3, CreatePlanTables, kSchemaV3After}};
  }

 private:
  static void Bind(sqlite3_stmt* stmt, size_t index, const SqlParam& p) {
    const int i = static_cast<int>(index);
    switch (p.type) {
      case SqlParam::Type::kNull:
        sqlite3_bind_null(stmt, i);
        break;
      case SqlParam::Type::kInt:
        sqlite3_bind_int64(stmt, i, p.i);
        break;
      case SqlParam::Type::kReal:
        sqlite3_bind_double(stmt, i, p.d);
        break;
      case SqlParam::Type::kText:
        sqlite3_bind_text(stmt, i, p.s.data(), static_cast<int>(p.s.size()),
                          SQLITE_TRANSIENT);
        break;
    }
  }

  static std::optional<std::string> Column(sqlite3_stmt* stmt, int c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_NULL:
        return std::nullopt;
      case SQLITE_FLOAT:  // SQLite's own text of a REAL drops digits
        return absl::StrFormat("%.17g", sqlite3_column_double(stmt, c));
      default: {
        const unsigned char* text = sqlite3_column_text(stmt, c);
        return std::string(reinterpret_cast<const char*>(text),
                           sqlite3_column_bytes(stmt, c));
      }
    }
  }

  sqlite3* db_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const std::string& path, absl::Duration busy_timeout) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(
      path.c_str(), &db,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status error = absl::UnavailableError(
        absl::StrCat("cannot open the SQLite store ", path, ": ",
                     db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close_v2(db);
    return error;
  }
  auto connection = std::make_unique<SqliteConnection>(db);
  sqlite3_busy_timeout(db, static_cast<int>(absl::ToInt64Milliseconds(busy_timeout)));
  sqlite3_extended_result_codes(db, 1);
  absl::StatusOr<std::vector<SqlRow>> mode =
      connection->Query("PRAGMA journal_mode = WAL", {});
  if (!mode.ok()) return mode.status();
  if (absl::Status s = connection->ExecScript(
          "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
      !s.ok()) {
    return s;
  }
  absl::StatusOr<std::unique_ptr<SqlStore>> store =
      SqlStore::Open(std::move(connection));
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace callplan::store
