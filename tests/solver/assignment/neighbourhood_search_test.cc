// The large-neighbourhood search never hands back a worse plan or one that
// breaks the model, and it does improve a plan that can be improved.
#include "solver/assignment/neighbourhood_search.h"

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "solver/assignment/check.h"
#include "solver/assignment/greedy.h"
#include "solver/assignment/mip.h"
#include "solver/assignment/model.h"
#include "solver/assignment/problem_builder.h"
#include "solver/distance.h"
#include "tests/fixtures/territory_generator.h"

namespace callplan {
namespace {

AssignmentProblem ProblemOf(const Territory& territory) {
  const auto table = DistanceTable::ForTerritory(territory);
  return *BuildAssignmentProblem(territory, *table);
}

TEST(NeighbourhoodSearch, NeverWorseAndAlwaysWithinTheModel) {
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    SCOPED_TRACE(seed);
    const AssignmentProblem problem =
        ProblemOf(testing::PaperShapedTerritory(20, 60, seed));
    const AssignmentMip mip = BuildAssignmentMip(problem, MipSpec{});
    const std::optional<RepVisits> start =
        TurnTakingAssignment(problem, absl::Now() + absl::Seconds(5));
    ASSERT_TRUE(start.has_value());
    ASSERT_TRUE(AssignmentViolations(problem, *start).empty());
    const absl::StatusOr<RepVisits> improved = ImproveByNeighbourhoods(
        problem, mip, *start, 1e9, absl::Now(), absl::Now() + absl::Seconds(1), {});
    ASSERT_TRUE(improved.ok()) << improved.status();
    EXPECT_TRUE(AssignmentViolations(problem, *improved).empty());
    EXPECT_GE(AssignmentPotential(problem, *improved),
              AssignmentPotential(problem, *start));
  }
}

// Every physician optional and nobody visited: a valid plan worth nothing,
// which any neighbourhood improves (a rep may always take a physician whose
// visit earns something, within the spreads the day was generated with).
TEST(NeighbourhoodSearch, ImprovesAnEmptyDay) {
  const AssignmentProblem problem =
      ProblemOf(testing::PaperShapedTerritory(12, 40, 5, /*optional_share=*/1));
  const RepVisits empty(problem.num_reps);
  ASSERT_TRUE(AssignmentViolations(problem, empty).empty());
  const AssignmentMip mip = BuildAssignmentMip(problem, MipSpec{});
  const absl::StatusOr<RepVisits> improved = ImproveByNeighbourhoods(
      problem, mip, empty, 1e9, absl::Now(), absl::Now() + absl::Seconds(4), {});
  ASSERT_TRUE(improved.ok()) << improved.status();
  EXPECT_TRUE(AssignmentViolations(problem, *improved).empty());
  EXPECT_GT(AssignmentPotential(problem, *improved), 0);
}

// Once the neighbourhood has widened to every rep it is the whole day, so
// the search must end on the optimum CBC proves for the day: a kept rep's
// share of a row moved into the row's bounds the wrong way, or a row lost,
// would show as a plan short of it or one outside the model.
TEST(NeighbourhoodSearch, ANeighbourhoodOfEveryRepReachesTheDaysOptimum) {
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    SCOPED_TRACE(seed);
    const AssignmentProblem problem =
        ProblemOf(testing::PaperShapedTerritory(7, 20, seed, /*optional_share=*/1));
    SolveOptions options;
    options.time_limit_seconds = 60;
    options.relative_gap = 0;
    const absl::StatusOr<Assignment> best = SolveAssignment(problem, options);
    ASSERT_TRUE(best.ok()) << best.status();
    ASSERT_EQ(best->status, PlanStatus::kOptimal);
    ASSERT_GT(best->objective, 0);
    const AssignmentMip mip = BuildAssignmentMip(problem, MipSpec{});
    const absl::StatusOr<RepVisits> improved =
        ImproveByNeighbourhoods(problem, mip, RepVisits(problem.num_reps), 1e9,
                                absl::Now(), absl::Now() + absl::Seconds(60), {});
    ASSERT_TRUE(improved.ok()) << improved.status();
    EXPECT_TRUE(AssignmentViolations(problem, *improved).empty());
    EXPECT_DOUBLE_EQ(AssignmentPotential(problem, *improved), best->objective);
  }
}

TEST(NeighbourhoodSearch, ADayOfFewRepsIsLeftToCbc) {
  const AssignmentProblem problem =
      ProblemOf(testing::PaperShapedTerritory(5, 20, 1, 1));
  EXPECT_FALSE(NeighbourhoodsPay(problem));
}

}  // namespace
}  // namespace callplan
