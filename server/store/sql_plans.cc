// SqlStore's stored plans (plan_store.h). A plan's row holds its current
// state; plan_steps holds its history, append-only like the audit trail.
// Every step reads the row it changes under a write lock, checks the
// version and the state machine (plan_state.h), writes the row, its step
// and its audit event, and commits all or nothing.
#include <openssl/rand.h>

#include <algorithm>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "server/store/sql_rows.h"
#include "server/store/sql_store.h"

namespace callplan::store {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;
constexpr char kTokenPrefix[] = "plans-before:";

constexpr char kPlanColumns[] =
    "plan_id, territory_id, plan_date, team_ids, state, version, objective, "
    "visits, request_digest, superseded_by, seq, created_by, "
    "created_at_micros, updated_by, updated_at_micros";
constexpr int kRequestColumn = 15;  // request, response follow kPlanColumns

// Opaque bytes travel as base64 so that every backend's TEXT holds them
// (PostgreSQL's text refuses NUL bytes).
std::string Encode(const std::string& bytes) { return absl::Base64Escape(bytes); }
std::string Decode(const std::optional<std::string>& text) {
  std::string bytes;
  if (text) (void)absl::Base64Unescape(*text, &bytes);
  return bytes;
}

absl::StatusOr<std::string> NewPlanId() {
  unsigned char random[8];
  if (RAND_bytes(random, sizeof(random)) != 1) {
    return absl::InternalError("no random bytes for a plan id");
  }
  return absl::StrCat("plan-", absl::BytesToHexString(absl::string_view(
                                   reinterpret_cast<const char*>(random),
                                   sizeof(random))));
}

absl::Time Now() { return absl::FromUnixMicros(absl::ToUnixMicros(absl::Now())); }

StoredPlan PlanFromRow(const SqlRow& row) {
  StoredPlan plan;
  plan.plan_id = RowText(row[0]);
  plan.territory_id = RowText(row[1]);
  plan.date = RowText(row[2]);
  const std::string teams = RowText(row[3]);
  if (!teams.empty()) plan.team_ids = absl::StrSplit(teams, ',');
  plan.state = ParsePlanState(RowText(row[4])).value_or(PlanState::kDraft);
  plan.version = RowInt(row[5]);
  plan.objective = RowReal(row[6]);
  plan.visits = RowInt(row[7]);
  plan.request_digest = RowText(row[8]);
  plan.superseded_by = RowText(row[9]);
  plan.created_by = RowText(row[11]);
  plan.created_at = absl::FromUnixMicros(RowInt(row[12]));
  plan.updated_by = RowText(row[13]);
  plan.updated_at = absl::FromUnixMicros(RowInt(row[14]));
  plan.etag = PlanEtag(plan.plan_id, plan.version);
  return plan;
}

std::string StateAt(PlanState state, int64_t version) {
  return absl::StrCat(PlanStateName(state), " v", version);
}

absl::StatusOr<int64_t> ParsePageToken(const std::string& token) {
  if (token.empty()) return INT64_MAX;
  std::string raw;
  int64_t before = 0;
  if (!absl::WebSafeBase64Unescape(token, &raw) ||
      !absl::StartsWith(raw, kTokenPrefix) ||
      !absl::SimpleAtoi(raw.substr(sizeof(kTokenPrefix) - 1), &before)) {
    return absl::InvalidArgumentError("page_token is not one this store issued");
  }
  return before;
}

}  // namespace

// Types both SQLite and PostgreSQL read the same way (SQLite takes BIGINT
// as INTEGER and DOUBLE PRECISION as REAL). At most one PUBLISHED plan per
// territory-day, enforced by the database itself: two replicas publishing
// at once cannot both win.
const char kPlanTablesSql[] = R"sql(
CREATE TABLE plans (
  plan_id TEXT PRIMARY KEY NOT NULL,
  territory_id TEXT NOT NULL,
  plan_date TEXT NOT NULL,
  team_ids TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN
    ('DRAFT', 'APPROVED', 'PUBLISHED', 'SUPERSEDED', 'REJECTED')),
  version BIGINT NOT NULL CHECK (version > 0),
  objective DOUBLE PRECISION NOT NULL,
  visits BIGINT NOT NULL,
  request_digest TEXT NOT NULL,
  superseded_by TEXT NOT NULL,
  seq BIGINT NOT NULL UNIQUE,
  created_by TEXT NOT NULL,
  created_at_micros BIGINT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at_micros BIGINT NOT NULL,
  request TEXT NOT NULL,
  response TEXT NOT NULL
);
CREATE INDEX plans_by_day ON plans (territory_id, plan_date, seq);
CREATE UNIQUE INDEX plans_one_published ON plans (territory_id, plan_date)
  WHERE state = 'PUBLISHED';
CREATE TABLE plan_steps (
  plan_id TEXT NOT NULL REFERENCES plans (plan_id),
  version BIGINT NOT NULL,
  state TEXT NOT NULL,
  actor TEXT NOT NULL,
  step_time_micros BIGINT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (plan_id, version)
);
)sql";

std::string PlanEtag(const std::string& plan_id, int64_t version) {
  uint64_t hash = 14695981039346656037ull;  // FNV-1a 64, as PolicyEtag
  for (unsigned char c : absl::StrCat(plan_id, "\n", version)) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return absl::StrFormat("v%d-%016x", version, hash);
}

absl::StatusOr<std::vector<PlanStep>> SqlStore::ReadPlanHistory(
    const std::string& plan_id) {
  absl::StatusOr<std::vector<SqlRow>> rows = db_->Query(
      "SELECT version, state, actor, step_time_micros, reason FROM plan_steps "
      "WHERE plan_id = ? ORDER BY version",
      {SqlParam::Text(plan_id)});
  if (!rows.ok()) return rows.status();
  std::vector<PlanStep> history;
  for (const SqlRow& row : *rows) {
    PlanStep step;
    step.version = RowInt(row[0]);
    step.state = ParsePlanState(RowText(row[1])).value_or(PlanState::kDraft);
    step.actor = RowText(row[2]);
    step.time = absl::FromUnixMicros(RowInt(row[3]));
    step.reason = RowText(row[4]);
    history.push_back(std::move(step));
  }
  return history;
}

absl::StatusOr<std::optional<StoredPlan>> SqlStore::ReadPlan(
    const std::string& where, const std::vector<SqlParam>& params,
    bool with_content, bool for_update) {
  absl::StatusOr<std::vector<SqlRow>> rows = db_->Query(
      absl::StrCat("SELECT ", kPlanColumns, ", request, response FROM plans ",
                   where, for_update ? db_->ForUpdate() : ""),
      params);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<StoredPlan>();
  StoredPlan plan = PlanFromRow(rows->front());
  if (with_content) {
    plan.request = Decode(rows->front()[kRequestColumn]);
    plan.response = Decode(rows->front()[kRequestColumn + 1]);
  }
  absl::StatusOr<std::vector<PlanStep>> history = ReadPlanHistory(plan.plan_id);
  if (!history.ok()) return history.status();
  plan.history = std::move(*history);
  return std::optional<StoredPlan>(std::move(plan));
}

absl::Status SqlStore::InsertPlanStep(const StoredPlan& plan,
                                      const PlanStep& step, PlanState before,
                                      const std::map<std::string, int64_t>& counts) {
  absl::StatusOr<std::vector<SqlRow>> inserted = db_->Query(
      "INSERT INTO plan_steps (plan_id, version, state, actor, "
      "step_time_micros, reason) VALUES (?, ?, ?, ?, ?, ?)",
      {SqlParam::Text(plan.plan_id), SqlParam::Int(step.version),
       SqlParam::Text(PlanStateName(step.state)), SqlParam::Text(step.actor),
       SqlParam::Int(absl::ToUnixMicros(step.time)), SqlParam::Text(step.reason)});
  if (!inserted.ok()) return inserted.status();
  AuditEvent event;
  event.kind = AuditKind::kPlanStep;
  event.time = step.time;
  event.actor = step.actor;
  event.team_id = absl::StrJoin(plan.team_ids, ",");
  event.territory_id = plan.territory_id;
  event.request_digest = plan.request_digest;
  event.status = "OK";
  event.objective = plan.objective;
  event.counts = counts;
  event.counts["visits"] = plan.visits;
  event.counts["version"] = step.version;
  event.old_value = step.version == 1 ? "" : StateAt(before, step.version - 1);
  event.new_value = StateAt(step.state, step.version);
  event.reason = step.reason;
  event.detail = absl::StrCat("plan=", plan.plan_id, " date=", plan.date);
  absl::StatusOr<int64_t> id = InsertAudit(event);
  return id.ok() ? absl::OkStatus() : id.status();
}

absl::StatusOr<StoredPlan> SqlStore::CreatePlan(const NewPlan& request) {
  if (request.territory_id.empty()) {
    return absl::InvalidArgumentError("a plan needs a territory_id");
  }
  if (request.date.empty()) return absl::InvalidArgumentError("a plan needs a date");
  absl::StatusOr<std::string> id = NewPlanId();
  if (!id.ok()) return id.status();
  StoredPlan plan;
  plan.plan_id = *id;
  plan.territory_id = request.territory_id;
  plan.date = request.date;
  plan.team_ids = request.team_ids;
  std::sort(plan.team_ids.begin(), plan.team_ids.end());
  plan.state = PlanState::kDraft;
  plan.version = 1;
  plan.etag = PlanEtag(plan.plan_id, plan.version);
  plan.objective = request.objective;
  plan.visits = request.visits;
  plan.request_digest = request.request_digest;
  plan.request = request.request;
  plan.response = request.response;
  const PlanStep step{1, PlanState::kDraft, request.actor, Now(), request.reason};
  plan.history = {step};
  plan.created_by = plan.updated_by = step.actor;
  plan.created_at = plan.updated_at = step.time;

  absl::MutexLock lock(&mu_);
  SqlTransaction tx(*db_);
  if (absl::Status s = tx.Begin(); !s.ok()) return s;
  // The listing order: plans created later get a larger seq. Taking the
  // audit chain head's lock first (every step appends an audit record
  // anyway) serializes creations across processes, so MAX + 1 cannot
  // collide.
  absl::StatusOr<std::vector<SqlRow>> head = db_->Query(
      absl::StrCat("SELECT last_id FROM audit_chain_head WHERE singleton = 1",
                   db_->ForUpdate()),
      {});
  if (!head.ok()) return head.status();
  absl::StatusOr<std::vector<SqlRow>> inserted = db_->Query(
      absl::StrCat("INSERT INTO plans (", kPlanColumns,
                   ", request, response) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                   "(SELECT COALESCE(MAX(seq), 0) + 1 FROM plans), ?, ?, ?, ?, "
                   "?, ?)"),
      {SqlParam::Text(plan.plan_id), SqlParam::Text(plan.territory_id),
       SqlParam::Text(plan.date), SqlParam::Text(absl::StrJoin(plan.team_ids, ",")),
       SqlParam::Text(PlanStateName(plan.state)), SqlParam::Int(plan.version),
       SqlParam::Real(plan.objective), SqlParam::Int(plan.visits),
       SqlParam::Text(plan.request_digest), SqlParam::Text(""),
       SqlParam::Text(step.actor), SqlParam::Int(absl::ToUnixMicros(step.time)),
       SqlParam::Text(step.actor), SqlParam::Int(absl::ToUnixMicros(step.time)),
       SqlParam::Text(Encode(plan.request)), SqlParam::Text(Encode(plan.response))});
  if (!inserted.ok()) return inserted.status();
  if (absl::Status s =
          InsertPlanStep(plan, step, PlanState::kDraft, request.audit_counts);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = tx.Commit(); !s.ok()) return s;
  return plan;
}

absl::StatusOr<StoredPlan> SqlStore::GetPlan(const std::string& plan_id) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::optional<StoredPlan>> plan =
      ReadPlan("WHERE plan_id = ?", {SqlParam::Text(plan_id)}, true, false);
  if (!plan.ok()) return plan.status();
  if (!plan->has_value()) {
    return absl::NotFoundError(absl::StrCat("no plan with id '", plan_id, "'"));
  }
  return std::move(**plan);
}

absl::StatusOr<std::optional<StoredPlan>> SqlStore::GetPublishedPlan(
    const std::string& territory_id, const std::string& date) {
  absl::MutexLock lock(&mu_);
  return ReadPlan("WHERE territory_id = ? AND plan_date = ? AND state = ?",
                  {SqlParam::Text(territory_id), SqlParam::Text(date),
                   SqlParam::Text(PlanStateName(PlanState::kPublished))},
                  true, false);
}

absl::StatusOr<PlanPage> SqlStore::ListPlans(const PlanFilter& filter,
                                             int page_size,
                                             const std::string& page_token) {
  absl::StatusOr<int64_t> before = ParsePageToken(page_token);
  if (!before.ok()) return before.status();
  if (page_size <= 0) page_size = kDefaultPageSize;
  page_size = std::min(page_size, kMaxPageSize);
  std::string sql = absl::StrCat("SELECT ", kPlanColumns, " FROM plans WHERE seq < ?");
  std::vector<SqlParam> params = {SqlParam::Int(*before)};
  if (filter.territory_id) {
    absl::StrAppend(&sql, " AND territory_id = ?");
    params.push_back(SqlParam::Text(*filter.territory_id));
  }
  if (filter.date) {
    absl::StrAppend(&sql, " AND plan_date = ?");
    params.push_back(SqlParam::Text(*filter.date));
  }
  if (filter.state) {
    absl::StrAppend(&sql, " AND state = ?");
    params.push_back(SqlParam::Text(PlanStateName(*filter.state)));
  }
  absl::StrAppend(&sql, " ORDER BY seq DESC LIMIT ", page_size + 1);
  absl::MutexLock lock(&mu_);
  absl::StatusOr<std::vector<SqlRow>> rows = db_->Query(sql, params);
  if (!rows.ok()) return rows.status();
  PlanPage page;
  int64_t last_seq = 0;
  for (const SqlRow& row : *rows) {
    if (static_cast<int>(page.plans.size()) == page_size) {
      page.next_page_token =
          absl::WebSafeBase64Escape(absl::StrCat(kTokenPrefix, last_seq));
      break;
    }
    page.plans.push_back(PlanFromRow(row));
    last_seq = RowInt(row[10]);
  }
  return page;
}

absl::StatusOr<StoredPlan> SqlStore::MovePlan(StoredPlan plan, PlanState to,
                                              const std::string& actor,
                                              const std::string& reason,
                                              const std::string& superseded_by) {
  const PlanState before = plan.state;
  const PlanStep step{plan.version + 1, to, actor, Now(), reason};
  // The version condition repeats the caller's check, so even a backend
  // whose row lock were weaker could not overwrite a newer step.
  absl::StatusOr<std::vector<SqlRow>> written = db_->Query(
      "UPDATE plans SET state = ?, version = ?, superseded_by = ?, "
      "updated_by = ?, updated_at_micros = ? WHERE plan_id = ? AND version = ? "
      "RETURNING version",
      {SqlParam::Text(PlanStateName(to)), SqlParam::Int(step.version),
       SqlParam::Text(superseded_by), SqlParam::Text(actor),
       SqlParam::Int(absl::ToUnixMicros(step.time)), SqlParam::Text(plan.plan_id),
       SqlParam::Int(plan.version)});
  if (!written.ok()) return written.status();
  if (written->empty()) {
    return absl::AbortedError(
        absl::StrCat("plan ", plan.plan_id, " changed meanwhile"));
  }
  plan.state = to;
  plan.version = step.version;
  plan.etag = PlanEtag(plan.plan_id, plan.version);
  plan.superseded_by = superseded_by;
  plan.updated_by = actor;
  plan.updated_at = step.time;
  plan.history.push_back(step);
  if (absl::Status s = InsertPlanStep(plan, step, before); !s.ok()) return s;
  return plan;
}

absl::StatusOr<StoredPlan> SqlStore::StepPlan(const PlanStepRequest& request) {
  if (request.step == PlanStepKind::kSupersede) {
    return absl::InvalidArgumentError(
        "a plan is superseded only by publishing another plan of its day");
  }
  if (request.step == PlanStepKind::kReject && request.reason.empty()) {
    return absl::InvalidArgumentError("reason: say why the plan is rejected");
  }
  absl::MutexLock lock(&mu_);
  SqlTransaction tx(*db_);
  if (absl::Status s = tx.Begin(); !s.ok()) return s;
  absl::StatusOr<std::optional<StoredPlan>> found = ReadPlan(
      "WHERE plan_id = ?", {SqlParam::Text(request.plan_id)}, true, true);
  if (!found.ok()) return found.status();
  if (!found->has_value()) {
    return absl::NotFoundError(
        absl::StrCat("no plan with id '", request.plan_id, "'"));
  }
  StoredPlan plan = std::move(**found);
  if (plan.version != request.expected_version) {
    return absl::AbortedError(absl::StrCat(
        "plan ", plan.plan_id, " is at version ", plan.version, " (",
        PlanStateName(plan.state), "), not ", request.expected_version,
        "; someone took a step meanwhile"));
  }
  absl::StatusOr<PlanState> to = NextPlanState(
      plan.plan_id, plan.state, request.step, request.approval_required);
  if (!to.ok()) return to.status();
  if (*to == PlanState::kPublished) {
    absl::StatusOr<std::optional<StoredPlan>> published = ReadPlan(
        "WHERE territory_id = ? AND plan_date = ? AND state = ?",
        {SqlParam::Text(plan.territory_id), SqlParam::Text(plan.date),
         SqlParam::Text(PlanStateName(PlanState::kPublished))},
        false, true);
    if (!published.ok()) return published.status();
    if (published->has_value()) {
      absl::StatusOr<StoredPlan> superseded = MovePlan(
          std::move(**published), PlanState::kSuperseded, request.actor,
          absl::StrCat("superseded by plan ", plan.plan_id), plan.plan_id);
      if (!superseded.ok()) return superseded.status();
    }
  }
  absl::StatusOr<StoredPlan> moved =
      MovePlan(std::move(plan), *to, request.actor, request.reason, "");
  if (!moved.ok()) return moved.status();
  if (absl::Status s = tx.Commit(); !s.ok()) return s;
  return moved;
}

}  // namespace callplan::store
