#include "server/store/open_store.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/store/postgres_store.h"
#include "server/store/sqlite_store.h"

namespace callplan::store {

absl::StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& url) {
  if (absl::StartsWith(url, "postgresql://") || absl::StartsWith(url, "postgres://")) {
    return OpenPostgresStore(url);
  }
  std::string path = url;
  if (absl::StartsWith(url, "sqlite:")) {
    path = url.substr(7);
    // Accept the URI spelling "sqlite:///abs/path" as well as "sqlite:/abs/path".
    if (absl::StartsWith(path, "//")) path = path.substr(2);
  }
  if (path.empty()) {
    return absl::InvalidArgumentError(
        "store url is empty; use sqlite:PATH or postgresql://...");
  }
  // Anything else scheme-like is a mistake, not a file name to create.
  if (absl::StrContains(path, "://")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "store url has an unknown scheme; use sqlite:PATH or postgresql://..."));
  }
  return OpenSqliteStore(path);
}

}  // namespace callplan::store
