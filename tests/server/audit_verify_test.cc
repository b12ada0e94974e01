// AdminService.VerifyAuditTrail against real sidecars, on a SQLite file and
// on a throwaway PostgreSQL: two sidecars appending to one store at once
// keep one intact chain (listings carry the hashes), and a record changed in
// the database behind the sidecar's back is named. Who may call it is in
// admin_roles_test.cc.
#include <atomic>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/store/audit_hash.h"
#include "tests/server/admin_test_support.h"
#include "tests/server/store/audit_tamper.h"
#include "tests/server/store/store_fixture.h"

namespace callplan {
namespace {

using ::testing::HasSubstr;
using store::Backend;
using namespace callplan::testing;  // NOLINT

v1::VerifyAuditTrailResponse VerifyThrough(v1::AdminService::Stub& stub) {
  grpc::ClientContext context;
  v1::VerifyAuditTrailResponse response;
  const grpc::Status status = stub.VerifyAuditTrail(&context, {}, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response;
}

class AuditVerifyTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kSqlite) {
      dir_ = MakeTempDir("callplan-verify");
      target_ = dir_ + "/policies.db";
      url_ = "sqlite:" + target_;
    } else {
      auto server = store::PostgresEnvironment::Server();
      ASSERT_TRUE(server.ok()) << server.status();
      static int databases = 0;
      auto url = (*server)->CreateDatabase(absl::StrCat("verify_", ++databases));
      ASSERT_TRUE(url.ok()) << url.status();
      target_ = url_ = *url;
    }
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  absl::Status RawScript(const std::string& sql) {
    return GetParam() == Backend::kSqlite ? store::RawSqliteScript(target_, sql)
                                          : store::RawPostgresScript(target_, sql);
  }
  std::string dir_, target_, url_;
};

// Each of two sidecars takes policy changes and plans from three callers at
// once; the appends serialize on the store, across both processes.
TEST_P(AuditVerifyTest, TwoSidecarsAppendingAtOnceKeepOneChain) {
  auto a = StartSidecarOn(url_);
  auto b = StartSidecarOn(url_);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  auto admin_a = AdminStub(a->NewChannel());
  auto admin_b = AdminStub(b->NewChannel());
  std::atomic<int> failed{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 6; ++c) {
    callers.emplace_back([&, c] {
      SidecarProcess& sidecar = c % 2 ? *b : *a;
      auto admin = AdminStub(sidecar.NewChannel());
      auto planner = sidecar.NewStub();
      for (int n = 0; n < 8; ++n) {
        grpc::ClientContext context;
        v1::UpdateFairnessPolicyResponse response;
        const auto request =
            UpdateRequest(absl::StrCat("team-", c, "-", n), 0, 2, "load");
        if (!admin->UpdateFairnessPolicy(&context, request, &response).ok()) {
          failed.fetch_add(1);
        }
      }
      grpc::ClientContext context;
      v1::PlanDayResponse plan;
      if (!planner->PlanDay(&context, TinyTeamRequest(), &plan).ok()) {
        failed.fetch_add(1);
      }
    });
  }
  for (std::thread& t : callers) t.join();
  ASSERT_EQ(failed.load(), 0);

  const std::vector<v1::AuditEvent> events = AllAuditEvents(*admin_a, {}, 500);
  ASSERT_EQ(events.size(), 6u * 8 + 6);
  std::string prev = store::kGenesisSha256;
  for (const v1::AuditEvent& e : events) {
    EXPECT_EQ(e.prev_sha256(), prev) << "record " << e.id();
    EXPECT_EQ(e.sha256().size(), 64u);
    prev = e.sha256();
  }
  for (auto* admin : {admin_a.get(), admin_b.get()}) {
    const v1::VerifyAuditTrailResponse check = VerifyThrough(*admin);
    EXPECT_TRUE(check.intact()) << check.explanation();
    EXPECT_EQ(check.records_checked(), static_cast<int64_t>(events.size()));
    EXPECT_EQ(check.last_id(), events.back().id());
    EXPECT_EQ(check.last_sha256(), events.back().sha256());
    EXPECT_EQ(check.problem(), v1::AUDIT_CHAIN_BREAK_UNSPECIFIED);
  }
  admin_a.reset();
  admin_b.reset();
  EXPECT_EQ(a->Stop(), 0);
  EXPECT_EQ(b->Stop(), 0);
}

TEST_P(AuditVerifyTest, RecordChangedBehindTheSidecarsBackIsNamed) {
  auto sidecar = StartSidecarOn(url_);
  ASSERT_NE(sidecar, nullptr);
  auto admin = AdminStub(sidecar->NewChannel());
  for (int v = 0; v < 3; ++v) {
    grpc::ClientContext context;
    v1::UpdateFairnessPolicyResponse response;
    ASSERT_TRUE(admin->UpdateFairnessPolicy(
        &context, UpdateRequest("t1", v, v + 1, "step"), &response).ok());
  }
  ASSERT_TRUE(VerifyThrough(*admin).intact());

  ASSERT_TRUE(RawScript(store::DisableAuditTriggers(GetParam()) +
                        "UPDATE audit_events SET actor = 'token:alice' WHERE id = 2;")
                  .ok());
  const v1::VerifyAuditTrailResponse check = VerifyThrough(*admin);
  EXPECT_FALSE(check.intact());
  EXPECT_EQ(check.first_bad_id(), 2);
  EXPECT_EQ(check.problem(), v1::CONTENT_CHANGED);
  EXPECT_EQ(check.records_checked(), 1);
  EXPECT_THAT(check.explanation(), HasSubstr("record 2"));
  admin.reset();
  EXPECT_EQ(sidecar->Stop(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditVerifyTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         store::BackendName);

}  // namespace
}  // namespace callplan
