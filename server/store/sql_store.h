// The PolicyStore logic shared by SQLite and PostgreSQL, written once over a
// tiny SQL connection interface. Each backend supplies its connection: how to
// run a statement, how to start a writing transaction, how to lock against
// other processes, and its versioned schema (the migrations).
// Appends are serialized by the one-row audit_chain_head table: each append
// reads it with a write lock (ForUpdate; SQLite's BEGIN IMMEDIATE already
// holds the only write lock), takes the next id and the previous hash from
// it and updates it in the same transaction, so ids become visible in
// increasing order and no two appends chain onto the same record, whichever
// thread or process they come from.
//
// Internal to server/store: callers use OpenStore() or the backend headers.
#ifndef CALLPLAN_SERVER_STORE_SQL_STORE_H_
#define CALLPLAN_SERVER_STORE_SQL_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "server/store/store.h"

namespace callplan::store {

// A statement parameter, typed so each backend binds it natively (doubles
// must travel exactly).
struct SqlParam {
  enum class Type { kNull, kInt, kReal, kText };
  Type type = Type::kNull;
  int64_t i = 0;
  double d = 0;
  std::string s;

  static SqlParam Null() { return {}; }
  static SqlParam Int(int64_t v) { return {Type::kInt, v, 0, {}}; }
  static SqlParam Real(double v) { return {Type::kReal, 0, v, {}}; }
  static SqlParam Text(std::string v) { return {Type::kText, 0, 0, std::move(v)}; }
};

// One result row: each column as text (doubles written exactly), or nullopt
// for NULL.
using SqlRow = std::vector<std::optional<std::string>>;

class SqlConnection;

// One schema version: `sql`, then `data` (work on rows that SQL alone
// cannot do, such as hashing them), then `sql_after`, in one transaction.
struct MigrationStep {
  std::string sql;
  std::function<absl::Status(SqlConnection&)> data;  // may be empty
  std::string sql_after;
};

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  // Runs one statement whose parameters are written '?', returns its rows.
  // Errors: ABORTED for a conflict with a concurrent writer (unique key,
  // serialization failure), FAILED_PRECONDITION when a trigger refused the
  // change, UNAVAILABLE when the database is unreachable or busy too long.
  virtual absl::StatusOr<std::vector<SqlRow>> Query(
      absl::string_view sql, const std::vector<SqlParam>& params) = 0;
  // Runs a script of parameterless statements (schema migrations).
  virtual absl::Status ExecScript(absl::string_view sql) = 0;

  // Starts a transaction that is going to write.
  virtual absl::Status BeginWrite() = 0;
  virtual absl::Status Commit() = 0;
  virtual absl::Status Rollback() = 0;

  // Appended to a SELECT that reads a row about to be changed.
  virtual absl::string_view ForUpdate() const = 0;
  // Within a transaction: hold off other processes migrating the schema.
  virtual absl::Status LockForMigration() = 0;

  // Schema steps: element i brings the schema from version i to i + 1.
  virtual std::vector<MigrationStep> Migrations() const = 0;
};

// Migration 2's data step, the same on every backend: gives each audit row
// that predates the hash chain its prev_sha256 and sha256, in id order, and
// creates the chain head at the last one. Needs the columns, the
// audit_chain_head table and no UPDATE trigger (the step's `sql`).
absl::Status ChainExistingAuditEvents(SqlConnection& db);

// Migration 3's plans and plan_steps tables, the same on every backend;
// each backend adds its own triggers that keep plan_steps append-only and
// a plan's request and response written once.
extern const char kPlanTablesSql[];

// Rolls back unless committed, so every early return leaves nothing behind.
class SqlTransaction {
 public:
  explicit SqlTransaction(SqlConnection& db) : db_(db) {}
  ~SqlTransaction() {
    if (open_) db_.Rollback().IgnoreError();
  }
  SqlTransaction(const SqlTransaction&) = delete;
  SqlTransaction& operator=(const SqlTransaction&) = delete;
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

// The audit_chain_head row, and the smallest audit id above its last_id
// (nullopt when none), read in one statement so both come from one snapshot.
struct AuditChainHead {
  int64_t last_id = 0;
  std::string last_sha256;
  std::optional<int64_t> first_id_after;
};

class SqlStore : public Store {
 public:
  // Applies pending migrations, then serves. FAILED_PRECONDITION if the
  // database was migrated by a newer sidecar than this one.
  static absl::StatusOr<std::unique_ptr<SqlStore>> Open(
      std::unique_ptr<SqlConnection> connection);

  absl::StatusOr<StoredPolicy> GetPolicy(const std::string& team_id) override;
  absl::StatusOr<std::vector<StoredPolicy>> ListPolicies() override;
  absl::StatusOr<StoredPolicy> UpdatePolicy(const PolicyUpdate& update) override;
  absl::StatusOr<int64_t> AppendAudit(const AuditEvent& event) override;
  absl::StatusOr<AuditPage> ListAudit(const AuditFilter& filter, int page_size,
                                      const std::string& page_token) override;
  absl::StatusOr<AuditChainCheck> VerifyAuditChain() override;
  absl::Status ProbeAuditWrite() override;

  absl::StatusOr<StoredPlan> CreatePlan(const NewPlan& plan) override;
  absl::StatusOr<StoredPlan> GetPlan(const std::string& plan_id) override;
  absl::StatusOr<std::optional<StoredPlan>> GetPublishedPlan(
      const std::string& territory_id, const std::string& date) override;
  absl::StatusOr<PlanPage> ListPlans(const PlanFilter& filter, int page_size,
                                     const std::string& page_token) override;
  absl::StatusOr<StoredPlan> StepPlan(const PlanStepRequest& step) override;

  // The schema version this database is at.
  absl::StatusOr<int64_t> SchemaVersion();

 private:
  explicit SqlStore(std::unique_ptr<SqlConnection> connection)
      : db_(std::move(connection)) {}

  absl::Status Migrate();
  absl::StatusOr<std::optional<StoredPolicy>> ReadPolicy(
      const std::string& team_id, bool for_update)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<StoredPolicy> WritePolicy(const PolicyUpdate& update)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Within a write transaction: chains, inserts and checks one event.
  absl::StatusOr<int64_t> InsertAudit(const AuditEvent& event)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // sql_plans.cc: one plan chosen by `where` (with its history, and its
  // request and response when asked), locked for update when asked.
  absl::StatusOr<std::optional<StoredPlan>> ReadPlan(
      const std::string& where, const std::vector<SqlParam>& params,
      bool with_content, bool for_update) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<std::vector<PlanStep>> ReadPlanHistory(
      const std::string& plan_id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Within a write transaction: the step's history row and audit event.
  absl::Status InsertPlanStep(const StoredPlan& plan, const PlanStep& step,
                              PlanState before,
                              const std::map<std::string, int64_t>& counts = {})
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Within a write transaction: moves `plan` (read under lock) to `to`.
  absl::StatusOr<StoredPlan> MovePlan(StoredPlan plan, PlanState to,
                                      const std::string& actor,
                                      const std::string& reason,
                                      const std::string& superseded_by)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Records with from_id <= id <= to_id, at most `limit`, in id order.
  absl::StatusOr<std::vector<AuditEvent>> ReadChainPage(int64_t from_id,
                                                        int64_t to_id,
                                                        int limit)
      ABSL_LOCKS_EXCLUDED(mu_);
  // nullopt when the row is gone (the database was changed by hand).
  absl::StatusOr<std::optional<AuditChainHead>> ReadChainHead()
      ABSL_LOCKS_EXCLUDED(mu_);

  absl::Mutex mu_;
  std::unique_ptr<SqlConnection> db_ ABSL_GUARDED_BY(mu_);
};

}  // namespace callplan::store

#endif  // CALLPLAN_SERVER_STORE_SQL_STORE_H_
