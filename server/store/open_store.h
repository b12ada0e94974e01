// Opens the store named by the sidecar's configuration:
//   "sqlite:PATH" or a plain file path      -> SQLite file (created if absent)
//   "postgresql://..." or "postgres://..."  -> PostgreSQL (libpq URI)
// The schema is migrated before the store is returned. INVALID_ARGUMENT for
// an empty or unrecognised URL.
#ifndef CALLPLAN_SERVER_STORE_OPEN_STORE_H_
#define CALLPLAN_SERVER_STORE_OPEN_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/store/store.h"

namespace callplan::store {

absl::StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& url);

}  // namespace callplan::store

#endif  // CALLPLAN_SERVER_STORE_OPEN_STORE_H_
