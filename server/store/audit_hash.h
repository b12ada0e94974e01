// The audit trail's hash chain: the one definition of what an audit record's
// SHA-256 covers, used when appending, when hashing the records that predate
// the chain (schema migration 2) and when verifying.
//
//   sha256(record) = lowercase hex SHA-256 of CanonicalAuditRecord(prev, record)
//   prev           = sha256 of the record before it in id order, or
//                    kGenesisSha256 (64 zeros) for the first record.
//
// CanonicalAuditRecord is the line "callplan-audit-v1\n" followed by one
// line per field, in this fixed order:
//   prev_sha256 id kind time_micros actor team_id territory_id request_digest
//   policy_version status objective counts old_value new_value reason detail
// each written NAME=LENGTH:VALUE\n, LENGTH being the byte length of VALUE in
// decimal, so no value (newlines and '=' included) can be mistaken for
// another field. Values: integers (id, Unix microseconds, policy_version) in
// decimal; kind as AuditKindName; text fields byte for byte; objective as
// printf "%.17g" (0 for -0, "nan" for any NaN) so it is exact; counts as the
// store keeps them, "key=value" pairs sorted by key and joined by ','.
// Changing any of this changes every hash: it would need a new version tag
// and a migration, never an edit.
#ifndef CALLPLAN_SERVER_STORE_AUDIT_HASH_H_
#define CALLPLAN_SERVER_STORE_AUDIT_HASH_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/store/store.h"

namespace callplan::store {

// The prev hash of the first record.
inline constexpr char kGenesisSha256[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The (name, value) pairs the hash covers, in order, prev_sha256 excluded;
// event.prev_sha256 and event.sha256 are not read.
std::vector<std::pair<std::string, std::string>> CanonicalAuditFields(
    const AuditEvent& event);

// The exact bytes hashed (see above).
std::string CanonicalAuditRecord(absl::string_view prev_sha256,
                                 const AuditEvent& event);

// Lowercase hex SHA-256 of CanonicalAuditRecord(prev_sha256, event).
std::string AuditRecordSha256(absl::string_view prev_sha256,
                              const AuditEvent& event);

// "key=value,..." as the counts column holds them.
std::string AuditCountsText(const std::map<std::string, int64_t>& counts);

}  // namespace callplan::store

#endif  // CALLPLAN_SERVER_STORE_AUDIT_HASH_H_
