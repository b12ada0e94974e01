#include "server/request_log.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace callplan {
namespace {

// Enough ids for support to follow a case; long lists would swamp the log.
constexpr size_t kMaxIdsPerField = 20;

std::string RandomKey() {
  std::string key(32, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(key.data()),
             static_cast<int>(key.size()));
  return key;
}

}  // namespace

RequestLog::RequestLog(std::string hmac_key, std::ostream* out)
    : key_(hmac_key.empty() ? RandomKey() : std::move(hmac_key)), out_(out) {}

std::string RequestLog::HashId(absl::string_view id) const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(id.data()), id.size(), digest,
       &length);
  const std::string raw(reinterpret_cast<const char*>(digest), 8);
  return absl::BytesToHexString(raw);
}

void RequestLog::Write(const RequestLogEntry& e) {
  std::string line = absl::StrCat("callplan.request method=", e.method);
  if (!e.territory_id.empty()) {
    absl::StrAppend(&line, " territory=\"", absl::CEscape(e.territory_id), "\"");
  }
  if (e.method == "Route") {
    absl::StrAppend(&line, " places=", e.places);
  } else {
    absl::StrAppend(&line, " reps=", e.reps, " physicians=", e.physicians);
  }
  absl::StrAppend(&line, " code=", e.code);
  if (!e.plan_status.empty()) absl::StrAppend(&line, " plan=", e.plan_status);
  if (e.solve_seconds >= 0) {
    absl::StrAppend(&line, absl::StrFormat(" solve_seconds=%.3f", e.solve_seconds));
  }
  if (e.gap >= 0) absl::StrAppend(&line, absl::StrFormat(" gap=%.6g", e.gap));
  absl::StrAppend(&line, absl::StrFormat(" wall_seconds=%.3f", e.wall_seconds));
  auto append_ids = [&](const char* name, const std::vector<std::string>& ids) {
    if (ids.empty()) return;
    absl::StrAppend(&line, " ", name, "=");
    for (size_t k = 0; k < ids.size() && k < kMaxIdsPerField; ++k) {
      absl::StrAppend(&line, k ? "," : "", HashId(ids[k]));
    }
    if (ids.size() > kMaxIdsPerField) {
      absl::StrAppend(&line, ",+", ids.size() - kMaxIdsPerField);
    }
  };
  append_ids("rep_ids", e.rep_ids);
  append_ids("physician_ids", e.physician_ids);
  line += "\n";
  absl::MutexLock lock(&mu_);
  *out_ << line << std::flush;
}

std::string GrpcCodeName(int code) {
  static const char* const kNames[] = {
      "OK",          "CANCELLED",          "UNKNOWN",
      "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
      "ALREADY_EXISTS",   "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
      "FAILED_PRECONDITION", "ABORTED",      "OUT_OF_RANGE",
      "UNIMPLEMENTED", "INTERNAL",          "UNAVAILABLE",
      "DATA_LOSS",     "UNAUTHENTICATED"};
  if (code >= 0 && code < static_cast<int>(std::size(kNames))) return kNames[code];
  return absl::StrCat("CODE_", code);
}

}  // namespace callplan
