// Who may do what, against real sidecars: roles from bearer tokens and from
// mutual-TLS certificate identities, refusals audited without secrets;
// policies and the audit trail surviving a restart on one SQLite file; two
// sidecars sharing one PostgreSQL seeing each other's updates; who may
// verify the audit chain.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/auth.h"
#include "tests/fixtures/cycle_request.h"
#include "tests/server/admin_test_support.h"
#include "tests/server/store/store_fixture.h"

namespace callplan {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace callplan::testing;  // NOLINT

constexpr char kAdminToken[] = "admin-token-0123456789";
constexpr char kPlannerToken[] = "planner-token-abcdef";
constexpr char kAuditorToken[] = "auditor-token-zyxw";

std::string TokenRoles() {
  return absl::StrCat(
      "roles { role: \"admin\" token_sha256: \"", Sha256Hex(kAdminToken),
      "\" name: \"alice\" }\n"
      "roles { role: \"planner\" token_sha256: \"", Sha256Hex(kPlannerToken),
      "\" name: \"crm-lyon\" }\n"
      "roles { role: \"auditor\" token_sha256: \"", Sha256Hex(kAuditorToken),
      "\" name: \"audit-bot\" }\n");
}

// A context presenting `token` ("" = none).
std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  return context;
}

grpc::StatusCode UpdateCode(v1::AdminService::Stub& stub, const std::string& token,
                            const v1::UpdateFairnessPolicyRequest& request) {
  v1::UpdateFairnessPolicyResponse response;
  return stub.UpdateFairnessPolicy(As(token).get(), request, &response).error_code();
}

grpc::StatusCode ListPoliciesCode(v1::AdminService::Stub& stub,
                                  const std::string& token) {
  v1::ListFairnessPoliciesResponse response;
  return stub.ListFairnessPolicies(As(token).get(), {}, &response).error_code();
}

grpc::StatusCode AuditCode(v1::AdminService::Stub& stub, const std::string& token,
                           v1::ListAuditEventsResponse* response) {
  v1::ListAuditEventsRequest request;
  request.set_page_size(1000);
  return stub.ListAuditEvents(As(token).get(), request, response).error_code();
}

grpc::StatusCode PlanCode(v1::PlannerService::Stub& stub, const std::string& token) {
  v1::PlanDayResponse response;
  return stub.PlanDay(As(token).get(), TinyTeamRequest(), &response).error_code();
}

class AdminRolesTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = MakeTempDir("callplan-roles"); }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string SqliteUrl() const { return absl::StrCat("sqlite:", dir_, "/p.db"); }
  std::string dir_;
};

TEST_F(AdminRolesTest, BearerTokensGrantTheirRolesAndRefusalsAreAudited) {
  auto sidecar = StartSidecarOn(SqliteUrl(), TokenRoles());
  ASSERT_NE(sidecar, nullptr);
  auto channel = sidecar->NewChannel();
  auto admin = AdminStub(channel);
  auto planner = v1::PlannerService::NewStub(channel);
  const auto update = UpdateRequest("t1", 0, 0, "equal days");

  EXPECT_EQ(UpdateCode(*admin, "", update), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(UpdateCode(*admin, "not-a-token", update),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(UpdateCode(*admin, kPlannerToken, update),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(UpdateCode(*admin, kAuditorToken, update),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(UpdateCode(*admin, kAdminToken, update), grpc::StatusCode::OK);
  EXPECT_EQ(ListPoliciesCode(*admin, kAuditorToken), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ListPoliciesCode(*admin, kAdminToken), grpc::StatusCode::OK);

  EXPECT_EQ(PlanCode(*planner, kPlannerToken), grpc::StatusCode::OK);
  EXPECT_EQ(PlanCode(*planner, kAdminToken), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(PlanCode(*planner, ""), grpc::StatusCode::UNAUTHENTICATED);
  v1::RouteRequest route;
  v1::RouteResponse routed;
  EXPECT_EQ(planner->Route(As("").get(), route, &routed).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  v1::ListAuditEventsResponse audit;
  EXPECT_EQ(AuditCode(*admin, kPlannerToken, &audit), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_EQ(AuditCode(*admin, kAuditorToken, &audit), grpc::StatusCode::OK);
  std::vector<v1::AuditEvent> events(audit.events().begin(), audit.events().end());
  const auto denied = EventsOfKind(events, v1::DENIED);
  // 4 updates, 1 policy list, 2 plans, 1 route, 1 audit read.
  ASSERT_EQ(denied.size(), 9u);
  EXPECT_EQ(denied[0].status(), "UNAUTHENTICATED");
  EXPECT_EQ(denied[0].actor(), "anonymous@ipv4:127.0.0.1");
  EXPECT_EQ(denied[0].detail(), "UpdateFairnessPolicy");
  EXPECT_EQ(denied[0].team_id(), "t1");
  EXPECT_EQ(denied[2].status(), "PERMISSION_DENIED");
  EXPECT_EQ(denied[2].actor(), "token:crm-lyon");
  EXPECT_EQ(denied[5].detail(), "PlanDay");
  EXPECT_EQ(denied[5].actor(), "token:alice");
  EXPECT_EQ(denied[8].detail(), "ListAuditEvents");
  const auto plans = EventsOfKind(events, v1::PLAN_DAY);
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].actor(), "token:crm-lyon");
  EXPECT_EQ(plans[0].policy_version(), 1);
  const auto changes = EventsOfKind(events, v1::POLICY_CHANGE);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].actor(), "token:alice");

  // Neither tokens nor their hashes are kept anywhere.
  const std::string log = sidecar->Log();
  std::string dump = audit.DebugString();
  for (const char* token : {kAdminToken, kPlannerToken, kAuditorToken, "not-a-token"}) {
    EXPECT_THAT(dump, Not(HasSubstr(token)));
    EXPECT_THAT(dump, Not(HasSubstr(Sha256Hex(token))));
    EXPECT_THAT(log, Not(HasSubstr(token)));
  }
  admin.reset();
  planner.reset();
  channel.reset();
  EXPECT_EQ(sidecar->Stop(), 0);
}

grpc::StatusCode PlanCycleCode(v1::PlannerService::Stub& stub,
                               const std::string& token) {
  v1::PlanCycleResponse response;
  return stub.PlanCycle(As(token).get(), SmallCycleRequest(), &response)
      .error_code();
}

grpc::StatusCode PlanCycleStreamCode(v1::PlannerService::Stub& stub,
                                     const std::string& token) {
  auto context = As(token);
  auto reader = stub.PlanCycleStream(context.get(), SmallCycleRequest());
  v1::PlanCycleProgress progress;
  while (reader->Read(&progress)) {
  }
  return reader->Finish().error_code();
}

// Cycles are planners' work, as days are; refusals are audited by method.
TEST_F(AdminRolesTest, CyclesNeedThePlannerRole) {
  auto sidecar = StartSidecarOn(SqliteUrl(), TokenRoles());
  ASSERT_NE(sidecar, nullptr);
  auto channel = sidecar->NewChannel();
  auto admin = AdminStub(channel);
  auto planner = v1::PlannerService::NewStub(channel);

  EXPECT_EQ(PlanCycleCode(*planner, kPlannerToken), grpc::StatusCode::OK);
  EXPECT_EQ(PlanCycleCode(*planner, kAuditorToken), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(PlanCycleCode(*planner, ""), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(PlanCycleStreamCode(*planner, kPlannerToken), grpc::StatusCode::OK);
  EXPECT_EQ(PlanCycleStreamCode(*planner, kAdminToken),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::ListAuditEventsResponse audit;
  ASSERT_EQ(AuditCode(*admin, kAuditorToken, &audit), grpc::StatusCode::OK);
  std::vector<v1::AuditEvent> events(audit.events().begin(), audit.events().end());
  const auto denied = EventsOfKind(events, v1::DENIED);
  ASSERT_EQ(denied.size(), 3u);
  EXPECT_EQ(denied[0].detail(), "PlanCycle");
  EXPECT_EQ(denied[0].actor(), "token:audit-bot");
  EXPECT_EQ(denied[1].status(), "UNAUTHENTICATED");
  EXPECT_EQ(denied[2].detail(), "PlanCycleStream");
  EXPECT_EQ(denied[2].actor(), "token:alice");
  const auto plans = EventsOfKind(events, v1::PLAN_DAY);
  ASSERT_EQ(plans.size(), 2u);
  for (const auto& plan : plans) {
    EXPECT_EQ(plan.actor(), "token:crm-lyon");
    EXPECT_THAT(plan.detail(), ::testing::StartsWith("cycle="));
  }
  admin.reset();
  planner.reset();
  channel.reset();
  EXPECT_EQ(sidecar->Stop(), 0);
}

TEST_F(AdminRolesTest, CertificateIdentitiesGrantTheirRoles) {
  auto sidecar = StartSidecarOn(
      SqliteUrl(),
      "roles { role: \"planner\" certificate_identity: \"crm-plugin\" }\n"
      "roles { role: \"admin\" certificate_identity: \"alice.admin\" }\n",
      /*mutual_tls=*/true);
  ASSERT_NE(sidecar, nullptr);
  const TestPki& pki = sidecar->pki();
  const auto [alice_cert, alice_key] = IssueClientCertificate(pki, "alice.admin");
  ASSERT_FALSE(alice_cert.empty());
  auto crm_channel = sidecar->NewChannel();  // CN crm-plugin
  auto alice_channel =
      NewTlsChannel(sidecar->address(), pki.ca_cert, alice_cert, alice_key);

  auto crm_admin = AdminStub(crm_channel);
  auto alice_admin = AdminStub(alice_channel);
  auto crm_planner = v1::PlannerService::NewStub(crm_channel);
  auto alice_planner = v1::PlannerService::NewStub(alice_channel);
  const auto update = UpdateRequest("t1", 0, 0, "by certificate");
  EXPECT_EQ(UpdateCode(*crm_admin, "", update), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(UpdateCode(*alice_admin, "", update), grpc::StatusCode::OK);
  EXPECT_EQ(PlanCode(*crm_planner, ""), grpc::StatusCode::OK);
  EXPECT_EQ(PlanCode(*alice_planner, ""), grpc::StatusCode::PERMISSION_DENIED);
  // A token nobody was given does not ride on a good certificate.
  EXPECT_EQ(PlanCode(*crm_planner, "forged"), grpc::StatusCode::UNAUTHENTICATED);

  const auto events = AllAuditEvents(*alice_admin);
  const auto denied = EventsOfKind(events, v1::DENIED);
  ASSERT_EQ(denied.size(), 3u);
  EXPECT_EQ(denied[0].actor(), "cert:crm-plugin");
  EXPECT_EQ(denied[0].detail(), "UpdateFairnessPolicy");
  EXPECT_EQ(denied[1].actor(), "cert:alice.admin");
  EXPECT_EQ(denied[1].detail(), "PlanDay");
  EXPECT_EQ(denied[2].status(), "UNAUTHENTICATED");
  const auto plans = EventsOfKind(events, v1::PLAN_DAY);
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].actor(), "cert:crm-plugin");
  EXPECT_EQ(EventsOfKind(events, v1::POLICY_CHANGE)[0].actor(), "cert:alice.admin");
  crm_admin.reset(); alice_admin.reset(); crm_planner.reset(); alice_planner.reset();
  crm_channel.reset(); alice_channel.reset();
  EXPECT_EQ(sidecar->Stop(), 0);
}

TEST_F(AdminRolesTest, BadRoleConfigStopsTheSidecarNamingTheField) {
  SidecarOptions options;
  options.config = "roles { role: \"superuser\" certificate_identity: \"x\" }\n";
  auto sidecar = SidecarProcess::Start(options);
  ASSERT_FALSE(sidecar.ok());
  EXPECT_THAT(std::string(sidecar.status().message()), HasSubstr("roles[0].role"));
}

TEST_F(AdminRolesTest, PoliciesAndAuditSurviveARestartOnTheSameFile) {
  {
    auto sidecar = StartSidecarOn(SqliteUrl());
    ASSERT_NE(sidecar, nullptr);
    auto admin = AdminStub(sidecar->NewChannel());
    auto planner = sidecar->NewStub();
    ASSERT_EQ(UpdateCode(*admin, "", UpdateRequest("t1", 0, 0, "before restart")),
              grpc::StatusCode::OK);
    ASSERT_EQ(PlanCode(*planner, ""), grpc::StatusCode::OK);
    admin.reset();
    planner.reset();
    EXPECT_EQ(sidecar->Stop(), 0);
  }
  auto sidecar = StartSidecarOn(SqliteUrl());
  ASSERT_NE(sidecar, nullptr);
  auto admin = AdminStub(sidecar->NewChannel());
  auto planner = sidecar->NewStub();
  {
    grpc::ClientContext context;
    v1::GetFairnessPolicyRequest get;
    get.set_team_id("t1");
    v1::GetFairnessPolicyResponse got;
    ASSERT_TRUE(admin->GetFairnessPolicy(&context, get, &got).ok());
    EXPECT_EQ(got.policy().version(), 1);
    EXPECT_EQ(got.policy().reason(), "before restart");
  }
  const auto events = AllAuditEvents(*admin);
  EXPECT_EQ(EventsOfKind(events, v1::POLICY_CHANGE).size(), 1u);
  EXPECT_EQ(EventsOfKind(events, v1::PLAN_DAY).size(), 1u);
  // The next plan after the restart still uses the stored policy.
  {
    v1::PlanDayResponse plan;
    grpc::ClientContext context;
    ASSERT_TRUE(planner->PlanDay(&context, TinyTeamRequest(), &plan).ok());
    EXPECT_EQ(VisitCount(plan), 2);
    EXPECT_EQ(plan.stats().policy_versions().at("t1"), 1);
  }
  admin.reset();
  planner.reset();
  EXPECT_EQ(sidecar->Stop(), 0);
}

TEST_F(AdminRolesTest, AuditorsAndAdminsMayVerifyTheTrailPlannersMayNot) {
  auto sidecar = StartSidecarOn(SqliteUrl(), TokenRoles());
  ASSERT_NE(sidecar, nullptr);
  auto admin = AdminStub(sidecar->NewChannel());
  auto verify = [&](const std::string& token, v1::VerifyAuditTrailResponse* out) {
    return admin->VerifyAuditTrail(As(token).get(), {}, out).error_code();
  };
  v1::VerifyAuditTrailResponse check;
  EXPECT_EQ(verify(kPlannerToken, &check), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(verify("", &check), grpc::StatusCode::UNAUTHENTICATED);
  ASSERT_EQ(verify(kAdminToken, &check), grpc::StatusCode::OK);
  EXPECT_TRUE(check.intact()) << check.explanation();
  ASSERT_EQ(verify(kAuditorToken, &check), grpc::StatusCode::OK);
  EXPECT_TRUE(check.intact()) << check.explanation();
  EXPECT_EQ(check.records_checked(), 2);  // the two refusals, chained

  v1::ListAuditEventsResponse audit;
  ASSERT_EQ(AuditCode(*admin, kAuditorToken, &audit), grpc::StatusCode::OK);
  ASSERT_EQ(audit.events_size(), 2);
  EXPECT_EQ(audit.events(0).detail(), "VerifyAuditTrail");
  EXPECT_EQ(audit.events(0).actor(), "token:crm-lyon");
  EXPECT_EQ(audit.events(1).status(), "UNAUTHENTICATED");
  EXPECT_EQ(check.last_sha256(), audit.events(1).sha256());
  admin.reset();
  EXPECT_EQ(sidecar->Stop(), 0);
}

TEST_F(AdminRolesTest, TwoSidecarsOnOnePostgresSeeEachOthersUpdates) {
  auto server = store::PostgresEnvironment::Server();
  ASSERT_TRUE(server.ok()) << server.status();
  auto url = (*server)->CreateDatabase("replicas");
  ASSERT_TRUE(url.ok()) << url.status();
  auto a = StartSidecarOn(*url);
  auto b = StartSidecarOn(*url);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  auto admin_a = AdminStub(a->NewChannel());
  auto admin_b = AdminStub(b->NewChannel());
  EXPECT_EQ(UpdateCode(*admin_a, "", UpdateRequest("t1", 0, 3, "via a")),
            grpc::StatusCode::OK);
  EXPECT_EQ(UpdateCode(*admin_b, "", UpdateRequest("t1", 1, 0, "via b")),
            grpc::StatusCode::OK);
  // a's caller still thinks version 1 is current.
  EXPECT_EQ(UpdateCode(*admin_a, "", UpdateRequest("t1", 1, 9, "stale via a")),
            grpc::StatusCode::ABORTED);
  // Plans on a use what was set through b.
  auto planner_a = a->NewStub();
  {
    v1::PlanDayResponse plan;
    grpc::ClientContext context;
    ASSERT_TRUE(planner_a->PlanDay(&context, TinyTeamRequest(), &plan).ok());
    EXPECT_EQ(VisitCount(plan), 2);
    EXPECT_EQ(plan.stats().policy_versions().at("t1"), 2);
  }
  // One audit trail for both.
  const auto from_b = AllAuditEvents(*admin_b);
  EXPECT_EQ(EventsOfKind(from_b, v1::POLICY_CHANGE).size(), 2u);
  EXPECT_EQ(EventsOfKind(from_b, v1::PLAN_DAY).size(), 1u);
  admin_a.reset();
  admin_b.reset();
  planner_a.reset();
  EXPECT_EQ(a->Stop(), 0);
  EXPECT_EQ(b->Stop(), 0);
}

}  // namespace
}  // namespace callplan
