#include "server/store/audit_hash.h"

#include <openssl/evp.h>

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace callplan::store {
namespace {

// SQLite keeps -0.0 as 0.0 and NaN has many bit patterns: one text each, so
// a value hashes the same before it is stored and after it is read back.
std::string CanonicalDouble(double value) {
  if (std::isnan(value)) return "nan";
  if (value == 0) return "0";
  return absl::StrFormat("%.17g", value);
}

std::string Sha256Hex(absl::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    absl::StrAppendFormat(&hex, "%02x", digest[i]);
  }
  return hex;
}

void AppendField(std::string* out, absl::string_view name,
                 absl::string_view value) {
  absl::StrAppend(out, name, "=", value.size(), ":", value, "\n");
}

}  // namespace

std::string AuditCountsText(const std::map<std::string, int64_t>& counts) {
  return absl::StrJoin(counts, ",", absl::PairFormatter("="));
}

std::vector<std::pair<std::string, std::string>> CanonicalAuditFields(
    const AuditEvent& event) {
  return {
      {"id", absl::StrCat(event.id)},
      {"kind", AuditKindName(event.kind)},
      {"time_micros", absl::StrCat(absl::ToUnixMicros(event.time))},
      {"actor", event.actor},
      {"team_id", event.team_id},
      {"territory_id", event.territory_id},
      {"request_digest", event.request_digest},
      {"policy_version", absl::StrCat(event.policy_version)},
      {"status", event.status},
      {"objective", CanonicalDouble(event.objective)},
      {"counts", AuditCountsText(event.counts)},
      {"old_value", event.old_value},
      {"new_value", event.new_value},
      {"reason", event.reason},
      {"detail", event.detail},
  };
}

std::string CanonicalAuditRecord(absl::string_view prev_sha256,
                                 const AuditEvent& event) {
  std::string out = "callplan-audit-v1\n";
  AppendField(&out, "prev_sha256", prev_sha256);
  for (const auto& [name, value] : CanonicalAuditFields(event)) {
    AppendField(&out, name, value);
  }
  return out;
}

std::string AuditRecordSha256(absl::string_view prev_sha256,
                              const AuditEvent& event) {
  return Sha256Hex(CanonicalAuditRecord(prev_sha256, event));
}

}  // namespace callplan::store
