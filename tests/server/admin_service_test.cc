// AdminService against a real sidecar on loopback (no roles: loopback
// callers may do everything), once on a SQLite file and once on a
// throwaway PostgreSQL: policy CRUD and versions, ABORTED on a stale
// version, validation naming fields, stored policies used by PlanDay and
// PlanDayStream with their versions reported, the audit trail of changes
// and plans, and paging.
#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/status_mapping.h"
#include "tests/server/admin_test_support.h"
#include "tests/server/store/store_fixture.h"

namespace callplan {
namespace {

using ::testing::HasSubstr;
using store::Backend;
using namespace callplan::testing;  // NOLINT

class AdminServiceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kSqlite) {
      dir_ = MakeTempDir("callplan-admin");
      url_ = absl::StrCat("sqlite:", dir_, "/policies.db");
    } else {
      auto server = store::PostgresEnvironment::Server();
      ASSERT_TRUE(server.ok()) << server.status();
      static int databases = 0;
      auto url = (*server)->CreateDatabase(absl::StrCat("admin_", ++databases));
      ASSERT_TRUE(url.ok()) << url.status();
      url_ = *url;
    }
    sidecar_ = StartSidecarOn(url_);
    ASSERT_NE(sidecar_, nullptr);
    admin_ = AdminStub(sidecar_->NewChannel());
    planner_ = sidecar_->NewStub();
  }
  void TearDown() override {
    // Open connections would hold the drain up to its 5 s limit.
    admin_.reset();
    planner_.reset();
    if (sidecar_) {
      EXPECT_EQ(sidecar_->Stop(), 0);
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  grpc::Status Update(const v1::UpdateFairnessPolicyRequest& request,
                      v1::FairnessPolicy* out = nullptr) {
    grpc::ClientContext context;
    v1::UpdateFairnessPolicyResponse response;
    grpc::Status status = admin_->UpdateFairnessPolicy(&context, request, &response);
    if (out != nullptr) *out = response.policy();
    return status;
  }
  grpc::Status Get(const std::string& team, v1::FairnessPolicy* out) {
    grpc::ClientContext context;
    v1::GetFairnessPolicyRequest request;
    request.set_team_id(team);
    v1::GetFairnessPolicyResponse response;
    grpc::Status status = admin_->GetFairnessPolicy(&context, request, &response);
    *out = response.policy();
    return status;
  }
  std::vector<v1::FairnessPolicy> List() {
    grpc::ClientContext context;
    v1::ListFairnessPoliciesResponse response;
    EXPECT_TRUE(admin_->ListFairnessPolicies(&context, {}, &response).ok());
    return {response.policies().begin(), response.policies().end()};
  }
  v1::PlanDayResponse Plan(const v1::PlanDayRequest& request) {
    grpc::ClientContext context;
    v1::PlanDayResponse response;
    const grpc::Status status = planner_->PlanDay(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  std::string dir_, url_;
  std::unique_ptr<SidecarProcess> sidecar_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
  std::unique_ptr<v1::PlannerService::Stub> planner_;
};

TEST_P(AdminServiceTest, PoliciesAreCreatedReplacedAndVersioned) {
  v1::FairnessPolicy policy;
  EXPECT_EQ(Get("t1", &policy).error_code(), grpc::StatusCode::NOT_FOUND);

  ASSERT_TRUE(Update(UpdateRequest("default", 0, 3, "first default"), &policy).ok());
  EXPECT_EQ(policy.version(), 1);
  EXPECT_EQ(policy.updated_by(), "anonymous@ipv4:127.0.0.1");
  // A team without its own policy gets the default, and is told so.
  ASSERT_TRUE(Get("t1", &policy).ok());
  EXPECT_EQ(policy.team_id(), "default");
  EXPECT_EQ(policy.bounds().max_workload_spread(), 3u);

  ASSERT_TRUE(Update(UpdateRequest("t1", 0, 2, "t1 created"), &policy).ok());
  const std::string first_etag = policy.etag();
  v1::UpdateFairnessPolicyRequest replace = UpdateRequest("t1", 1, 1, "tighter");
  replace.mutable_bounds()->set_max_route_distance(42.5);
  ASSERT_TRUE(Update(replace, &policy).ok());
  EXPECT_EQ(policy.version(), 2);
  EXPECT_NE(policy.etag(), first_etag);
  ASSERT_TRUE(Get("t1", &policy).ok());
  EXPECT_EQ(policy.team_id(), "t1");
  EXPECT_EQ(policy.version(), 2);
  EXPECT_EQ(policy.bounds().max_workload_spread(), 1u);
  EXPECT_EQ(policy.bounds().max_route_distance(), 42.5);
  EXPECT_EQ(policy.reason(), "tighter");

  const std::vector<v1::FairnessPolicy> all = List();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].team_id(), "default");
  EXPECT_EQ(all[1].team_id(), "t1");

  // Every change is in the audit trail: who, old value, new value, reason.
  v1::AuditFilter filter;
  filter.set_team_id("t1");
  const auto changes = AllAuditEvents(*admin_, filter);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].kind(), v1::POLICY_CHANGE);
  EXPECT_EQ(changes[0].old_value(), "");
  EXPECT_THAT(changes[1].old_value(), HasSubstr("max_workload_spread=2"));
  EXPECT_THAT(changes[1].new_value(), HasSubstr("max_workload_spread=1"));
  EXPECT_THAT(changes[1].new_value(), HasSubstr("max_route_distance=42.5"));
  EXPECT_EQ(changes[1].reason(), "tighter");
  EXPECT_EQ(changes[1].actor(), "anonymous@ipv4:127.0.0.1");
  EXPECT_EQ(changes[1].policy_version(), 2);
}

TEST_P(AdminServiceTest, StaleVersionIsAbortedAndChangesNothing) {
  ASSERT_TRUE(Update(UpdateRequest("t1", 0, 2, "create")).ok());
  ASSERT_TRUE(Update(UpdateRequest("t1", 1, 1, "alice")).ok());
  // Bob read version 1 too, and saves after Alice.
  const grpc::Status bob = Update(UpdateRequest("t1", 1, 5, "bob"));
  EXPECT_EQ(bob.error_code(), grpc::StatusCode::ABORTED) << bob.error_message();
  EXPECT_EQ(Update(UpdateRequest("t1", 0, 5, "again")).error_code(),
            grpc::StatusCode::ABORTED);
  EXPECT_EQ(Update(UpdateRequest("t2", 4, 5, "never made")).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::FairnessPolicy policy;
  ASSERT_TRUE(Get("t1", &policy).ok());
  EXPECT_EQ(policy.version(), 2);
  EXPECT_EQ(policy.bounds().max_workload_spread(), 1u);
  v1::AuditFilter filter;
  filter.set_kind(v1::POLICY_CHANGE);
  EXPECT_EQ(AllAuditEvents(*admin_, filter).size(), 2u);
}

TEST_P(AdminServiceTest, NonsenseIsRejectedNamingEachField) {
  v1::UpdateFairnessPolicyRequest request;
  request.set_expected_version(-1);
  v1::FairnessBounds* b = request.mutable_bounds();
  b->set_max_potential_spread(-3);
  b->set_distance_safety_factor(0.9);
  b->set_max_visits_per_rep(0);
  b->set_max_route_distance(0);
  // Stored, it used to make every PlanDay of the team fail (issue 10,
  // finding 3).
  b->set_max_workload_spread(2147483648u);
  const grpc::Status status = Update(request);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::set<std::string> fields;
  for (const FieldViolation& v : BadRequestViolations(status)) fields.insert(v.field);
  EXPECT_EQ(fields, (std::set<std::string>{
                        "team_id", "expected_version", "bounds.max_potential_spread",
                        "bounds.distance_safety_factor", "bounds.max_visits_per_rep",
                        "bounds.max_route_distance", "bounds.max_workload_spread"}));
  EXPECT_THAT(status.error_message(), HasSubstr("distance_safety_factor"));
  EXPECT_TRUE(List().empty());
  EXPECT_TRUE(AllAuditEvents(*admin_).empty());
}

TEST_P(AdminServiceTest, PlanDayUsesTheStoredTeamPolicyAndIsAudited) {
  const v1::PlanDayRequest request = TinyTeamRequest();
  const v1::PlanDayResponse loose = Plan(request);
  EXPECT_EQ(VisitCount(loose), 3);
  EXPECT_TRUE(loose.stats().policy_versions().empty());

  ASSERT_TRUE(Update(UpdateRequest("t1", 0, 0, "equal days")).ok());
  ASSERT_TRUE(Update(UpdateRequest("t1", 1, 0, "same, new version")).ok());
  const v1::PlanDayResponse tight = Plan(request);
  EXPECT_EQ(VisitCount(tight), 2);
  EXPECT_EQ(tight.stats().workload_spread(), 0u);
  ASSERT_EQ(tight.stats().policy_versions().size(), 1u);
  EXPECT_EQ(tight.stats().policy_versions().at("t1"), 2);

  // Bounds sent with the request win over the stored ones.
  v1::PlanDayRequest explicit_bounds = request;
  explicit_bounds.mutable_fairness()->set_max_workload_spread(5);
  const v1::PlanDayResponse own = Plan(explicit_bounds);
  EXPECT_EQ(VisitCount(own), 3);
  EXPECT_TRUE(own.stats().policy_versions().empty());

  // The stream plans the same way.
  grpc::ClientContext context;
  auto reader = planner_->PlanDayStream(&context, request);
  v1::PlanDayProgress progress, last;
  while (reader->Read(&progress)) last = progress;
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_EQ(VisitCount(last.final_response()), 2);
  EXPECT_EQ(last.final_response().stats().policy_versions().at("t1"), 2);

  v1::AuditFilter filter;
  filter.set_kind(v1::PLAN_DAY);
  const auto plans = AllAuditEvents(*admin_, filter);
  ASSERT_EQ(plans.size(), 4u);
  const v1::AuditEvent& audited = plans[1];
  EXPECT_EQ(audited.team_id(), "t1");
  EXPECT_EQ(audited.territory_id(), "tiny");
  EXPECT_EQ(audited.policy_version(), 2);
  EXPECT_EQ(audited.status(), "OK");
  EXPECT_EQ(audited.objective(), tight.stats().objective());
  EXPECT_EQ(audited.counts().at("visits"), 2);
  EXPECT_EQ(audited.counts().at("reps"), 2);
  EXPECT_EQ(audited.request_digest().size(), 64u);
  // Same request, same digest; other bounds, another digest.
  EXPECT_EQ(plans[0].request_digest(), audited.request_digest());
  EXPECT_NE(plans[2].request_digest(), audited.request_digest());
  EXPECT_EQ(plans[0].policy_version(), 0);
  // Records hold digests, never the request's ids.
  for (const v1::AuditEvent& e : plans) {
    EXPECT_THAT(e.DebugString(), ::testing::Not(HasSubstr("R1")));
  }
}

TEST_P(AdminServiceTest, DefaultPolicyAppliesToTeamsWithoutTheirOwn) {
  ASSERT_TRUE(Update(UpdateRequest("default", 0, 0, "equal days everywhere")).ok());
  const v1::PlanDayResponse plan = Plan(TinyTeamRequest());
  EXPECT_EQ(VisitCount(plan), 2);
  ASSERT_EQ(plan.stats().policy_versions().count("default"), 1u);
  EXPECT_EQ(plan.stats().policy_versions().at("default"), 1);
}

TEST_P(AdminServiceTest, RefusedPlansAreAuditedWithTheirStatus) {
  v1::PlanDayRequest bad = TinyTeamRequest();
  bad.mutable_physicians(0)->set_id("");
  grpc::ClientContext context;
  v1::PlanDayResponse response;
  EXPECT_EQ(planner_->PlanDay(&context, bad, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  const auto events = AllAuditEvents(*admin_);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind(), v1::PLAN_DAY);
  EXPECT_EQ(events[0].status(), "INVALID_ARGUMENT");
}

TEST_P(AdminServiceTest, AuditIsPagedAndFiltered) {
  ASSERT_TRUE(Update(UpdateRequest("a", 0, 1, "r")).ok());
  for (int v = 1; v <= 4; ++v) {
    ASSERT_TRUE(Update(UpdateRequest("b", v - 1, v, "r")).ok());
  }
  Plan(TinyTeamRequest());

  v1::ListAuditEventsRequest request;
  request.set_page_size(2);
  std::vector<int64_t> ids;
  int pages = 0;
  do {
    grpc::ClientContext context;
    v1::ListAuditEventsResponse response;
    ASSERT_TRUE(admin_->ListAuditEvents(&context, request, &response).ok());
    EXPECT_LE(response.events_size(), 2);
    for (const auto& e : response.events()) ids.push_back(e.id());
    request.set_page_token(response.next_page_token());
    ++pages;
  } while (!request.page_token().empty());
  EXPECT_EQ(ids.size(), 6u);
  EXPECT_GE(pages, 3);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(std::set<int64_t>(ids.begin(), ids.end()).size(), ids.size());

  v1::AuditFilter filter;
  filter.set_team_id("b");
  filter.set_kind(v1::POLICY_CHANGE);
  EXPECT_EQ(AllAuditEvents(*admin_, filter).size(), 4u);
  filter.Clear();
  filter.set_kind(v1::PLAN_DAY);
  EXPECT_EQ(AllAuditEvents(*admin_, filter).size(), 1u);
  filter.Clear();
  filter.mutable_from()->set_seconds(absl::ToUnixSeconds(absl::Now()) + 3600);
  EXPECT_TRUE(AllAuditEvents(*admin_, filter).empty());
  filter.Clear();
  filter.mutable_to()->set_seconds(absl::ToUnixSeconds(absl::Now()) + 3600);
  EXPECT_EQ(AllAuditEvents(*admin_, filter).size(), 6u);

  grpc::ClientContext context;
  v1::ListAuditEventsResponse response;
  request.set_page_token("not a token");
  const grpc::Status bad = admin_->ListAuditEvents(&context, request, &response);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_FALSE(BadRequestViolations(bad).empty());
  EXPECT_EQ(BadRequestViolations(bad)[0].field, "page_token");
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminServiceTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         store::BackendName);

}  // namespace
}  // namespace callplan
