// The embedded default store: one SQLite file, nothing to install or start.
// WAL journal with synchronous=FULL, so a commit that returned survives a
// crash of the process (kill -9) and of the machine; a busy timeout so
// several sidecars on one file wait for each other instead of failing.
// Audit rows are protected by triggers that RAISE(ABORT) on UPDATE, DELETE
// and an INSERT over an existing id (INSERT OR REPLACE included).
#ifndef CALLPLAN_SERVER_STORE_SQLITE_STORE_H_
#define CALLPLAN_SERVER_STORE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/store.h"

namespace callplan::store {

// Opens (creating if needed) the SQLite file at `path` and migrates its
// schema. UNAVAILABLE if the file cannot be opened.
absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const std::string& path, absl::Duration busy_timeout = absl::Seconds(10));

}  // namespace callplan::store

#endif  // CALLPLAN_SERVER_STORE_SQLITE_STORE_H_
