// Misfits learnt before the first solve: each is a set the exact router
// proves no route can hold, every single and pair left out does fit (or
// holds a misfit, or the capacity rows rule it out already), and with them
// the plan loop proves the same optimum as without them, in no more
// iterations.
#include "solver/route_conflicts.h"

#include <algorithm>
#include <set>

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "solver/assignment/families.h"
#include "solver/assignment/problem_builder.h"
#include "solver/distance.h"
#include "solver/planner.h"
#include "tests/fixtures/territory_generator.h"

namespace callplan {
namespace {

// A paper-shaped day (7 reps, 20 physicians) and its model.
struct PaperDay {
  explicit PaperDay(uint64_t seed)
      : territory(testing::PaperShapedTerritory(7, 20, seed)),
        table(*DistanceTable::ForTerritory(territory)),
        problem(*BuildAssignmentProblem(territory, table)) {}
  Territory territory;
  DistanceTable table;
  AssignmentProblem problem;
};

bool CapacityRulesOut(const AssignmentProblem& p, int rep, std::vector<int> set) {
  for (const RepCapacity& capacity : p.capacities) {
    if (capacity.capacity[rep] <= 0) continue;
    double weight = 0;
    for (int j : set) weight += capacity.weight[PairIndex(p, rep, j)];
    if (weight > capacity.capacity[rep]) return true;
  }
  return false;
}

TEST(SmallRouteConflicts, EverySingleAndPairIsJudgedByTheExactRouter) {
  int found = 0;
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    const PaperDay day(seed);
    const DayRouter router(day.table, day.problem, nullptr, SolveControl{});
    absl::StatusOr<std::vector<ForbiddenVisitSet>> conflicts = SmallRouteConflicts(
        day.problem, router, absl::Now() + absl::Hours(1), nullptr);
    ASSERT_TRUE(conflicts.ok()) << conflicts.status();
    std::set<std::pair<int, std::vector<int>>> listed;
    for (const ForbiddenVisitSet& set : *conflicts) {
      EXPECT_TRUE(set.proven && set.closed_upward);
      EXPECT_LE(set.physicians.size(), 2u);
      const RouteFit fit = *router.FitTestFor(set.rep)(set.physicians);
      EXPECT_FALSE(fit.fits) << set.reason;
      EXPECT_TRUE(fit.proven);
      EXPECT_NE(set.reason.find("over its cap"), std::string::npos) << set.reason;
      listed.emplace(set.rep, set.physicians);
    }
    found += static_cast<int>(conflicts->size());
    const AssignmentProblem& p = day.problem;
    for (int i = 0; i < p.num_reps; ++i) {
      for (int a = 0; a < p.num_physicians; ++a) {
        if (!PairInModel(p, i, a) || listed.count({i, {a}}) > 0) continue;
        EXPECT_TRUE(CapacityRulesOut(p, i, {a}) || router.FitTestFor(i)({a})->fits);
        for (int b = a + 1; b < p.num_physicians; ++b) {
          if (!PairInModel(p, i, b) || listed.count({i, {b}}) > 0 ||
              listed.count({i, {a, b}}) > 0 || CapacityRulesOut(p, i, {a, b})) {
            continue;
          }
          EXPECT_TRUE(router.FitTestFor(i)({a, b})->fits) << i << ": " << a << ", " << b;
        }
      }
    }
  }
  EXPECT_GT(found, 0) << "no paper day had a misfit single or pair to learn";
}

TEST(SmallRouteConflicts, StopsWhenTimeIsUpWithWhatItHas) {
  const PaperDay day(3);
  const DayRouter router(day.table, day.problem, nullptr, SolveControl{});
  absl::StatusOr<std::vector<ForbiddenVisitSet>> none =
      SmallRouteConflicts(day.problem, router, absl::Now() - absl::Seconds(1), nullptr);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  absl::StatusOr<std::vector<ForbiddenVisitSet>> stopped = SmallRouteConflicts(
      day.problem, router, absl::Now() + absl::Hours(1), [] { return true; });
  ASSERT_TRUE(stopped.ok());
  EXPECT_TRUE(stopped->empty());
}

// A manager's pin is left to the loop, where a pin that cannot hold is
// explained as such: no conflict learnt up front names a pinned visit.
TEST(SmallRouteConflicts, APinnedVisitIsLeftToTheLoop) {
  bool pinned_one = false;
  for (uint64_t seed = 1; seed <= 8 && !pinned_one; ++seed) {
    PaperDay day(seed);
    const DayRouter router(day.table, day.problem, nullptr, SolveControl{});
    const auto until = absl::Now() + absl::Hours(1);
    const std::vector<ForbiddenVisitSet> before =
        *SmallRouteConflicts(day.problem, router, until, nullptr);
    if (before.empty()) continue;
    const ForbiddenVisitSet& conflict = before.front();
    PinnedVisit pin;
    pin.rep = conflict.rep;
    pin.physician = conflict.physicians.front();
    day.problem.pins.push_back(pin);
    day.problem.pins_of_rep.assign(day.problem.num_reps, {});
    day.problem.pins_of_rep[pin.rep].push_back(0);
    pinned_one = true;
    const std::vector<ForbiddenVisitSet> after =
        *SmallRouteConflicts(day.problem, router, until, nullptr);
    EXPECT_FALSE(after.empty());
    for (const ForbiddenVisitSet& set : after) {
      EXPECT_FALSE(set.rep == pin.rep &&
                   std::count(set.physicians.begin(), set.physicians.end(), pin.physician) > 0)
          << set.reason;
    }
  }
  EXPECT_TRUE(pinned_one);
}

// The conflicts are proven, so they cut no real plan: the loop with them
// proves the optimum it proves without them, in no more solves.
TEST(SmallRouteConflicts, ThePlanLoopProvesTheSameOptimumInNoMoreIterations) {
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE(seed);
    const Territory t = testing::PaperShapedTerritory(7, 20, seed);
    SolveOptions loop_only;
    loop_only.time_limit_seconds = 120;
    loop_only.tuning.route_conflicts_up_front = false;
    SolveOptions up_front = loop_only;
    up_front.tuning.route_conflicts_up_front = true;
    const absl::StatusOr<Plan> with = PlanDay(t, up_front);
    const absl::StatusOr<Plan> without = PlanDay(t, loop_only);
    ASSERT_TRUE(with.ok() && without.ok());
    ASSERT_EQ(with->stats.status, PlanStatus::kOptimal);
    ASSERT_EQ(without->stats.status, PlanStatus::kOptimal);
    EXPECT_NEAR(with->stats.objective, without->stats.objective, 1e-6);
    EXPECT_LE(with->stats.distance_iterations, without->stats.distance_iterations);
    EXPECT_TRUE(with->stats.reps_over_route_cap.empty());
  }
}

}  // namespace
}  // namespace callplan
