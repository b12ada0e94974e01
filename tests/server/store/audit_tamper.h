// What an attacker with write access to the database does to the audit
// trail, as SQL: switch the store's triggers off (SQLite: drop them;
// PostgreSQL: ALTER TABLE ... DISABLE TRIGGER ALL as the superuser) and
// write rows of their own, hashes included, computed with the documented
// canonical encoding (server/store/audit_hash.h) so they look plausible.
// Header-only because each *_test.cc is its own binary.
#ifndef CALLPLAN_TESTS_SERVER_STORE_AUDIT_TAMPER_H_
#define CALLPLAN_TESTS_SERVER_STORE_AUDIT_TAMPER_H_

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "server/store/audit_hash.h"
#include "server/store/store.h"
#include "tests/server/store/store_fixture.h"

namespace callplan::store {

inline std::string DisableAuditTriggers(Backend backend) {
  if (backend == Backend::kPostgres) {
    return "ALTER TABLE audit_events DISABLE TRIGGER ALL;";
  }
  return "DROP TRIGGER IF EXISTS audit_events_refuse_update;"
         "DROP TRIGGER IF EXISTS audit_events_refuse_delete;"
         "DROP TRIGGER IF EXISTS audit_events_refuse_overwrite;";
}

inline std::string SqlText(const std::string& text) {
  return absl::StrCat("'", absl::StrReplaceAll(text, {{"'", "''"}}), "'");
}

// An INSERT of every column of `e`, hashes as they are.
inline std::string InsertAuditRowSql(const AuditEvent& e) {
  return absl::StrCat(
      "INSERT INTO audit_events (id, kind, event_time_micros, actor, team_id, "
      "territory_id, request_digest, policy_version, status, objective, counts, "
      "old_value, new_value, reason, detail, prev_sha256, sha256) VALUES (",
      e.id, ", ", SqlText(AuditKindName(e.kind)), ", ", absl::ToUnixMicros(e.time),
      ", ", SqlText(e.actor), ", ", SqlText(e.team_id), ", ",
      SqlText(e.territory_id), ", ", SqlText(e.request_digest), ", ",
      e.policy_version, ", ", SqlText(e.status), ", ",
      absl::StrFormat("%.17g", e.objective), ", ",
      SqlText(AuditCountsText(e.counts)), ", ", SqlText(e.old_value), ", ",
      SqlText(e.new_value), ", ", SqlText(e.reason), ", ", SqlText(e.detail),
      ", ", SqlText(e.prev_sha256), ", ", SqlText(e.sha256), ");");
}

// A policy change nobody made, chained onto `prev_sha256` with a hash that
// matches its content.
inline AuditEvent ForgedPolicyChange(int64_t id, const std::string& prev_sha256,
                                     absl::Time time) {
  AuditEvent e;
  e.id = id;
  e.kind = AuditKind::kPolicyChange;
  e.time = time;
  e.actor = "token:alice";
  e.team_id = "north";
  e.policy_version = 9;
  e.status = "OK";
  e.new_value = "version=9 max_workload_spread=99 distance_safety_factor=1.25";
  e.reason = "approved";
  e.prev_sha256 = prev_sha256;
  e.sha256 = AuditRecordSha256(prev_sha256, e);
  return e;
}

}  // namespace callplan::store

#endif  // CALLPLAN_TESTS_SERVER_STORE_AUDIT_TAMPER_H_
