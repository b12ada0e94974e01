// A plan of a nearby model as the start of the next solve (the plan loop's
// later iterations): a plan the model allows is kept whole, a plan a new
// forbidden set rules out becomes one the model allows, and starting from
// it changes nothing the solver proves.
#include "solver/assignment/greedy.h"

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "solver/assignment/check.h"
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

absl::Time Later() { return absl::Now() + absl::Seconds(5); }

// Time enough for CBC to prove a paper-shaped day even under the
// sanitizers on a loaded machine: the test compares proven optima, and the
// default 10 s (a fifth of it for CBC's whole-day search on a day of seven
// reps) is a limit, not a promise.
SolveOptions Unhurried() {
  SolveOptions options;
  options.time_limit_seconds = 300;
  return options;
}

TEST(AssignmentNear, APlanTheModelAllowsIsKeptWhole) {
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    const AssignmentProblem problem = ProblemOf(testing::PaperShapedTerritory(7, 20, seed));
    const absl::StatusOr<Assignment> solved = SolveAssignment(problem, SolveOptions{});
    ASSERT_TRUE(solved.ok());
    const std::optional<RepVisits> near = AssignmentNear(problem, solved->visits, Later());
    ASSERT_TRUE(near.has_value());
    EXPECT_EQ(*near, solved->visits) << seed;
  }
}

// A heuristic: it may find no plan (then the turn-taking one is the start),
// but what it finds the model allows.
TEST(AssignmentNear, APlanANewSetRulesOutBecomesOneTheModelAllows) {
  int found = 0;
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    SCOPED_TRACE(seed);
    AssignmentProblem problem = ProblemOf(testing::PaperShapedTerritory(7, 20, seed));
    const absl::StatusOr<Assignment> solved = SolveAssignment(problem, SolveOptions{});
    ASSERT_TRUE(solved.ok());
    // The busiest rep may no longer make its day as planned.
    int rep = 0;
    for (int i = 0; i < problem.num_reps; ++i) {
      if (solved->visits[i].size() > solved->visits[rep].size()) rep = i;
    }
    problem.forbidden_sets.push_back({rep, solved->visits[rep], true, true, "planted"});
    ASSERT_FALSE(AssignmentViolations(problem, solved->visits).empty());
    const std::optional<RepVisits> near = AssignmentNear(problem, solved->visits, Later());
    if (near) {
      ++found;
      EXPECT_TRUE(AssignmentViolations(problem, *near).empty());
    }
    const absl::StatusOr<Assignment> without = SolveAssignment(problem, Unhurried());
    const absl::StatusOr<Assignment> with =
        SolveAssignment(problem, Unhurried(), SolveControl{}, solved->visits);
    ASSERT_TRUE(without.ok() && with.ok());
    ASSERT_EQ(without->status, PlanStatus::kOptimal);
    ASSERT_EQ(with->status, PlanStatus::kOptimal);
    EXPECT_NEAR(with->objective, without->objective, 1e-6);
  }
  EXPECT_GT(found, 0) << "no seed exercised the repair";
}

}  // namespace
}  // namespace callplan
