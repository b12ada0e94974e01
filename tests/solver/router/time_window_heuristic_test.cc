// The timed router beyond exact_max_stops: days planted around a known
// feasible tour, the published TSPTW instances of Dumas et al., the time
// limit and should_stop, and determinism.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "solver/router/router.h"
#include "tests/fixtures/timed_day.h"
#include "tests/fixtures/timed_route_check.h"
#include "tests/fixtures/tsptw_dumas.h"

namespace callplan {
namespace {

using ::testing::IsEmpty;

absl::StatusOr<Route> Solve(const testing::TimedDay& day,
                            const RouteOptions& options) {
  return SolveRoute(day.table, day.start, day.end, options, &day.timing);
}

// Windows of 10 or 30 minutes either side of a tour's times, a lunch from
// 12:00-13:30 that the tour takes: the heuristic must find a feasible day
// (never call a planted day infeasible), and no longer than the planted tour
// (an angular sweep, never a good tour).
TEST(TimedHeuristicTest, FindsPlantedDays) {
  for (int stops : {20, 30, 40, 60}) {
    for (bool asymmetric : {false, true}) {
      for (int64_t slack : {600, 1800}) {
        std::vector<int> planted;
        const testing::TimedDay day = testing::PlantedTimedDay(
            stops, slack, asymmetric, 100 * stops + slack, &planted);
        const std::string label =
            absl::StrCat(stops, " stops, slack ", slack, asymmetric ? ", asymmetric" : "");
        ASSERT_TRUE(testing::EarliestReturn(day, planted).has_value()) << label;
        RouteOptions options;
        options.time_limit_seconds = 600;  // only the fixed rounds decide
        auto route = Solve(day, options);
        ASSERT_TRUE(route.ok()) << route.status();
        ASSERT_TRUE(route->feasible) << label;
        EXPECT_FALSE(route->proven_optimal);
        EXPECT_THAT(testing::TimedRouteProblems(day, *route), IsEmpty()) << label;
        EXPECT_LE(route->distance, testing::OrderLength(day.table, planted) + 1e-9)
            << label;
        EXPECT_EQ(testing::LatestDeparture(day, route->order, route->return_seconds),
                  route->departure_seconds)
            << label;
      }
    }
  }
}

// On random 10-12-stop days the heuristic finds a feasible order whenever
// one exists, never shorter than the proven optimum and rarely longer.
TEST(TimedHeuristicTest, CloseToTheExactAnswer) {
  RouteOptions heuristic;
  heuristic.exact_max_stops = 0;
  heuristic.time_limit_seconds = 600;
  double gap_sum = 0;
  int feasible = 0;
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    testing::DayShape shape;
    shape.stops = 10 + static_cast<int>(seed % 3);
    shape.asymmetric = seed % 2 == 0;
    shape.round_trip = seed % 4 != 3;
    shape.breaks = static_cast<int>(seed % 3);
    shape.tightness = 1.3;
    shape.seed = 500 + seed;
    const testing::TimedDay day = testing::RandomTimedDay(shape);
    auto exact = Solve(day, {});
    auto found = Solve(day, heuristic);
    ASSERT_TRUE(exact.ok() && found.ok());
    EXPECT_FALSE(found->infeasibility_proven && !exact->infeasibility_proven);
    ASSERT_EQ(found->feasible, exact->feasible) << "seed " << seed;
    if (!exact->feasible) continue;
    EXPECT_THAT(testing::TimedRouteProblems(day, *found), IsEmpty());
    const double gap = (found->distance - exact->distance) / exact->distance;
    EXPECT_GE(gap, -1e-12) << "seed " << seed;
    gap_sum += gap;
    ++feasible;
  }
  ASSERT_GE(feasible, 6);
  EXPECT_LE(gap_sum / feasible, 0.01);
}

TEST(TimedHeuristicTest, StopAtOnceStillGivesAValidAnswer) {
  std::vector<int> planted;
  const testing::TimedDay large = testing::PlantedTimedDay(30, 1800, false, 7, &planted);
  testing::DayShape shape;
  shape.stops = 10;
  shape.breaks = 1;
  shape.tightness = 1.3;
  const testing::TimedDay small = testing::RandomTimedDay(shape);
  for (const testing::TimedDay* day : {&large, &small}) {
    for (bool time_limit : {true, false}) {
      RouteOptions options;
      if (time_limit) {
        options.time_limit_seconds = 0;
      } else {
        options.should_stop = [] { return true; };
      }
      auto route = Solve(*day, options);
      ASSERT_TRUE(route.ok());
      EXPECT_THAT(testing::TimedRouteProblems(*day, *route), IsEmpty());
      if (day == &small && time_limit) {
        // The exact search ignores the time limit (not should_stop).
        EXPECT_TRUE(route->proven_optimal || route->infeasibility_proven);
      } else {
        EXPECT_FALSE(route->proven_optimal);
        EXPECT_FALSE(route->infeasibility_proven);  // nothing was searched
      }
    }
  }
}

TEST(TimedHeuristicTest, SameInputSameRoute) {
  std::vector<int> planted;
  const testing::TimedDay day = testing::PlantedTimedDay(40, 1800, true, 11, &planted);
  RouteOptions options;
  options.time_limit_seconds = 600;
  auto first = Solve(day, options);
  auto second = Solve(day, options);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->order, second->order);
  EXPECT_EQ(first->departure_seconds, second->departure_seconds);
  EXPECT_EQ(first->return_seconds, second->return_seconds);
}

// The 20-customer Dumas instances: every one comes back feasible, and never
// shorter than the best known tour (the optimum for these sizes).
TEST(DumasTest, TwentyStopInstancesAreFeasible) {
  auto best = testing::DumasBestKnown();
  ASSERT_TRUE(best.ok()) << best.status();
  int count = 0;
  for (const auto& [name, length] : *best) {
    if (name.rfind("n20w", 0) != 0) continue;
    auto instance = testing::LoadDumas(name);
    ASSERT_TRUE(instance.ok()) << instance.status();
    ASSERT_EQ(instance->dimension, 21) << name;
    RouteOptions options;
    options.time_limit_seconds = 600;
    auto route = Solve(instance->day, options);
    ASSERT_TRUE(route.ok());
    ASSERT_TRUE(route->feasible) << name;
    EXPECT_THAT(testing::TimedRouteProblems(instance->day, *route), IsEmpty()) << name;
    EXPECT_GE(route->distance, length - 1e-9) << name;
    EXPECT_LE(route->distance, length * 1.02) << name;
    ++count;
  }
  EXPECT_EQ(count, 25);
}

}  // namespace
}  // namespace callplan
