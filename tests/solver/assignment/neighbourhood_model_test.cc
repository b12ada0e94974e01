// A neighbourhood's own MIP has exactly the optimum of the whole day with
// every kept rep's visits held: kept shares moved into the wrong bound, a
// freed visit left out that the day still allows (a physician two reps may
// see today, one of them kept), or a row lost would show as a different
// optimum or a plan outside the model.
#include "solver/assignment/neighbourhood_model.h"

#include <algorithm>
#include <memory>
#include <random>
#include <vector>

#include "OsiClpSolverInterface.hpp"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "solver/assignment/cbc_run.h"
#include "solver/assignment/check.h"
#include "solver/assignment/greedy.h"
#include "solver/assignment/problem_builder.h"
#include "solver/distance.h"
#include "tests/fixtures/territory_generator.h"

namespace callplan {
namespace {

// Two brand teams sharing physicians, each of whom may be seen by one rep
// of each team today: a kept rep's visit leaves the other team's freed
// reps a second one, and its own team's none.
AssignmentProblem DayWithSharedPhysicians(uint64_t seed) {
  Territory territory = testing::PortfolioTerritory(2, 5, 30, seed, /*optional_share=*/1);
  territory.contact_rules.max_visits_per_day = 2;
  const auto table = DistanceTable::ForTerritory(territory);
  return *BuildAssignmentProblem(territory, *table);
}

double Objective(const OsiClpSolverInterface& solver, const std::vector<double>& values) {
  double total = 0;
  for (int c = 0; c < solver.getNumCols(); ++c) {
    total += solver.getObjCoefficients()[c] * values[c];
  }
  return total;
}

// The whole day's optimum with the kept reps' columns fixed at `values`.
std::vector<double> WholeDayOptimumWithKeptRepsFixed(const AssignmentMip& whole,
                                                     const std::vector<bool>& freed,
                                                     const std::vector<double>& values) {
  AssignmentMip fixed;
  fixed.solver = std::make_unique<OsiClpSolverInterface>(*whole.solver);
  for (size_t c = 0; c < whole.x_columns.size(); ++c) {
    if (!freed[whole.x_columns[c].first]) {
      fixed.solver->setColBounds(static_cast<int>(c), values[c], values[c]);
    }
  }
  CbcRunSettings settings;
  settings.relative_gap = 0;
  settings.time_limit_seconds = 120;
  const absl::StatusOr<CbcRunResult> run = RunCbc(fixed, settings, {});
  EXPECT_TRUE(run.ok() && run->has_solution && run->proven_optimal);
  return run.ok() ? run->solution : std::vector<double>{};
}

TEST(NeighbourhoodModel, HasTheWholeDaysOptimumWithTheKeptRepsHeld) {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    const AssignmentProblem problem = DayWithSharedPhysicians(seed);
    const AssignmentMip mip = BuildAssignmentMip(problem, MipSpec{});
    // The first team's turn-taking plan, the second team's reps idle (its
    // spreads then hold trivially): the second team's second visits are open.
    std::optional<RepVisits> plan =
        TurnTakingAssignment(problem, absl::Now() + absl::Seconds(5));
    ASSERT_TRUE(plan.has_value());
    for (int i : problem.teams[1].reps) (*plan)[i].clear();
    ASSERT_TRUE(AssignmentViolations(problem, *plan).empty());
    const std::vector<double> values = ColumnValuesFor(problem, mip, *plan);
    std::mt19937 rng(seed);
    for (int draw = 0; draw < 3; ++draw) {
      SCOPED_TRACE(::testing::Message() << "seed " << seed << ", draw " << draw);
      std::vector<int> reps(problem.num_reps);
      for (int i = 0; i < problem.num_reps; ++i) reps[i] = i;
      std::shuffle(reps.begin(), reps.end(), rng);
      const std::vector<int> freed(reps.begin(), reps.begin() + 3);
      std::vector<bool> is_freed(problem.num_reps, false);
      for (int i : freed) is_freed[i] = true;

      NeighbourhoodModel small = ModelOfNeighbourhood(mip, problem.num_reps, freed, values);
      ASSERT_LT(small.mip.solver->getNumCols(), mip.solver->getNumCols());
      EXPECT_NEAR(Objective(*small.mip.solver, small.warm_start), small.warm_start_objective,
                  1e-6);
      CbcRunSettings settings;
      settings.relative_gap = 0;
      settings.time_limit_seconds = 120;
      const absl::StatusOr<CbcRunResult> run = RunCbc(small.mip, settings, {});
      ASSERT_TRUE(run.ok()) << run.status();
      ASSERT_TRUE(run->has_solution && run->proven_optimal);
      std::vector<double> mapped = values;
      for (size_t k = 0; k < small.columns.size(); ++k) {
        mapped[small.columns[k]] = run->solution[k];
      }
      const RepVisits better = VisitsFromSolution(problem, mip, mapped);
      EXPECT_TRUE(AssignmentViolations(problem, better).empty());
      for (int i = 0; i < problem.num_reps; ++i) {
        if (!is_freed[i]) {
          EXPECT_EQ(better[i], (*plan)[i]) << "kept rep " << i;
        }
      }

      const std::vector<double> whole = WholeDayOptimumWithKeptRepsFixed(mip, is_freed, values);
      ASSERT_FALSE(whole.empty());
      EXPECT_NEAR(Objective(*mip.solver, mapped), Objective(*mip.solver, whole), 1e-6);
    }
  }
}

}  // namespace
}  // namespace callplan
