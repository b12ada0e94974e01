// The timed router up to exact_max_stops against brute force: every order of
// the stops, each scheduled by the test's own checker (every placement of
// every break), on symmetric and asymmetric days, round trips and open
// paths, with 0-3 breaks, feasible and infeasible.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "solver/router/router.h"
#include "tests/fixtures/timed_day.h"
#include "tests/fixtures/timed_route_check.h"

namespace callplan {
namespace {

using ::callplan::testing::BruteForceTimedRoute;
using ::callplan::testing::DayShape;
using ::callplan::testing::TimedDay;
using ::testing::IsEmpty;

struct Verdicts {
  int feasible = 0;
  int infeasible = 0;
};

void ExpectMatchesBruteForce(const TimedDay& day, const std::string& label,
                             Verdicts* verdicts) {
  auto route = SolveRoute(day.table, day.start, day.end, {}, &day.timing);
  ASSERT_TRUE(route.ok()) << label << ": " << route.status();
  EXPECT_THAT(testing::TimedRouteProblems(day, *route), IsEmpty()) << label;
  const testing::BruteForceRoute best = BruteForceTimedRoute(day);
  ASSERT_EQ(route->feasible, best.feasible) << label;
  if (best.feasible) {
    ++verdicts->feasible;
    EXPECT_TRUE(route->proven_optimal) << label;
    // Both sum the same doubles in the same order: equal to the last bit.
    EXPECT_EQ(route->distance, best.distance) << label;
    EXPECT_EQ(route->return_seconds, best.return_seconds) << label;
    EXPECT_EQ(testing::EarliestReturn(day, route->order), route->return_seconds)
        << label;
    EXPECT_EQ(testing::LatestDeparture(day, route->order, route->return_seconds),
              route->departure_seconds)
        << label;
  } else {
    ++verdicts->infeasible;
    EXPECT_TRUE(route->infeasibility_proven) << label;
    EXPECT_FALSE(route->proven_optimal) << label;
    EXPECT_EQ(route->infeasible_stop, best.infeasible_stop) << label;
  }
}

struct Family {
  bool asymmetric;
  bool round_trip;
};

class BruteForceTest : public ::testing::TestWithParam<Family> {};

// Up to 9 stops without breaks or with lunch, 7 with two breaks, 5 with
// three; tightness from roomy to mostly infeasible.
TEST_P(BruteForceTest, SameDistanceReturnAndVerdict) {
  const Family family = GetParam();
  Verdicts verdicts;
  for (int breaks = 0; breaks <= 3; ++breaks) {
    const int max_stops = breaks <= 1 ? 9 : (breaks == 2 ? 7 : 5);
    for (int stops = 0; stops <= max_stops; ++stops) {
      for (uint64_t seed = 1; seed <= 3; ++seed) {
        DayShape shape;
        shape.stops = stops;
        shape.round_trip = family.round_trip;
        shape.asymmetric = family.asymmetric;
        shape.whole_distances = seed == 2;  // exact ties between orders
        shape.breaks = breaks;
        shape.tightness = std::vector<double>{1.0, 0.6, 0.35}[seed - 1];
        shape.seed = 1000 * breaks + 10 * stops + seed;
        ExpectMatchesBruteForce(testing::RandomTimedDay(shape),
                                absl::StrCat(stops, " stops, ", breaks,
                                             " breaks, seed ", shape.seed),
                                &verdicts);
      }
    }
  }
  // Both verdicts must have been exercised, or the comparison proves little.
  EXPECT_GE(verdicts.feasible, 20);
  EXPECT_GE(verdicts.infeasible, 10);
}

INSTANTIATE_TEST_SUITE_P(Families, BruteForceTest,
                         ::testing::Values(Family{false, true}, Family{false, false},
                                           Family{true, true}, Family{true, false}),
                         [](const ::testing::TestParamInfo<Family>& info) {
                           return std::string(info.param.asymmetric ? "Asymmetric"
                                                                    : "Symmetric") +
                                  (info.param.round_trip ? "RoundTrip" : "OpenPath");
                         });

// Days planted around a known feasible tour: the exact router must find a
// feasible order (never claim the day infeasible), prove it optimal, and be
// no longer than the planted tour; all the way to exact_max_stops.
TEST(ExactTimedTest, PlantedDaysAreFeasibleAndNoLongerThanTheirTour) {
  for (int stops = 1; stops <= 12; ++stops) {
    for (bool asymmetric : {false, true}) {
      for (int64_t slack : {300, 1800}) {
        std::vector<int> planted;
        const TimedDay day = testing::PlantedTimedDay(
            stops, slack, asymmetric, 31 * stops + slack + asymmetric, &planted);
        const std::string label = absl::StrCat(stops, " stops, slack ", slack,
                                               asymmetric ? ", asymmetric" : "");
        ASSERT_TRUE(testing::EarliestReturn(day, planted).has_value()) << label;
        auto route = SolveRoute(day.table, day.start, day.end, {}, &day.timing);
        ASSERT_TRUE(route.ok()) << route.status();
        ASSERT_TRUE(route->feasible) << label;
        EXPECT_TRUE(route->proven_optimal) << label;
        EXPECT_THAT(testing::TimedRouteProblems(day, *route), IsEmpty()) << label;
        EXPECT_LE(route->distance, testing::OrderLength(day.table, planted) + 1e-9)
            << label;
      }
    }
  }
}

// Beyond brute force the exact answer can be checked against the heuristic:
// never longer, proven, and re-checked, with exact_max_stops raised to 16.
TEST(ExactTimedTest, SixteenStopsAtLeastAsShortAsTheHeuristic) {
  for (int stops = 13; stops <= 16; ++stops) {
    std::vector<int> planted;
    const TimedDay day = testing::PlantedTimedDay(stops, 1800, stops % 2 == 0,
                                                  stops, &planted);
    RouteOptions exact;
    exact.exact_max_stops = 16;
    RouteOptions heuristic;
    heuristic.exact_max_stops = 0;
    heuristic.time_limit_seconds = 600;  // only the fixed rounds decide
    auto proven = SolveRoute(day.table, day.start, day.end, exact, &day.timing);
    auto found = SolveRoute(day.table, day.start, day.end, heuristic, &day.timing);
    ASSERT_TRUE(proven.ok() && found.ok());
    ASSERT_TRUE(proven->feasible && found->feasible) << stops;
    EXPECT_TRUE(proven->proven_optimal);
    EXPECT_FALSE(found->proven_optimal);
    EXPECT_THAT(testing::TimedRouteProblems(day, *proven), IsEmpty());
    EXPECT_LE(proven->distance, found->distance + 1e-9);
    EXPECT_LE(proven->distance, testing::OrderLength(day.table, planted) + 1e-9);
  }
}

}  // namespace
}  // namespace callplan
