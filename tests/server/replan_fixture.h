// The day every re-plan test starts from: a stored draft of three reps
// and twelve physicians on a real sidecar (tests/server/replan_*_test.cc).
#ifndef CALLPLAN_TESTS_SERVER_REPLAN_FIXTURE_H_
#define CALLPLAN_TESTS_SERVER_REPLAN_FIXTURE_H_

#include <map>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "callplan/v1/plan_service.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/fixtures/sidecar_process.h"

namespace callplan {

inline constexpr int64_t kHour = 3600;

// Three reps on a line with full shifts; twelve physicians, half open in
// the morning and half in the afternoon, so every rep's day runs past
// 11:00 and a re-plan at 11:00 has visits to hand over.
inline v1::PlanDayRequest TimedDay() {
  v1::PlanDayRequest day;
  day.set_territory_id("replan-line");
  day.set_date("2026-03-12");
  day.set_default_visit_duration_seconds(1800);
  for (int r = 0; r < 3; ++r) {
    v1::Rep* rep = day.add_reps();
    rep->set_id(absl::StrCat("R", r + 1));
    rep->mutable_home()->mutable_planar()->set_x(10.0 * r);
    rep->add_products("P");
    rep->mutable_shift()->set_start_seconds(8 * kHour);
    rep->mutable_shift()->set_end_seconds(17 * kHour);
  }
  for (int k = 0; k < 12; ++k) {
    v1::Physician* p = day.add_physicians();
    p->set_id(absl::StrCat("D", k < 9 ? "0" : "", k + 1));
    p->mutable_location()->mutable_planar()->set_x(2.0 * k);
    p->mutable_location()->mutable_planar()->set_y(1 + k % 3);
    (*p->mutable_product_potential())["P"] = 20 + 5 * (k % 4);
    p->set_optional(true);
    v1::TimeWindow* open = p->add_availability();
    open->set_start_seconds(k % 2 == 0 ? 8 * kHour : 13 * kHour);
    open->set_end_seconds(k % 2 == 0 ? 10 * kHour : 16 * kHour);
  }
  day.mutable_options()->set_time_limit_seconds(10);
  return day;
}

struct PlacedVisit {
  std::string rep;
  int64_t start = 0;
};

inline std::map<std::string, PlacedVisit> VisitsOf(const v1::PlanDayResponse& plan) {
  std::map<std::string, PlacedVisit> out;
  for (const v1::RepDay& day : plan.rep_days()) {
    for (const v1::Visit& v : day.visits()) out[v.physician_id()] = {day.rep_id(), v.start_seconds()};
  }
  return out;
}

class ReplanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto sidecar = testing::SidecarProcess::Start();
    ASSERT_TRUE(sidecar.ok()) << sidecar.status();
    sidecar_ = *std::move(sidecar);
    plans_ = v1::PlanService::NewStub(sidecar_->NewChannel());
    v1::CreateDraftRequest draft;
    *draft.mutable_day() = TimedDay();
    grpc::ClientContext context;
    const grpc::Status status = plans_->CreateDraft(&context, draft, &base_);
    ASSERT_TRUE(status.ok()) << status.error_message() << sidecar_->Log();
    ASSERT_EQ(VisitsOf(base_.response()).size(), 12u);
  }
  grpc::Status Replan(const v1::ReplanRequest& request, v1::ReplanResponse* out) {
    grpc::ClientContext context;
    return plans_->Replan(&context, request, out);
  }
  v1::ReplanRequest At(int64_t now) const {
    v1::ReplanRequest request;
    request.set_plan_id(base_.summary().plan_id());
    request.set_now_seconds(now);
    request.set_reason("rep called in sick");
    return request;
  }

  std::unique_ptr<testing::SidecarProcess> sidecar_;
  std::unique_ptr<v1::PlanService::Stub> plans_;
  v1::StoredPlan base_;
};

}  // namespace callplan

#endif  // CALLPLAN_TESTS_SERVER_REPLAN_FIXTURE_H_
