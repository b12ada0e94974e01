// Time in the contract (issue 9) through the public interface: the
// one-shot commands and a real sidecar over a socket. Bad times are refused
// naming the field; a timed day comes back with every visit's times and the
// breaks; a timed Route answers with its stops' times, or says that no
// order fits and whether that is proven.
#include <functional>

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/json_io.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/paths.h"
#include "tests/fixtures/sidecar_process.h"

namespace callplan {
namespace {

using ::callplan::testing::BinDir;
using ::callplan::testing::RunCommand;
using ::callplan::testing::SidecarProcess;
using ::callplan::testing::WriteTempFile;
using ::testing::HasSubstr;

constexpr int64_t kHour = 3600;

v1::TimeWindow Window(int64_t start, int64_t end) {
  v1::TimeWindow w;
  w.set_start_seconds(start);
  w.set_end_seconds(end);
  return w;
}

// Two reps with a shift and lunch, five physicians, one afternoon-only, one
// closed on the date (a Thursday) by its office hours.
v1::PlanDayRequest TimedDay() {
  v1::PlanDayRequest r;
  r.set_territory_id("timed");
  r.set_date("2026-03-12");
  for (int i = 0; i < 2; ++i) {
    v1::Rep* rep = r.add_reps();
    rep->set_id(absl::StrCat("R", i + 1));
    rep->mutable_home()->mutable_planar()->set_x(i * 6);
    rep->mutable_home()->mutable_planar()->set_y(0);
    rep->add_products("D1");
    *rep->mutable_shift() = Window(8 * kHour, 17 * kHour);
    v1::Break* lunch = rep->add_breaks();
    *lunch->mutable_window() = Window(12 * kHour, 13 * kHour + 1800);
    lunch->set_duration_seconds(45 * 60);
  }
  for (int j = 0; j < 5; ++j) {
    v1::Physician* p = r.add_physicians();
    p->set_id(absl::StrCat("P", j + 1));
    p->mutable_location()->mutable_planar()->set_x(j * 2);
    p->mutable_location()->mutable_planar()->set_y(3);
    (*p->mutable_product_potential())["D1"] = 20 + 10 * j;
    p->set_optional(true);
  }
  *r.mutable_physicians(1)->add_availability() = Window(14 * kHour, 17 * kHour);
  v1::WeeklyWindow* hours = r.mutable_physicians(2)->add_office_hours();
  hours->set_weekday(v1::MONDAY);  // closed every other day
  *hours->mutable_window() = Window(9 * kHour, 12 * kHour);
  r.mutable_physicians(3)->set_visit_duration_seconds(20 * 60);
  return r;
}

::callplan::testing::CommandResult Solve(const v1::PlanDayRequest& request) {
  const std::string path = WriteTempFile("timed.json", ToJson(request));
  return RunCommand(BinDir() + "/callplan-sidecar solve --request " + path);
}

TEST(TimeContract, BadTimesAreRefusedNamingTheField) {
  const struct {
    std::string expected;
    std::function<void(v1::PlanDayRequest&)> edit;
  } cases[] = {
      {"reps[0].shift: ends at 07:00, before it starts at 08:00",
       [](v1::PlanDayRequest& r) {
         *r.mutable_reps(0)->mutable_shift() = Window(8 * kHour, 7 * kHour);
       }},
      {"reps[0].shift.end_seconds: must be a whole number between 0 and 86400",
       [](v1::PlanDayRequest& r) {
         *r.mutable_reps(0)->mutable_shift() = Window(8 * kHour, 90000);
       }},
      {"reps[1].breaks[0].duration_seconds: is longer than the shift",
       [](v1::PlanDayRequest& r) {
         *r.mutable_reps(1)->mutable_shift() = Window(12 * kHour, 12 * kHour + 600);
       }},
      {"physicians[1].availability[1]: starts at 15:00, not after",
       [](v1::PlanDayRequest& r) {
         *r.mutable_physicians(1)->add_availability() = Window(15 * kHour, 16 * kHour);
       }},
      {"physicians[2].office_hours[0].weekday: must be MONDAY..SUNDAY",
       [](v1::PlanDayRequest& r) {
         r.mutable_physicians(2)->mutable_office_hours(0)->set_weekday(
             v1::WEEKDAY_UNSPECIFIED);
       }},
      {"physicians[2].office_hours[1].window: overlaps physicians[2].office_hours[0]",
       [](v1::PlanDayRequest& r) {
         v1::WeeklyWindow* more = r.mutable_physicians(2)->add_office_hours();
         more->set_weekday(v1::MONDAY);
         *more->mutable_window() = Window(11 * kHour, 13 * kHour);
       }},
      {"physicians[0].closed_dates[0]: must be a date YYYY-MM-DD, got \"12/03/2026\"",
       [](v1::PlanDayRequest& r) { r.mutable_physicians(0)->add_closed_dates("12/03/2026"); }},
      {"physicians[3].visit_duration_seconds: must be a whole number between 0 and 86400",
       [](v1::PlanDayRequest& r) { r.mutable_physicians(3)->set_visit_duration_seconds(-5); }},
      {"distances.durations_seconds: expected 49 entries (7 x 7), like distances, got 3",
       [](v1::PlanDayRequest& r) {
         v1::DistanceMatrix* m = r.mutable_distances();
         for (const v1::Rep& rep : r.reps()) m->add_ids(rep.id());
         for (const v1::Physician& p : r.physicians()) m->add_ids(p.id());
         for (int k = 0; k < 49; ++k) m->add_distances(k % 8 == 0 ? 0 : 1);
         for (int k = 0; k < 3; ++k) m->add_durations_seconds(60);
       }},
      {"reps[0].travel_speed_kmh: must be between 0 and 300",
       [](v1::PlanDayRequest& r) { r.mutable_reps(0)->set_travel_speed_kmh(1000); }},
  };
  for (const auto& c : cases) {
    v1::PlanDayRequest request = TimedDay();
    c.edit(request);
    const auto result = Solve(request);
    EXPECT_EQ(result.exit_code, 2) << c.expected << "\n" << result.err;
    EXPECT_THAT(result.err, HasSubstr(c.expected));
  }
}

class TimedSidecar : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto started = SidecarProcess::Start({});
    ASSERT_TRUE(started.ok()) << started.status();
    sidecar_ = started->release();
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(sidecar_->Stop(), 0) << sidecar_->Log();
    delete sidecar_;
  }
  static SidecarProcess* sidecar_;
};
SidecarProcess* TimedSidecar::sidecar_ = nullptr;

TEST_F(TimedSidecar, ATimedDayComesBackWithTimesAndBreaks) {
  auto stub = sidecar_->NewStub();
  grpc::ClientContext context;
  v1::PlanDayResponse plan;
  const grpc::Status status = stub->PlanDay(&context, TimedDay(), &plan);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_NE(plan.stats().status(), v1::INFEASIBLE);
  bool closed_listed = false;
  for (const v1::Unassigned& u : plan.unassigned()) {
    if (u.physician_id() == "P3") {
      closed_listed = true;
      EXPECT_THAT(u.reason(), HasSubstr("closed today"));
    }
  }
  EXPECT_TRUE(closed_listed);
  for (const v1::RepDay& day : plan.rep_days()) {
    EXPECT_EQ(day.shift().start_seconds(), 8 * kHour);
    if (day.visits_size() == 0) continue;
    EXPECT_GE(day.start_seconds(), 8 * kHour);
    EXPECT_LE(day.end_seconds(), 17 * kHour);
    EXPECT_EQ(day.working_seconds(), day.end_seconds() - day.start_seconds());
    EXPECT_EQ(day.breaks_size(), 1);
    int64_t previous_end = day.start_seconds();
    for (const v1::Visit& v : day.visits()) {
      EXPECT_GE(v.arrival_seconds(), previous_end);
      EXPECT_GE(v.start_seconds(), v.arrival_seconds());
      if (v.physician_id() == "P2") {
        EXPECT_GE(v.start_seconds(), 14 * kHour);
      }
      EXPECT_EQ(v.end_seconds() - v.start_seconds(),
                v.physician_id() == "P4" ? 20 * 60 : 30 * 60);
      previous_end = v.end_seconds();
    }
  }
}

v1::RouteRequest TimedRoute() {
  v1::RouteRequest r;
  const double xs[] = {0, 3, 6, 9};
  for (int k = 0; k < 4; ++k) {
    v1::Place* p = r.add_places();
    p->set_id(k == 0 ? "HOME" : absl::StrCat("S", k));
    p->mutable_location()->mutable_planar()->set_x(xs[k]);
    p->mutable_location()->mutable_planar()->set_y(0);
    if (k > 0) p->set_service_seconds(1800);
  }
  r.set_start_id("HOME");
  r.set_start_seconds(8 * kHour);
  r.set_end_seconds(17 * kHour);
  // S3, the farthest, only early: the shortest order (S1 S2 S3) breaks it.
  *r.mutable_places(3)->add_time_windows() = Window(8 * kHour, 8 * kHour + 1800);
  return r;
}

TEST_F(TimedSidecar, ATimedRouteKeepsTheWindowsAndGivesEachStopsTimes) {
  auto stub = sidecar_->NewStub();
  grpc::ClientContext context;
  v1::RouteResponse route;
  const grpc::Status status = stub->Route(&context, TimedRoute(), &route);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_TRUE(route.feasible()) << route.infeasible_reason();
  EXPECT_TRUE(route.proven_optimal());
  ASSERT_EQ(route.order_size(), 5);
  EXPECT_EQ(route.order(1), "S3");
  ASSERT_EQ(route.stops_size(), 5);
  EXPECT_LE(route.stops(1).start_seconds(), 8 * kHour + 1800);
  EXPECT_GE(route.departure_seconds(), 8 * kHour);
  EXPECT_LE(route.return_seconds(), 17 * kHour);
}

TEST_F(TimedSidecar, ARouteNoOrderFitsSaysSoAndThatItIsProven) {
  v1::RouteRequest request = TimedRoute();
  request.set_end_seconds(9 * kHour);  // three half-hour visits do not fit
  auto stub = sidecar_->NewStub();
  grpc::ClientContext context;
  v1::RouteResponse route;
  const grpc::Status status = stub->Route(&context, request, &route);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(route.feasible());
  EXPECT_TRUE(route.infeasibility_proven());
  EXPECT_THAT(route.infeasible_reason(), HasSubstr("09:00"));
  EXPECT_EQ(route.order_size(), 5);
}

TEST_F(TimedSidecar, ARouteDrivesTheDurationsMatrixWhenGiven) {
  v1::RouteRequest request = TimedRoute();
  request.mutable_places(3)->clear_time_windows();
  // The matrix lists the places in another order than the request.
  const char* ids[] = {"S3", "HOME", "S1", "S2"};
  v1::DistanceMatrix* m = request.mutable_distances();
  for (const char* id : ids) m->add_ids(id);
  for (int a = 0; a < 4; ++a) {
    for (int b = 0; b < 4; ++b) {
      m->add_distances(a == b ? 0 : 1);
      // From HOME (row 1) every drive takes 25 minutes, else 10.
      m->add_durations_seconds(a == b ? 0 : a == 1 ? 1500 : 600);
    }
  }
  auto stub = sidecar_->NewStub();
  grpc::ClientContext context;
  v1::RouteResponse route;
  ASSERT_TRUE(stub->Route(&context, request, &route).ok());
  ASSERT_TRUE(route.feasible()) << route.infeasible_reason();
  ASSERT_EQ(route.stops_size(), 5);
  EXPECT_EQ(route.stops(1).arrival_seconds(), route.departure_seconds() + 1500);
  EXPECT_EQ(route.stops(2).arrival_seconds(), route.stops(1).end_seconds() + 600);
  EXPECT_EQ(route.return_seconds(), route.stops(3).end_seconds() + 600);
}

TEST_F(TimedSidecar, AnUntimedRouteIsFeasibleWithoutTimes) {
  v1::RouteRequest request = TimedRoute();
  request.clear_start_seconds();
  request.clear_end_seconds();
  for (v1::Place& p : *request.mutable_places()) {
    p.clear_time_windows();
    p.clear_service_seconds();
  }
  auto stub = sidecar_->NewStub();
  grpc::ClientContext context;
  v1::RouteResponse route;
  ASSERT_TRUE(stub->Route(&context, request, &route).ok());
  EXPECT_TRUE(route.feasible());
  EXPECT_EQ(route.stops_size(), 0);
}

}  // namespace
}  // namespace callplan
