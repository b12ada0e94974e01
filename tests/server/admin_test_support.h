// Shared by the AdminService tests: sidecars on a chosen policy store, a
// tiny territory whose plan a stored workload spread visibly changes, the
// whole audit trail through the API, and extra client certificates from
// the fixture's test CA. Header-only because each *_test.cc is its own binary.
#ifndef CALLPLAN_TESTS_SERVER_ADMIN_TEST_SUPPORT_H_
#define CALLPLAN_TESTS_SERVER_ADMIN_TEST_SUPPORT_H_

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "callplan/v1/admin_service.grpc.pb.h"
#include "callplan/v1/planner_service.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/sidecar_process.h"

namespace callplan::testing {

inline std::unique_ptr<SidecarProcess> StartSidecarOn(
    const std::string& store_url, const std::string& extra_config = "",
    bool mutual_tls = false) {
  SidecarOptions options;
  options.config = absl::StrCat("store_url: \"", store_url, "\"\n", extra_config);
  options.mutual_tls = mutual_tls;
  absl::StatusOr<std::unique_ptr<SidecarProcess>> sidecar =
      SidecarProcess::Start(options);
  EXPECT_TRUE(sidecar.ok()) << sidecar.status();
  return sidecar.ok() ? *std::move(sidecar) : nullptr;
}

inline std::unique_ptr<v1::AdminService::Stub> AdminStub(
    const std::shared_ptr<grpc::Channel>& channel) {
  return v1::AdminService::NewStub(channel);
}

inline v1::UpdateFairnessPolicyRequest UpdateRequest(const std::string& team,
                                                    int64_t expected_version,
                                                    uint32_t workload_spread,
                                                    const std::string& reason) {
  v1::UpdateFairnessPolicyRequest request;
  request.set_team_id(team);
  request.set_expected_version(expected_version);
  request.mutable_bounds()->set_max_workload_spread(workload_spread);
  request.set_reason(reason);
  return request;
}

// Two reps of team "t1" and three optional physicians everyone may visit:
// with no bounds all three are visited (workload spread 1); with a stored
// workload spread of 0 one must stay unvisited.
inline v1::PlanDayRequest TinyTeamRequest() {
  v1::PlanDayRequest request;
  request.set_territory_id("tiny");
  request.set_date("2026-11-25");
  for (int r = 0; r < 2; ++r) {
    v1::Rep* rep = request.add_reps();
    rep->set_id(absl::StrCat("R", r + 1));
    rep->set_team_id("t1");
    rep->mutable_home()->mutable_planar()->set_x(10.0 * r);
    rep->mutable_home()->mutable_planar()->set_y(0);
    rep->add_products("P");
  }
  for (int k = 0; k < 3; ++k) {
    v1::Physician* physician = request.add_physicians();
    physician->set_id(absl::StrCat("D", k + 1));
    physician->mutable_location()->mutable_planar()->set_x(3.0 * k);
    physician->mutable_location()->mutable_planar()->set_y(1);
    (*physician->mutable_product_potential())["P"] = 10 * (k + 1);
    physician->set_optional(true);
  }
  request.mutable_options()->set_time_limit_seconds(10);
  return request;
}

inline int VisitCount(const v1::PlanDayResponse& plan) {
  int visits = 0;
  for (const v1::RepDay& day : plan.rep_days()) visits += day.visits_size();
  return visits;
}

// Every event matching `filter`, following page tokens.
inline std::vector<v1::AuditEvent> AllAuditEvents(
    v1::AdminService::Stub& stub, const v1::AuditFilter& filter = {},
    int page_size = 3) {
  std::vector<v1::AuditEvent> events;
  v1::ListAuditEventsRequest request;
  *request.mutable_filter() = filter;
  request.set_page_size(page_size);
  do {
    grpc::ClientContext context;
    v1::ListAuditEventsResponse response;
    const grpc::Status status = stub.ListAuditEvents(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok()) break;
    events.insert(events.end(), response.events().begin(), response.events().end());
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return events;
}

inline std::vector<v1::AuditEvent> EventsOfKind(
    const std::vector<v1::AuditEvent>& events, v1::AuditKind kind) {
  std::vector<v1::AuditEvent> out;
  for (const v1::AuditEvent& e : events) {
    if (e.kind() == kind) out.push_back(e);
  }
  return out;
}

// A client certificate for `cn` from the fixture's test CA; the pair of
// PEM file paths {cert, key}, or empty paths when openssl failed.
inline std::pair<std::string, std::string> IssueClientCertificate(
    const TestPki& pki, const std::string& cn) {
  const std::string dir = std::filesystem::path(pki.ca_cert).parent_path();
  const CommandResult r = RunCommand(absl::StrCat(
      "cd '", dir, "' && openssl req -newkey ec -pkeyopt "
      "ec_paramgen_curve:prime256v1 -nodes -keyout '", cn, ".key' -out '", cn,
      ".csr' -subj '/CN=", cn, "' 2>&1 && openssl x509 -req -in '", cn,
      ".csr' -CA test-ca.crt -CAkey test-ca.key -CAcreateserial -out '", cn,
      ".crt' -days 2 -extfile client.ext 2>&1"));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  if (r.exit_code != 0) return {};
  return {absl::StrCat(dir, "/", cn, ".crt"), absl::StrCat(dir, "/", cn, ".key")};
}

}  // namespace callplan::testing

#endif  // CALLPLAN_TESTS_SERVER_ADMIN_TEST_SUPPORT_H_
