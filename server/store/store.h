// The sidecar's durable state: each team's fairness policy (the bounds an
// admin set for it) and the append-only audit trail of plans, policy changes
// and denied calls.
//
// Contract of every PolicyStore:
// - One policy row per team, with a version that starts at 1 on creation and
//   grows by exactly 1 on every update. Its history lives in the audit trail:
//   each UpdatePolicy appends a POLICY_CHANGE event holding the old and the
//   new value IN THE SAME TRANSACTION as the change, so a crash leaves either
//   both or neither.
// - Updates are optimistic: the caller names the version it replaces (0 to
//   create). If someone else changed the policy meanwhile the update fails
//   with ABORTED and changes nothing.
// - Teams without a policy of their own use the policy of the team named
//   kDefaultTeam ("default"): GetPolicy returns that one (its team_id says
//   so). NOT_FOUND when neither exists; the store never invents bounds.
// - Audit events are never updated, deleted or replaced: not through this
//   interface, and the database itself refuses it (triggers; an INSERT with
//   an id that exists, INSERT OR REPLACE and ON CONFLICT DO UPDATE included).
// - The trail is a hash chain (server/store/audit_hash.h): each event
//   carries the SHA-256 of the one before it and its own, over its whole
//   content. Appends are serialized across threads and processes by a
//   one-row chain head updated in the same transaction as the insert, so
//   new ids follow each other and the chain has no forks. VerifyAuditChain
//   walks it. Whoever can write the database can still rewrite the chain
//   from some record on consistently; only a last hash kept elsewhere
//   (AuditChainCheck.last_sha256) shows that.
// - Audit listing is in the order events were appended (their id), paged by
//   opaque tokens.
// Implementations are safe to call from several threads; several processes
// may share one database (SQLite file or PostgreSQL).
#ifndef CALLPLAN_SERVER_STORE_STORE_H_
#define CALLPLAN_SERVER_STORE_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/plan_store.h"
#include "solver/territory.h"

namespace callplan::store {

inline constexpr char kDefaultTeam[] = "default";

struct StoredPolicy {
  std::string team_id;
  FairnessBounds bounds;
  int64_t version = 0;
  // Changes whenever the version or the value changes; for HTTP-style callers.
  std::string etag;
  std::string updated_by;
  absl::Time updated_at;
  std::string reason;
  // A manager must approve the team's plans before they are published.
  bool require_approval = false;
};

struct PolicyUpdate {
  std::string team_id;
  FairnessBounds bounds;
  // The version being replaced; 0 creates the team's policy.
  int64_t expected_version = 0;
  std::string actor;   // who asked (certificate identity or token name)
  std::string reason;  // the admin's words, kept in the audit trail
  bool require_approval = false;
};

enum class AuditKind { kPlanDay, kPolicyChange, kDenied, kPlanStep };

struct AuditEvent {
  int64_t id = 0;  // assigned by the store; ignored by AppendAudit
  AuditKind kind = AuditKind::kPlanDay;
  // When it happened; absl::Time() (the default) means "now" to AppendAudit.
  absl::Time time;
  std::string actor;
  std::string team_id;
  std::string territory_id;
  std::string request_digest;  // a hash of the request, never the request
  int64_t policy_version = 0;  // 0 when no stored policy was involved
  std::string status;          // e.g. "OK", "PERMISSION_DENIED"
  double objective = 0;
  // E.g. {"reps": 5, "visits": 40}. Keys must not contain ',' or '='.
  std::map<std::string, int64_t> counts;
  std::string old_value;  // POLICY_CHANGE: DescribePolicy before ("" on create)
  std::string new_value;  // POLICY_CHANGE: DescribePolicy after
  std::string reason;
  std::string detail;
  // Set by the store; ignored by AppendAudit. Lowercase hex SHA-256.
  std::string prev_sha256;  // the previous event's sha256 (kGenesisSha256 first)
  std::string sha256;       // AuditRecordSha256(prev_sha256, this event)
};

// What VerifyAuditChain found. A break names the first record that does
// not match and which of three things the chain says happened to it.
enum class AuditChainBreak {
  kNone,
  // A record's stored hash does not match its content, or a record was
  // changed and re-hashed so the next one no longer points at it.
  kContentChanged,
  // A record before this one is gone: the ids jump (or the chain head
  // says the trail goes on) and the prev hash points at the lost record.
  kRecordMissing,
  // A record that the chain does not lead to: the next record points past
  // it, or it comes after the last record the chain head knows.
  kRecordInserted,
};

struct AuditChainCheck {
  bool intact = true;
  // Records that matched before the first bad one (all of them if intact).
  int64_t records = 0;
  // The last matching record and its hash: keep it elsewhere to detect a
  // later consistent rewrite (kGenesisSha256 and 0 for an empty trail).
  int64_t last_id = 0;
  std::string last_sha256;
  // Broken chains only.
  int64_t first_bad_id = 0;
  AuditChainBreak problem = AuditChainBreak::kNone;
  std::string explanation;  // in words, naming the records involved
};

struct AuditFilter {
  std::optional<absl::Time> from;  // inclusive
  std::optional<absl::Time> to;    // exclusive
  std::optional<AuditKind> kind;
  std::optional<std::string> team_id;
};

struct AuditPage {
  std::vector<AuditEvent> events;
  std::string next_page_token;  // empty on the last page
};

class PolicyStore {
 public:
  virtual ~PolicyStore() = default;

  // The team's policy, else the default team's; NOT_FOUND if neither.
  virtual absl::StatusOr<StoredPolicy> GetPolicy(const std::string& team_id) = 0;
  // Every stored policy (no fallback entries), ordered by team_id.
  virtual absl::StatusOr<std::vector<StoredPolicy>> ListPolicies() = 0;
  // Creates (expected_version 0) or replaces the team's policy and records
  // the change. ABORTED when expected_version is stale (or 0 and the policy
  // exists); NOT_FOUND when replacing a policy that was never created;
  // INVALID_ARGUMENT for an empty team_id or a negative version. Validating
  // the bounds themselves is the caller's job.
  virtual absl::StatusOr<StoredPolicy> UpdatePolicy(
      const PolicyUpdate& update) = 0;
  // Appends one event and returns its id.
  virtual absl::StatusOr<int64_t> AppendAudit(const AuditEvent& event) = 0;
  // Events matching `filter` after the page token, at most page_size of them
  // (<= 0 means 100; capped at 1000). INVALID_ARGUMENT for a bad token.
  virtual absl::StatusOr<AuditPage> ListAudit(const AuditFilter& filter,
                                              int page_size,
                                              const std::string& page_token) = 0;
  // Walks the whole chain in id order, a page at a time, and reports it
  // intact or names its first bad record. Appends may continue meanwhile;
  // records appended during the walk are checked too. An error status only
  // when the store cannot be read.
  virtual absl::StatusOr<AuditChainCheck> VerifyAuditChain() = 0;
  // OK when an audit record could be appended now: a write transaction that
  // takes the append lock and rewrites what an append rewrites, unchanged,
  // and commits, so a full disk, a lock held elsewhere or a lost database
  // all show. Appends nothing.
  virtual absl::Status ProbeAuditWrite() = 0;
};

// The whole durable state: policies, the audit trail and stored plans
// (plan_store.h), in one database so that a step and its audit record
// commit together.
class Store : public PolicyStore, public PlanStore {};

// "PLAN_DAY", "POLICY_CHANGE", "DENIED", "PLAN_STEP" and back.
const char* AuditKindName(AuditKind kind);
// "content changed", "record missing", "record inserted" ("intact" for kNone).
const char* AuditChainBreakName(AuditChainBreak problem);
std::optional<AuditKind> ParseAuditKind(const std::string& name);

// A canonical one-line text of a policy value, as kept in the audit trail:
// "version=3 max_workload_spread=2 distance_safety_factor=1.25"; unset
// bounds are left out, and " require_approval=true" ends it when set.
// Doubles are written so they read back exactly.
std::string DescribePolicy(int64_t version, const FairnessBounds& bounds,
                           bool require_approval = false);

// Deterministic etag of a policy at a version.
std::string PolicyEtag(const std::string& team_id, int64_t version,
                       const FairnessBounds& bounds,
                       bool require_approval = false);

}  // namespace callplan::store

#endif  // CALLPLAN_SERVER_STORE_STORE_H_
