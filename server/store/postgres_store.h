// The shared store: PostgreSQL through libpq, for several sidecar replicas
// sharing policies and one audit trail. The schema is created and migrated
// at open inside one transaction under an advisory lock, so replicas that
// start together do not race. Policy updates lock the team's row (SELECT ...
// FOR UPDATE) and write the audit event in the same transaction; audit rows
// are protected by triggers that raise on UPDATE, DELETE, TRUNCATE and an
// INSERT over an existing id (ON CONFLICT DO UPDATE included).
#ifndef CALLPLAN_SERVER_STORE_POSTGRES_STORE_H_
#define CALLPLAN_SERVER_STORE_POSTGRES_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/store/store.h"

namespace callplan::store {

// `connection` is a libpq connection string or URI
// ("postgresql://user@host:port/db"). UNAVAILABLE when the server cannot be
// reached. Error messages never repeat the connection string (it may hold a
// password).
absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(
    const std::string& connection);

}  // namespace callplan::store

#endif  // CALLPLAN_SERVER_STORE_POSTGRES_STORE_H_
