// The admin's loop end to end, on a SQLite file and on PostgreSQL: the
// sidecar requires mutual TLS, the CRM plugin's certificate has the planner
// role and the admin a bearer token. `callplan-crm admin set` tightens a
// team's bounds, the next `callplan-crm sync` plans with them, and
// `callplan-crm admin audit` shows the change and both plans.
// `callplan-crm admin audit --verify` says the hash chain is intact, then,
// after a record is changed in the database with the sqlite3 or psql tool,
// names it and exits 1.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/ics_calendar.h"
#include "plugins/ics_folder.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/postgres_process.h"
#include "tests/fixtures/sidecar_process.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using callplan::testing::CommandResult;
using callplan::testing::RunCommand;

constexpr char kDate[] = "2026-03-12";
constexpr char kAdminToken[] = "e2e-admin-token-42";
// SHA-256 of kAdminToken, as an admin would paste it into the config.
std::string AdminTokenHash() {
  const CommandResult r = RunCommand(
      absl::StrCat("(printf %s '", kAdminToken, "' | sha256sum | cut -c1-64)"));
  return std::string(absl::StripAsciiWhitespace(r.out));
}

// The sample bundle without territory-wide bounds, so that teams without
// bounds of their own in teams.csv ("cardio") plan with their stored policy.
void CopyBundleWithoutTerritoryBounds(const std::string& dir) {
  std::filesystem::copy(testing::SampleBundleDir(), dir,
                        std::filesystem::copy_options::recursive |
                            std::filesystem::copy_options::overwrite_existing);
  std::ifstream in(testing::SampleBundleDir() + "/territory.csv");
  std::string kept, line;
  while (std::getline(in, line)) {
    if (absl::StartsWith(line, "max_") || absl::StartsWith(line, "distance_")) {
      continue;
    }
    kept += line + "\n";
  }
  std::ofstream(dir + "/territory.csv", std::ios::trunc) << kept;
}

// Visits of each cardio rep without a cap of its own in reps.csv (the
// team's max_visits_per_rep binds only those), from the .ics files of `out`.
std::vector<size_t> CardioVisits(const std::string& out) {
  std::vector<size_t> visits;
  for (const CrmRep& rep : testing::SampleBundle().reps) {
    if (rep.team_id != "cardio" || rep.max_visits > 0) continue;
    const std::string ics = testing::ReadText(RepDayFile(out, rep.id, kDate));
    absl::StatusOr<std::vector<FoundEvent>> events = ParseEvents(ics);
    visits.push_back(events.ok() ? events->size() : 0);
  }
  return visits;
}

enum class Backend { kSqlite, kPostgres };

class AdminCommandTest : public ::testing::TestWithParam<Backend> {
 protected:
  static void TearDownTestSuite() { postgres_.reset(); }
  void TearDown() override {
    for (const std::string& dir : dirs_) std::filesystem::remove_all(dir);
    if (!store_dir_.empty()) std::filesystem::remove_all(store_dir_);
  }
  // A temporary folder removed after the test.
  std::string TempDir(const std::string& prefix) {
    dirs_.push_back(callplan::testing::MakeTempDir(prefix));
    return dirs_.back();
  }

  std::string StoreUrl() {
    if (GetParam() == Backend::kSqlite) {
      store_dir_ = callplan::testing::MakeTempDir("callplan-e2e");
      return absl::StrCat("sqlite:", store_dir_, "/policies.db");
    }
    if (postgres_ == nullptr) {
      auto started = callplan::testing::PostgresProcess::Start();
      EXPECT_TRUE(started.ok()) << started.status();
      if (!started.ok()) return "";
      postgres_ = *std::move(started);
    }
    static int databases = 0;
    auto url = postgres_->CreateDatabase(absl::StrCat("admin_e2e_", ++databases));
    EXPECT_TRUE(url.ok()) << url.status();
    return url.ok() ? *url : "";
  }

  std::vector<std::string> dirs_;
  std::string store_dir_;
  static std::unique_ptr<callplan::testing::PostgresProcess> postgres_;
};
std::unique_ptr<callplan::testing::PostgresProcess> AdminCommandTest::postgres_;

TEST_P(AdminCommandTest, SetThenSyncThenAuditShowsBoth) {
  const std::string url = StoreUrl();
  ASSERT_FALSE(url.empty());
  callplan::testing::SidecarOptions options;
  options.mutual_tls = true;
  options.config = absl::StrCat(
      "store_url: \"", url, "\"\n",
      "roles { role: \"planner\" certificate_identity: \"crm-plugin\" }\n",
      "roles { role: \"admin\" token_sha256: \"", AdminTokenHash(),
      "\" name: \"alice\" }\n");
  auto sidecar = callplan::testing::SidecarProcess::Start(options);
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const callplan::testing::TestPki& pki = (*sidecar)->pki();
  const std::string tls = absl::StrCat(" --sidecar ", (*sidecar)->address(),
                                       " --tls-ca ", pki.ca_cert, " --tls-cert ",
                                       pki.client_cert, " --tls-key ", pki.client_key);
  const std::string bin = absl::StrCat(CALLPLAN_BINARY_DIR, "/bin/callplan-crm ");
  const std::string admin =
      absl::StrCat("CALLPLAN_SIDECAR_TOKEN=", kAdminToken, " ", bin, "admin ");
  const std::string crm = TempDir("callplan-admin-crm");
  CopyBundleWithoutTerritoryBounds(crm);
  auto sync = [&](const std::string& out) {
    return RunCommand(absl::StrCat(bin, "sync --crm ", crm, " --date ", kDate,
                                   " --calendar ", out, tls));
  };

  // Without a stored policy some cardio rep sees several physicians.
  const std::string before = TempDir("callplan-e2e-before");
  const CommandResult first = sync(before);
  ASSERT_EQ(first.exit_code, 0) << first.err << first.out;
  const std::vector<size_t> loose = CardioVisits(before);
  ASSERT_FALSE(loose.empty());
  EXPECT_GT(*std::max_element(loose.begin(), loose.end()), 1u);

  // The CRM's certificate is a planner's, not an admin's.
  const CommandResult refused = RunCommand(absl::StrCat(
      bin, "admin set --team cardio --max-visits-per-rep 1 --expected-version 0 "
           "--reason x", tls));
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("PERMISSION_DENIED"));

  const CommandResult set = RunCommand(absl::StrCat(
      admin, "set --team cardio --max-visits-per-rep 1 --max-workload-spread 1 "
             "--expected-version 0 --reason 'one visit each in March'", tls));
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_THAT(set.out, HasSubstr("cardio"));
  EXPECT_THAT(set.out, HasSubstr("token:alice"));
  const CommandResult stale = RunCommand(absl::StrCat(
      admin, "set --team cardio --max-visits-per-rep 2 --expected-version 0 "
             "--reason late", tls));
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_THAT(stale.err, HasSubstr("ABORTED"));

  const std::string after = TempDir("callplan-e2e-after");
  const CommandResult second = sync(after);
  ASSERT_EQ(second.exit_code, 0) << second.err << second.out;
  for (size_t visits : CardioVisits(after)) EXPECT_LE(visits, 1u);

  const CommandResult audit = RunCommand(absl::StrCat(admin, "audit --all", tls));
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_THAT(audit.out, HasSubstr("policy_change"));
  EXPECT_THAT(audit.out, HasSubstr("one visit each in March"));
  EXPECT_THAT(audit.out, HasSubstr("policy_versions=cardio=1"));
  EXPECT_THAT(audit.out, HasSubstr("cert:crm-plugin"));
  EXPECT_THAT(audit.out, HasSubstr("denied"));
  EXPECT_THAT(audit.out, Not(HasSubstr(kAdminToken)));
  const CommandResult plans =
      RunCommand(absl::StrCat(admin, "audit --kind plan_day", tls));
  ASSERT_EQ(plans.exit_code, 0) << plans.err;
  // Header and one row per sync.
  EXPECT_EQ(std::count(plans.out.begin(), plans.out.end(), '\n'), 3);
  EXPECT_THAT(plans.out, HasSubstr("lyon-metro"));

  const CommandResult list = RunCommand(absl::StrCat(admin, "list", tls));
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("one visit each in March"));
  EXPECT_EQ((*sidecar)->Stop(), 0);
}

TEST_P(AdminCommandTest, AuditVerifyNamesTheRecordChangedInTheDatabase) {
  const std::string url = StoreUrl();
  ASSERT_FALSE(url.empty());
  callplan::testing::SidecarOptions options;
  options.config = absl::StrCat("store_url: \"", url, "\"\n");
  auto sidecar = callplan::testing::SidecarProcess::Start(options);
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const std::string admin = absl::StrCat(CALLPLAN_BINARY_DIR, "/bin/callplan-crm admin ");
  const std::string at = absl::StrCat(" --sidecar ", (*sidecar)->address());
  for (int v = 0; v < 3; ++v) {
    const CommandResult set = RunCommand(absl::StrCat(
        admin, "set --team cardio --max-visits-per-rep ", v + 2,
        " --expected-version ", v, " --reason step", at));
    ASSERT_EQ(set.exit_code, 0) << set.err;
  }

  const CommandResult intact = RunCommand(absl::StrCat(admin, "audit --verify", at));
  EXPECT_EQ(intact.exit_code, 0) << intact.err;
  EXPECT_THAT(intact.out, HasSubstr("audit trail intact: 3 records, last record 3"));
  // The hash to keep is the last record's, as the listing shows it.
  const size_t at_hash = intact.out.find("last hash ");
  ASSERT_NE(at_hash, std::string::npos);
  const std::string last_hash = intact.out.substr(at_hash + 10, 64);
  const CommandResult listing = RunCommand(absl::StrCat(admin, "audit --all", at));
  ASSERT_EQ(listing.exit_code, 0) << listing.err;
  EXPECT_THAT(listing.out, HasSubstr("SHA256"));
  EXPECT_THAT(listing.out, HasSubstr(last_hash));

  const std::string tamper =
      GetParam() == Backend::kSqlite
          ? absl::StrCat("sqlite3 ", store_dir_, "/policies.db \"DROP TRIGGER "
                         "audit_events_refuse_update; UPDATE audit_events SET "
                         "reason = 'approved by the board' WHERE id = 2;\"")
          : absl::StrCat("psql -q '", url, "' -c \"ALTER TABLE audit_events "
                         "DISABLE TRIGGER ALL; UPDATE audit_events SET reason = "
                         "'approved by the board' WHERE id = 2;\"");
  const CommandResult tampered = RunCommand(tamper);
  ASSERT_EQ(tampered.exit_code, 0) << tampered.err;
  const CommandResult broken = RunCommand(absl::StrCat(admin, "audit --verify", at));
  EXPECT_EQ(broken.exit_code, 1) << broken.err;
  EXPECT_THAT(broken.out, HasSubstr("audit trail BROKEN at record 2 (content changed)"));
  EXPECT_THAT(broken.out, HasSubstr("1 records before it matched"));
  EXPECT_EQ((*sidecar)->Stop(), 0);
}

TEST(AdminCommandLine, MistakesAreExitCodeTwoWithUsage) {
  const std::string bin = absl::StrCat(CALLPLAN_BINARY_DIR, "/bin/callplan-crm ");
  for (const char* args :
       {"admin", "admin frobnicate --sidecar x:1", "admin list",
        "admin get --sidecar 127.0.0.1:1", "admin set --sidecar 127.0.0.1:1 --team t",
        "admin set --sidecar 127.0.0.1:1 --team t --expected-version 0 "
        "--max-workload-spread -1",
        "admin audit --sidecar 127.0.0.1:1 --kind everything",
        "admin audit --sidecar 127.0.0.1:1 --from yesterday",
        "admin audit --sidecar 127.0.0.1:1 --verify --kind denied",
        "admin audit --sidecar 127.0.0.1:1 --verify --all",
        "admin list --sidecar 127.0.0.1:1 --colour blue"}) {
    const CommandResult r = RunCommand(bin + args);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr("callplan-crm admin")) << args;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminCommandTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return info.param == Backend::kSqlite ? "Sqlite"
                                                                 : "Postgres";
                         });

}  // namespace
}  // namespace callplan::crm
