// The timed router's rules on small days whose answers can be worked out by
// hand: waiting for windows, later windows, window ends included, breaks
// during waits, at home but not before the shift, never while driving,
// the latest departure, the return as tie-break, infeasibility verdicts and
// bad input.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "solver/router/router.h"
#include "tests/fixtures/timed_route_check.h"

namespace callplan {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr int64_t H = 3600;
constexpr int64_t M = 60;

// Distances in km from a matrix; driving one km takes one minute.
testing::TimedDay Day(int n, const std::vector<double>& km, int start = 0,
                      int end = 0) {
  std::vector<int64_t> seconds(km.size());
  for (size_t i = 0; i < km.size(); ++i) seconds[i] = static_cast<int64_t>(km[i] * M);
  RouteTiming timing;
  timing.travel = TravelTimes::FromDense(n, seconds);
  timing.nodes.resize(n);
  timing.shift = {8 * H, 18 * H};
  return {DistanceTable::FromDense(n, km), start, end, timing};
}

// Home and one stop `km` away.
testing::TimedDay OneStop(double km) { return Day(2, {0, km, km, 0}); }

Route Solve(const testing::TimedDay& day, int exact_max_stops = 12) {
  RouteOptions options;
  options.exact_max_stops = exact_max_stops;
  auto route = SolveRoute(day.table, day.start, day.end, options, &day.timing);
  EXPECT_TRUE(route.ok()) << route.status();
  if (!route.ok()) return {};
  EXPECT_THAT(testing::TimedRouteProblems(day, *route), IsEmpty());
  return *route;
}

TEST(TimeWindowRulesTest, LeavesHomeLateRatherThanWaitingAtTheDoor) {
  testing::TimedDay day = OneStop(30);
  day.timing.nodes[1] = {{{10 * H, 11 * H}}, 30 * M};
  const Route route = Solve(day);
  ASSERT_TRUE(route.feasible);
  EXPECT_TRUE(route.proven_optimal);
  EXPECT_EQ(route.departure_seconds, 9 * H + 30 * M);
  EXPECT_EQ(route.times[1].arrival_seconds, 10 * H);
  EXPECT_EQ(route.times[1].start_seconds, 10 * H);
  EXPECT_EQ(route.times[1].wait_seconds, 0);
  EXPECT_EQ(route.return_seconds, 11 * H);
}

TEST(TimeWindowRulesTest, ALaterWindowWhenTheFirstCannotBeReached) {
  testing::TimedDay day = OneStop(60);
  day.timing.nodes[1] = {{{8 * H, 8 * H + 30 * M}, {14 * H, 15 * H}}, 10 * M};
  const Route route = Solve(day);
  ASSERT_TRUE(route.feasible);
  EXPECT_EQ(route.times[1].start_seconds, 14 * H);
  EXPECT_EQ(route.departure_seconds, 13 * H);
}

TEST(TimeWindowRulesTest, AWindowsEndIsIncluded) {
  testing::TimedDay day = OneStop(60);
  day.timing.nodes[1] = {{{8 * H + 30 * M, 9 * H}}, 10 * M};
  const Route just = Solve(day);
  ASSERT_TRUE(just.feasible);
  EXPECT_EQ(just.times[1].start_seconds, 9 * H);

  day.timing.nodes[1].windows = {{8 * H + 30 * M, 9 * H - 1}};
  for (int exact_max_stops : {12, 0}) {
    const Route late = Solve(day, exact_max_stops);
    EXPECT_FALSE(late.feasible);
    EXPECT_TRUE(late.infeasibility_proven);  // the stop cannot be reached in time
    EXPECT_EQ(late.infeasible_stop, 1);
    EXPECT_TRUE(late.times.empty());
  }
}

TEST(TimeWindowRulesTest, LunchDuringTheWaitBeforeAVisit) {
  testing::TimedDay day = OneStop(30);
  day.timing.nodes[1] = {{{13 * H, 14 * H}}, 30 * M};
  day.timing.breaks = {{{12 * H, 13 * H + 30 * M}, 45 * M}};
  const Route route = Solve(day);
  ASSERT_TRUE(route.feasible);
  // Back at 14:00 at the earliest; leaving at 11:45 still makes it, with
  // lunch 12:15-13:00 on arrival and the visit at 13:00.
  EXPECT_EQ(route.return_seconds, 14 * H);
  EXPECT_EQ(route.departure_seconds, 11 * H + 45 * M);
  ASSERT_EQ(route.breaks.size(), 1u);
  EXPECT_EQ(route.breaks[0].after_position, 1);
  EXPECT_EQ(route.breaks[0].start_seconds, 12 * H + 15 * M);
  EXPECT_EQ(route.times[1].start_seconds, 13 * H);
  EXPECT_EQ(route.times[1].wait_seconds, 0);  // the break is not waiting
}

TEST(TimeWindowRulesTest, ABreakAtHomeStartsNoEarlierThanTheShift) {
  testing::TimedDay day = OneStop(60);
  day.timing.nodes[1].service_seconds = 30 * M;
  day.timing.breaks = {{{7 * H, 8 * H + 10 * M}, 30 * M}};
  const Route route = Solve(day);
  ASSERT_TRUE(route.feasible);
  ASSERT_EQ(route.breaks.size(), 1u);
  EXPECT_EQ(route.breaks[0].after_position, 0);
  EXPECT_EQ(route.breaks[0].start_seconds, 8 * H);
  EXPECT_EQ(route.departure_seconds, 8 * H + 30 * M);
  EXPECT_EQ(route.return_seconds, 11 * H);
}

TEST(TimeWindowRulesTest, NeverABreakWhileDriving) {
  // Four hours each way across a lunch window of 12:00-12:30: lunch at
  // home would bring the rep back at 21:00, so it is taken at the stop.
  testing::TimedDay day = OneStop(240);
  day.timing.shift = {8 * H, 20 * H};
  day.timing.nodes[1].service_seconds = 30 * M;
  day.timing.breaks = {{{12 * H, 12 * H + 30 * M}, 30 * M}};
  const Route route = Solve(day);
  ASSERT_TRUE(route.feasible);
  EXPECT_EQ(route.departure_seconds, 8 * H);
  EXPECT_EQ(route.return_seconds, 17 * H);
  ASSERT_EQ(route.breaks.size(), 1u);
  EXPECT_EQ(route.breaks[0].after_position, 1);
}

TEST(TimeWindowRulesTest, NoStopsButABreakAtHome) {
  testing::TimedDay day = Day(2, {0, 60, 60, 0}, 0, 1);
  day.timing.breaks = {{{8 * H, 9 * H}, 30 * M}};
  const Route route = Solve(day);
  ASSERT_TRUE(route.feasible);
  EXPECT_THAT(route.order, ElementsAre(0, 1));
  EXPECT_EQ(route.return_seconds, 9 * H + 30 * M);
  EXPECT_EQ(route.departure_seconds, 8 * H + 30 * M);
  ASSERT_EQ(route.breaks.size(), 1u);
  EXPECT_EQ(route.breaks[0].after_position, 0);
}

// Two orders of equal length (100 km); only 0-2-1-0 is back by 10:00.
TEST(TimeWindowRulesTest, TheEarliestReturnBreaksTies) {
  testing::TimedDay day = Day(3, {0, 30, 30, 30, 0, 40, 30, 40, 0});
  day.timing.nodes[1] = {{{9 * H, 9 * H + 30 * M}}, 10 * M};
  day.timing.nodes[2] = {{}, 10 * M};
  for (int exact_max_stops : {12, 0}) {
    const Route route = Solve(day, exact_max_stops);
    ASSERT_TRUE(route.feasible);
    EXPECT_THAT(route.order, ElementsAre(0, 2, 1, 0));
    EXPECT_EQ(route.distance, 100);
    EXPECT_EQ(route.return_seconds, 10 * H);
    EXPECT_EQ(route.departure_seconds, 8 * H);
  }
}

TEST(TimeWindowRulesTest, StopsThatFitAloneButNotTogether) {
  testing::TimedDay day = Day(3, {0, 30, 30, 30, 0, 60, 30, 60, 0});
  day.timing.nodes[1] = {{{9 * H, 9 * H}}, 10 * M};
  day.timing.nodes[2] = {{{9 * H, 9 * H}}, 10 * M};
  const Route exact = Solve(day);
  EXPECT_FALSE(exact.feasible);
  EXPECT_TRUE(exact.infeasibility_proven);
  EXPECT_EQ(exact.infeasible_stop, -1);
  const Route heuristic = Solve(day, 0);
  EXPECT_FALSE(heuristic.feasible);
  EXPECT_FALSE(heuristic.infeasibility_proven);  // a heuristic proves nothing
  EXPECT_EQ(heuristic.infeasible_stop, -1);
}

TEST(TimeWindowRulesTest, TheEndsWindowsAndServiceAreIgnored) {
  testing::TimedDay day = Day(3, {0, 20, 30, 20, 0, 25, 30, 25, 0}, 0, 2);
  day.timing.nodes[1].service_seconds = 5 * M;
  const Route plain = Solve(day);
  day.timing.nodes[0] = {{{0, 1}}, 5 * H};
  day.timing.nodes[2] = {{{0, 1}}, 5 * H};
  const Route ignored = Solve(day);
  ASSERT_TRUE(plain.feasible && ignored.feasible);
  EXPECT_EQ(plain.order, ignored.order);
  EXPECT_EQ(plain.return_seconds, ignored.return_seconds);
}

TEST(TimeWindowRulesTest, AOneWayLoopIsFollowed) {
  // Around 0 -> 1 -> 2 -> 3 -> 0 a leg is 1 km and 1 minute; the other way 10.
  std::vector<double> km(16, 10);
  for (int i = 0; i < 4; ++i) {
    km[i * 4 + i] = 0;
    km[i * 4 + (i + 1) % 4] = 1;
  }
  const testing::TimedDay day = Day(4, km);
  for (int exact_max_stops : {12, 0}) {
    const Route route = Solve(day, exact_max_stops);
    ASSERT_TRUE(route.feasible);
    EXPECT_THAT(route.order, ElementsAre(0, 1, 2, 3, 0));
    EXPECT_EQ(route.return_seconds, route.departure_seconds + 4 * M);
  }
}

TEST(TimeWindowRulesTest, BadTimingIsRefusedNamingEveryField) {
  testing::TimedDay day = Day(3, {0, 1, 1, 1, 0, 1, 1, 1, 0});
  day.timing.nodes[1].windows = {{10 * H, 9 * H}};
  day.timing.nodes[2].windows = {{9 * H, 11 * H}, {10 * H, 12 * H}};
  day.timing.nodes[2].service_seconds = -5;
  day.timing.shift = {18 * H, 8 * H};
  day.timing.breaks = std::vector<Break>(7, Break{{12 * H, 13 * H}, 30 * M});
  day.timing.breaks[0].duration_seconds = -1;
  auto route = SolveRoute(day.table, 0, 0, {}, &day.timing);
  ASSERT_EQ(route.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(route.status().message());
  EXPECT_THAT(message, HasSubstr("timing.nodes[1].windows[0] (10:00-09:00): ends before it starts"));
  EXPECT_THAT(message, HasSubstr("timing.nodes[2].windows[1]"));
  EXPECT_THAT(message, HasSubstr("timing.nodes[2].service_seconds: -5"));
  EXPECT_THAT(message, HasSubstr("timing.shift (18:00-08:00)"));
  EXPECT_THAT(message, HasSubstr("timing.breaks: 7 breaks"));
  EXPECT_THAT(message, HasSubstr("timing.breaks[0].duration_seconds: -1"));

  testing::TimedDay small = Day(3, {0, 1, 1, 1, 0, 1, 1, 1, 0});
  small.timing.travel = TravelTimes::FromDense(2, {0, 1, 1, 0});
  small.timing.nodes.resize(2);
  auto sizes = SolveRoute(small.table, 0, 0, {}, &small.timing);
  ASSERT_EQ(sizes.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(sizes.status().message(), HasSubstr("timing.travel: has 2 places"));
  EXPECT_THAT(sizes.status().message(), HasSubstr("timing.nodes: has 2 entries"));
}

}  // namespace
}  // namespace callplan
