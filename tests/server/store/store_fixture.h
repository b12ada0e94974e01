// Shared by the store tests: the backends (a SQLite file in a temporary
// folder, a throwaway PostgreSQL server from tests/fixtures), raw SQL access
// that bypasses the store, and a parameterised fixture opening a fresh store.
// Header-only because each *_test.cc is its own binary.
#ifndef CALLPLAN_TESTS_SERVER_STORE_STORE_FIXTURE_H_
#define CALLPLAN_TESTS_SERVER_STORE_STORE_FIXTURE_H_

#include <libpq-fe.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/store/open_store.h"
#include "server/store/store.h"
#include "tests/fixtures/postgres_process.h"
#include "tests/fixtures/process.h"

namespace callplan::store {

enum class Backend { kSqlite, kPostgres };

// One PostgreSQL server per test binary, started by the first test that
// needs it and stopped when the binary ends.
class PostgresEnvironment : public ::testing::Environment {
 public:
  static absl::StatusOr<callplan::testing::PostgresProcess*> Server() {
    if (server_ == nullptr) {
      absl::StatusOr<std::unique_ptr<callplan::testing::PostgresProcess>> started =
          callplan::testing::PostgresProcess::Start();
      if (!started.ok()) return started.status();
      server_ = *std::move(started);
    }
    return server_.get();
  }
  void TearDown() override { server_.reset(); }

 private:
  static std::unique_ptr<callplan::testing::PostgresProcess> server_;  // NOLINT
};
inline std::unique_ptr<callplan::testing::PostgresProcess> PostgresEnvironment::server_;
inline ::testing::Environment* const kPostgresEnvironment =
    ::testing::AddGlobalTestEnvironment(new PostgresEnvironment);

// The first cell of a raw statement's result ("" when it returns no rows).
inline absl::StatusOr<std::string> RawSqlite(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_busy_timeout(db, 10000);
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  std::string cell;
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      cell = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      rc = SQLITE_DONE;
    }
  }
  absl::Status status = rc == SQLITE_DONE ? absl::OkStatus()
                                          : absl::InternalError(sqlite3_errmsg(db));
  sqlite3_finalize(stmt);
  sqlite3_close_v2(db);
  if (!status.ok()) return status;
  return cell;
}

inline absl::StatusOr<std::string> RawPostgres(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  PGresult* result = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  absl::StatusOr<std::string> out = std::string();
  if (status == PGRES_TUPLES_OK && PQntuples(result) > 0) {
    out = std::string(PQgetvalue(result, 0, 0));
  } else if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    out = absl::InternalError(PQresultErrorMessage(result));
  }
  PQclear(result);
  PQfinish(conn);
  return out;
}

// Runs a script of statements, as someone with the database file (or the
// PostgreSQL superuser's password) could; nothing of the store is involved.
// A missing SQLite file is created.
inline absl::Status RawSqliteScript(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                  nullptr);
  sqlite3_busy_timeout(db, 10000);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  absl::Status status =
      rc == SQLITE_OK ? absl::OkStatus()
                      : absl::InternalError(error != nullptr ? error : "sqlite error");
  sqlite3_free(error);
  sqlite3_close_v2(db);
  return status;
}

inline absl::Status RawPostgresScript(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  PGresult* result = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  absl::Status out = status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK
                         ? absl::OkStatus()
                         : absl::InternalError(PQresultErrorMessage(result));
  PQclear(result);
  PQfinish(conn);
  return out;
}

inline FairnessBounds BoundsFor(int64_t version) {
  FairnessBounds bounds;
  bounds.max_workload_spread = static_cast<uint32_t>(version);
  bounds.max_potential_spread = version * 0.1;
  bounds.max_route_distance = 1000 + version / 3.0;
  bounds.distance_safety_factor = 1.25 + version / 1000.0;
  bounds.max_visits_per_rep = static_cast<uint32_t>(version % 7 + 1);
  return bounds;
}

inline void ExpectSameBounds(const FairnessBounds& got, const FairnessBounds& want) {
  EXPECT_EQ(got.max_workload_spread, want.max_workload_spread);
  EXPECT_EQ(got.max_potential_spread, want.max_potential_spread);
  EXPECT_EQ(got.max_route_distance, want.max_route_distance);
  EXPECT_EQ(got.distance_safety_factor, want.distance_safety_factor);
  EXPECT_EQ(got.max_visits_per_rep, want.max_visits_per_rep);
}

inline PolicyUpdate Update(const std::string& team, int64_t expected, FairnessBounds bounds,
                    const std::string& actor = "admin-alice") {
  return PolicyUpdate{team, bounds, expected, actor,
                      absl::StrCat("set v", expected + 1)};
}

// Every POLICY_CHANGE of a team, oldest first.
inline std::vector<AuditEvent> PolicyChanges(PolicyStore& store, const std::string& team) {
  AuditFilter filter;
  filter.kind = AuditKind::kPolicyChange;
  filter.team_id = team;
  std::vector<AuditEvent> events;
  std::string token;
  do {
    absl::StatusOr<AuditPage> page = store.ListAudit(filter, 7, token);
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) break;
    events.insert(events.end(), page->events.begin(), page->events.end());
    token = page->next_page_token;
  } while (!token.empty());
  return events;
}

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kSqlite) {
      dir_ = callplan::testing::MakeTempDir("callplan-store");
      ASSERT_FALSE(dir_.empty());
      target_ = dir_ + "/store.db";
      url_ = "sqlite:" + target_;
    } else {
      absl::StatusOr<callplan::testing::PostgresProcess*> server =
          PostgresEnvironment::Server();
      ASSERT_TRUE(server.ok()) << server.status();
      static int databases = 0;
      absl::StatusOr<std::string> url =
          (*server)->CreateDatabase(absl::StrCat("store_test_", ++databases));
      ASSERT_TRUE(url.ok()) << url.status();
      target_ = url_ = *url;
    }
    store_ = Open();
    ASSERT_NE(store_, nullptr);
  }

  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
    }
  }

  std::unique_ptr<Store> Open() {
    absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(url_);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }

  absl::StatusOr<std::string> Raw(const std::string& sql) {
    return GetParam() == Backend::kSqlite ? RawSqlite(target_, sql)
                                          : RawPostgres(target_, sql);
  }
  absl::Status RawScript(const std::string& sql) {
    return GetParam() == Backend::kSqlite ? RawSqliteScript(target_, sql)
                                          : RawPostgresScript(target_, sql);
  }

  std::string dir_;
  std::string target_;  // file path or connection URI
  std::string url_;     // what OpenStore is given
  std::unique_ptr<Store> store_;
};

inline std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

}  // namespace callplan::store

#endif  // CALLPLAN_TESTS_SERVER_STORE_STORE_FIXTURE_H_
