// Reading the SQL store's result rows (server/store/sql_store.h): column
// text to values, and the audit_events columns in the order every audit
// query selects them. Internal to server/store.
#ifndef CALLPLAN_SERVER_STORE_SQL_ROWS_H_
#define CALLPLAN_SERVER_STORE_SQL_ROWS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/numbers.h"
#include "server/store/sql_store.h"
#include "server/store/store.h"

namespace callplan::store {

// After "id, ": what AuditFromRow reads, then the two chain hashes.
inline constexpr char kAuditColumns[] =
    "kind, event_time_micros, actor, team_id, territory_id, request_digest, "
    "policy_version, status, objective, counts, old_value, new_value, reason, "
    "detail";
inline constexpr char kAuditChainColumns[] = "prev_sha256, sha256";

inline std::string RowText(const std::optional<std::string>& value) {
  return value.value_or("");
}

inline int64_t RowInt(const std::optional<std::string>& value) {
  int64_t out = 0;
  if (value) (void)absl::SimpleAtoi(*value, &out);
  return out;
}

inline double RowReal(const std::optional<std::string>& value) {
  double out = 0;
  if (value) (void)absl::SimpleAtod(*value, &out);
  return out;
}

// A row of "id, kAuditColumns[, kAuditChainColumns]".
AuditEvent AuditFromRow(const SqlRow& row);

}  // namespace callplan::store

#endif  // CALLPLAN_SERVER_STORE_SQL_ROWS_H_
