#include "server/validate.h"

#include <cmath>
#include <string>

#include "gtest/gtest.h"
#include "tests/fixtures/field_violations.h"
#include "server/json_io.h"

namespace callplan {
namespace {

using ::callplan::testing::Fields;
using ::callplan::testing::Names;

v1::PlanDayRequest ValidRequest() {
  v1::PlanDayRequest request;
  auto* rep = request.add_reps();
  rep->set_id("R1");
  rep->mutable_home()->mutable_planar()->set_x(0);
  rep->add_products("D1");
  auto* physician = request.add_physicians();
  physician->set_id("P1");
  physician->mutable_location()->mutable_planar()->set_x(3);
  (*physician->mutable_product_potential())["D1"] = 40;
  return request;
}

TEST(ValidatePlanDayRequest, AcceptsAMinimalRequest) {
  EXPECT_TRUE(ValidatePlanDayRequest(ValidRequest()).empty());
}

TEST(ValidatePlanDayRequest, ReportsEveryProblemAtOnce) {
  v1::PlanDayRequest request = ValidRequest();
  (*request.mutable_physicians(0)->mutable_product_potential())["D1"] = -5;
  request.add_reps()->set_id("R1");  // duplicate id, no home
  request.mutable_fairness()->set_distance_safety_factor(0.5);
  request.set_date("2026-02-30");
  const auto violations = ValidatePlanDayRequest(request);
  EXPECT_TRUE(Names(violations, "physicians[0].product_potential[\"D1\"]",
                    "must be between 0 and 100, got -5"))
      << Fields(violations);
  EXPECT_TRUE(Names(violations, "reps[1].id", "duplicate id \"R1\""));
  EXPECT_TRUE(Names(violations, "reps[1].home", "is missing"));
  EXPECT_TRUE(Names(violations, "fairness.distance_safety_factor", "between 1 and 100, got 0.5"));
  EXPECT_TRUE(Names(violations, "date", "YYYY-MM-DD"));
  EXPECT_EQ(violations.size(), 5u) << Fields(violations);
}

// Only YYYY-MM-DD digit for digit: white space inside ("2026-\r3-12", which
// sscanf read as March 12) passed validation and the engine then refused
// the request (plan_day_fuzzer's finding).
TEST(ValidatePlanDayRequest, ADateIsTenCharactersOfDigitsAndDashes) {
  for (const std::string good : {"2026-03-12", "2024-02-29", "0001-01-01"}) {
    v1::PlanDayRequest request = ValidRequest();
    request.set_date(good);
    EXPECT_TRUE(ValidatePlanDayRequest(request).empty()) << good;
  }
  for (const std::string bad : {"2026-\r3-12", "2026- 3-12", "2026-03-1 ", "+026-03-12",
                                "2026-3-12", "2026/03/12", "2025-02-29", "2026-13-01",
                                "2026-00-10", "2026-04-31", "2026-03-00"}) {
    v1::PlanDayRequest request = ValidRequest();
    request.set_date(bad);
    EXPECT_TRUE(Names(ValidatePlanDayRequest(request), "date", "YYYY-MM-DD")) << bad;
  }
}

// A learned model's words and id (issue 14).
TEST(ValidatePlanDayRequest, ChecksTheWordsBehindPotentialsAndTheModelId) {
  v1::PlanDayRequest request = ValidRequest();
  auto& basis = *request.mutable_physicians(0)->mutable_potential_basis();
  basis["D1"] = "forecast 126 D1 prescriptions in 3 months";
  request.set_potential_model_id("pm-0123456789abcdef");
  EXPECT_TRUE(ValidatePlanDayRequest(request).empty());
  basis["D2"] = "words for a product without a potential";
  basis["D1"] = std::string(1001, 'x');
  request.set_potential_model_id(std::string(101, 'm'));
  const auto violations = ValidatePlanDayRequest(request);
  EXPECT_TRUE(Names(violations, "physicians[0].potential_basis[\"D2\"]",
                    "names a product without a potential in product_potential"))
      << Fields(violations);
  EXPECT_TRUE(Names(violations, "physicians[0].potential_basis[\"D1\"]",
                    "at most 1000 bytes, got 1001"));
  EXPECT_TRUE(Names(violations, "potential_model_id", "at most 100 bytes, got 101"));
  EXPECT_EQ(violations.size(), 3u) << Fields(violations);
}

TEST(ValidatePlanDayRequest, RejectsNoRepsMissingIdsAndNaN) {
  v1::PlanDayRequest request;
  auto* physician = request.add_physicians();
  physician->mutable_location()->mutable_planar()->set_x(NAN);
  (*physician->mutable_product_potential())["D1"] = NAN;
  const auto violations = ValidatePlanDayRequest(request);
  EXPECT_TRUE(Names(violations, "reps", "at least one rep"));
  EXPECT_TRUE(Names(violations, "physicians[0].id", "is missing"));
  EXPECT_TRUE(Names(violations, "physicians[0].location.planar.x", "finite"));
  EXPECT_TRUE(Names(violations, "physicians[0].product_potential[\"D1\"]"));
}

TEST(ValidatePlanDayRequest, RejectsCoordinatesOutOfRangeAndMixedKinds) {
  v1::PlanDayRequest request = ValidRequest();
  request.mutable_physicians(0)->mutable_location()->mutable_lat_lng()->set_latitude(91);
  const auto violations = ValidatePlanDayRequest(request);
  EXPECT_TRUE(Names(violations, "physicians[0].location.lat_lng.latitude",
                    "between -90 and 90, got 91"))
      << Fields(violations);
  EXPECT_TRUE(Names(violations, "physicians[0].location", "one kind per request"));
}

TEST(ValidatePlanDayRequest, ChecksTheDistanceMatrix) {
  v1::PlanDayRequest request = ValidRequest();
  auto* matrix = request.mutable_distances();
  matrix->add_ids("R1");
  matrix->add_ids("X9");
  matrix->add_distances(0);
  matrix->add_distances(1);
  matrix->add_distances(1);
  const auto violations = ValidatePlanDayRequest(request);
  EXPECT_TRUE(Names(violations, "distances.ids[1]", "unknown id \"X9\""))
      << Fields(violations);
  EXPECT_TRUE(Names(violations, "distances.ids", "missing place \"P1\""));
  EXPECT_TRUE(Names(violations, "distances.distances", "expected 4 entries"));
}

TEST(ValidatePlanDayRequest, EnforcesProblemSizeLimits) {
  ProblemLimits limits;
  limits.max_physicians = 0;
  EXPECT_TRUE(Names(ValidatePlanDayRequest(ValidRequest(), limits),
                    "physicians", "at most 0 physicians, got 1"));
}

TEST(ValidateRouteRequest, NamesUnknownStartAndEnd) {
  v1::RouteRequest request;
  auto* place = request.add_places();
  place->set_id("H");
  place->mutable_location()->mutable_planar();
  request.set_start_id("nowhere");
  request.set_end_id("gone");
  const auto violations = ValidateRouteRequest(request);
  EXPECT_TRUE(Names(violations, "start_id", "unknown place \"nowhere\""));
  EXPECT_TRUE(Names(violations, "end_id", "unknown place \"gone\""));
}

TEST(ViolationsToStatus, CarriesEveryViolationInMessageAndPayload) {
  const std::vector<FieldViolation> violations = {{"reps", "a"}, {"date", "b"}};
  const absl::Status status = ViolationsToStatus(violations);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "reps: a; date: b");
  const auto back = ViolationsFromStatus(status);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].field, "date");
  EXPECT_EQ(back[1].description, "b");
  EXPECT_TRUE(ViolationsToStatus({}).ok());
}

TEST(ParseJson, RejectsUnknownFields) {
  v1::PlanDayRequest request;
  const absl::Status status = ParseJson(R"({"repz": []})", &request);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("repz"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace callplan
