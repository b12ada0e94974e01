#include "server/store/postgres_store.h"

#include <libpq-fe.h>

#include <cstring>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "server/store/sql_store.h"

namespace callplan::store {
namespace {

// Advisory lock key (arbitrary, fixed): "callplan" in ASCII. Appends lock
// the audit_chain_head row instead (sql_store.h).
constexpr char kMigrationLock[] = "SELECT pg_advisory_xact_lock(7161124082)";

// Version 1 of the schema; never edit a step that has shipped.
constexpr char kSchemaV1[] = R"sql(
CREATE TABLE policies (
  team_id TEXT PRIMARY KEY,
  max_workload_spread BIGINT,
  max_potential_spread DOUBLE PRECISION,
  max_route_distance DOUBLE PRECISION,
  distance_safety_factor DOUBLE PRECISION NOT NULL,
  max_visits_per_rep BIGINT,
  version BIGINT NOT NULL CHECK (version > 0),
  updated_by TEXT NOT NULL,
  updated_at_micros BIGINT NOT NULL,
  reason TEXT NOT NULL
);
CREATE TABLE audit_events (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('PLAN_DAY', 'POLICY_CHANGE', 'DENIED')),
  event_time_micros BIGINT NOT NULL,
  actor TEXT NOT NULL,
  team_id TEXT NOT NULL,
  territory_id TEXT NOT NULL,
  request_digest TEXT NOT NULL,
  policy_version BIGINT NOT NULL,
  status TEXT NOT NULL,
  objective DOUBLE PRECISION NOT NULL,
  counts TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_events_by_time ON audit_events (event_time_micros);
CREATE INDEX audit_events_by_team ON audit_events (team_id, id);
CREATE FUNCTION callplan_refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_events_refuse_change BEFORE UPDATE OR DELETE
  ON audit_events FOR EACH ROW EXECUTE FUNCTION callplan_refuse_audit_change();
CREATE TRIGGER audit_events_refuse_truncate BEFORE TRUNCATE
  ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION callplan_refuse_audit_change();
)sql";

// Version 2: the hash chain (server/store/audit_hash.h) and a guard that
// refuses an INSERT whose id exists. BEFORE INSERT row triggers fire before
// the conflict check, so INSERT ... ON CONFLICT DO UPDATE (and DO NOTHING)
// over an existing id is refused too, not turned into an update. The UPDATE
// trigger is dropped while the existing rows get their hashes and restored
// after, all in the migration's transaction.
constexpr char kSchemaV2[] = R"sql(
DROP TRIGGER audit_events_refuse_change ON audit_events;
ALTER TABLE audit_events
  ADD COLUMN prev_sha256 TEXT NOT NULL DEFAULT '',
  ADD COLUMN sha256 TEXT NOT NULL DEFAULT '';
CREATE TABLE audit_chain_head (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  last_id BIGINT NOT NULL,
  last_sha256 TEXT NOT NULL
);
)sql";
constexpr char kSchemaV2After[] = R"sql(
CREATE TRIGGER audit_events_refuse_change BEFORE UPDATE OR DELETE
  ON audit_events FOR EACH ROW EXECUTE FUNCTION callplan_refuse_audit_change();
CREATE FUNCTION callplan_refuse_audit_overwrite() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM audit_events WHERE id = NEW.id) THEN
    RAISE EXCEPTION
      'audit events are append-only: INSERT over existing id % refused', NEW.id;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_events_refuse_overwrite BEFORE INSERT
  ON audit_events FOR EACH ROW EXECUTE FUNCTION callplan_refuse_audit_overwrite();
CREATE TRIGGER audit_chain_head_refuse_delete BEFORE DELETE
  ON audit_chain_head FOR EACH ROW EXECUTE FUNCTION callplan_refuse_audit_change();
CREATE TRIGGER audit_chain_head_refuse_truncate BEFORE TRUNCATE
  ON audit_chain_head FOR EACH STATEMENT EXECUTE FUNCTION callplan_refuse_audit_change();
)sql";

// Version 3: stored plans (sql_plans.cc's tables), the PLAN_STEP audit
// kind and the approval setting of a team's policy.
constexpr char kSchemaV3[] = R"sql(
ALTER TABLE policies ADD COLUMN require_approval BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_events DROP CONSTRAINT audit_events_kind_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_kind_check CHECK (kind IN
  ('PLAN_DAY', 'POLICY_CHANGE', 'DENIED', 'PLAN_STEP'));
)sql";
constexpr char kSchemaV3After[] = R"sql(
CREATE FUNCTION callplan_refuse_plan_history_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'plan history is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER plan_steps_refuse_change BEFORE UPDATE OR DELETE
  ON plan_steps FOR EACH ROW EXECUTE FUNCTION callplan_refuse_plan_history_change();
CREATE TRIGGER plan_steps_refuse_truncate BEFORE TRUNCATE
  ON plan_steps FOR EACH STATEMENT EXECUTE FUNCTION callplan_refuse_plan_history_change();
CREATE TRIGGER plans_refuse_delete BEFORE DELETE
  ON plans FOR EACH ROW EXECUTE FUNCTION callplan_refuse_plan_history_change();
CREATE TRIGGER plans_refuse_truncate BEFORE TRUNCATE
  ON plans FOR EACH STATEMENT EXECUTE FUNCTION callplan_refuse_plan_history_change();
CREATE FUNCTION callplan_refuse_plan_rewrite() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a stored plan is written once: only its state moves';
END
$$;
CREATE TRIGGER plans_refuse_rewrite BEFORE UPDATE OF plan_id, territory_id,
  plan_date, team_ids, objective, visits, request_digest, seq, created_by,
  created_at_micros, request, response
  ON plans FOR EACH ROW EXECUTE FUNCTION callplan_refuse_plan_rewrite();
)sql";

absl::Status CreatePlanTables(SqlConnection& db) {
  return db.ExecScript(kPlanTablesSql);
}

std::string Trimmed(const char* message) {
  return std::string(absl::StripTrailingAsciiWhitespace(message ? message : ""));
}

absl::Status ResultError(PGconn* conn, const PGresult* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state ? state : "";
  const std::string message = absl::StrCat(
      "postgres: ", Trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn)));
  if (sqlstate == "23505" || sqlstate == "40001" || sqlstate == "40P01") {
    return absl::AbortedError(message);  // a concurrent writer won
  }
  if (sqlstate == "P0001" || absl::StartsWith(sqlstate, "23")) {
    return absl::FailedPreconditionError(message);  // trigger or constraint
  }
  if (absl::StartsWith(sqlstate, "08") || sqlstate.empty() ||
      PQstatus(conn) != CONNECTION_OK) {
    return absl::UnavailableError(message);
  }
  return absl::InternalError(message);
}

// '?' placeholders become $1, $2, ...; our statements have no '?' in text.
std::string Numbered(absl::string_view sql) {
  std::string out;
  int n = 0;
  for (char c : sql) {
    if (c == '?') {
      absl::StrAppend(&out, "$", ++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

class PostgresConnection : public SqlConnection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  absl::StatusOr<std::vector<SqlRow>> Query(
      absl::string_view sql, const std::vector<SqlParam>& params) override {
    Reconnect();
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const SqlParam& p = params[i];
      if (p.type == SqlParam::Type::kNull) continue;
      text[i] = p.type == SqlParam::Type::kInt    ? absl::StrCat(p.i)
                : p.type == SqlParam::Type::kReal ? absl::StrFormat("%.17g", p.d)
                                                  : p.s;
      values[i] = text[i].c_str();
    }
    PGresult* result =
        PQexecParams(conn_, Numbered(sql).c_str(), static_cast<int>(params.size()),
                     nullptr, values.data(), nullptr, nullptr, 0);
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      absl::Status error = ResultError(conn_, result);
      PQclear(result);
      return error;
    }
    std::vector<SqlRow> rows(PQntuples(result));
    for (int r = 0; r < PQntuples(result); ++r) {
      for (int c = 0; c < PQnfields(result); ++c) {
        if (PQgetisnull(result, r, c)) {
          rows[r].push_back(std::nullopt);
        } else {
          rows[r].push_back(
              std::string(PQgetvalue(result, r, c), PQgetlength(result, r, c)));
        }
      }
    }
    PQclear(result);
    return rows;
  }

  absl::Status ExecScript(absl::string_view sql) override {
    Reconnect();
    PGresult* result = PQexec(conn_, std::string(sql).c_str());
    const ExecStatusType status = PQresultStatus(result);
    absl::Status out = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK
                           ? absl::OkStatus()
                           : ResultError(conn_, result);
    PQclear(result);
    return out;
  }

  absl::Status BeginWrite() override { return ExecScript("BEGIN"); }
  absl::Status Commit() override { return ExecScript("COMMIT"); }
  absl::Status Rollback() override { return ExecScript("ROLLBACK"); }

  // READ COMMITTED + row lock: a second updater waits for the first, then
  // reads its committed version and fails the version check with ABORTED.
  absl::string_view ForUpdate() const override { return " FOR UPDATE"; }
  absl::Status LockForMigration() override { return ExecScript(kMigrationLock); }

  std::vector<MigrationStep> Migrations() const override {
    return {{kSchemaV1, nullptr, ""},
            {kSchemaV2, ChainExistingAuditEvents, kSchemaV2After},
            {kSchemaV3, CreatePlanTables, kSchemaV3After}};
  }

 private:
  // A replica outlives a restarted database: reconnect between transactions.
  void Reconnect() {
    if (PQstatus(conn_) != CONNECTION_OK &&
        PQtransactionStatus(conn_) != PQTRANS_INTRANS) {
      PQreset(conn_);
    }
  }

  PGconn* conn_;
};

void IgnoreNotice(void*, const char*) {}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(
    const std::string& connection) {
  PGconn* conn = PQconnectdb(connection.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    absl::Status error = absl::UnavailableError(absl::StrCat(
        "cannot connect to the PostgreSQL store: ",
        Trimmed(conn ? PQerrorMessage(conn) : "out of memory")));
    PQfinish(conn);
    return error;
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  auto pg = std::make_unique<PostgresConnection>(conn);
  if (absl::Status s = pg->ExecScript(
          "SET client_min_messages = warning; "
          "SET default_transaction_isolation = 'read committed'");
      !s.ok()) {
    return s;
  }
  absl::StatusOr<std::unique_ptr<SqlStore>> store = SqlStore::Open(std::move(pg));
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace callplan::store
