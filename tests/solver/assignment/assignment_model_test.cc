// The assignment model against brute force on small instances, for both
// formulations, and its explanations of infeasible bounds.
#include "solver/assignment/model.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <optional>
#include <random>
#include <thread>

#include "gtest/gtest.h"
#include "solver/assignment/check.h"
#include "solver/assignment/problem_builder.h"
#include "solver/distance.h"
#include "tests/fixtures/territory_generator.h"

namespace callplan {
namespace {

AssignmentProblem SmallProblem(uint64_t seed, int reps, int physicians) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> potential(0, 60);
  std::uniform_real_distribution<double> distance(5, 60), unit(0, 1);
  AssignmentProblem p;
  p.num_reps = reps;
  p.num_physicians = physicians;
  for (int k = 0; k < reps * physicians; ++k) {
    p.potential.push_back(potential(rng));
    p.home_distance.push_back(distance(rng));
  }
  for (int j = 0; j < physicians; ++j) p.physician_optional.push_back(unit(rng) < 0.4);
  for (int i = 0; i < reps; ++i) {
    p.route_cap.push_back(unit(rng) < 0.5 ? 0 : 150);
    p.max_visits.push_back(unit(rng) < 0.3 ? 3 : 0);
  }
  // A route capacity row as the problem builder would make one: a
  // knapsack over per-visit weights (here the home distances).
  RepCapacity route;
  route.weight = p.home_distance;
  route.capacity = p.route_cap;
  p.capacities.push_back(route);
  BalanceGroup all;
  for (int i = 0; i < reps; ++i) all.reps.push_back(i);
  if (unit(rng) < 0.7) all.max_workload_spread = static_cast<uint32_t>(rng() % 3);
  if (unit(rng) < 0.7) all.max_potential_spread = 20 + 60 * unit(rng);
  p.teams.push_back(all);
  return p;
}

RepVisits VisitsOf(int reps, const std::vector<int>& rep_of) {
  RepVisits visits(reps);
  for (size_t j = 0; j < rep_of.size(); ++j) {
    if (rep_of[j] >= 0) visits[rep_of[j]].push_back(static_cast<int>(j));
  }
  return visits;
}

// Best objective over every assignment (each physician to a rep or none).
std::optional<double> BruteForceOptimum(const AssignmentProblem& p) {
  std::vector<int> rep_of(p.num_physicians, -1);
  std::optional<double> best;
  while (true) {
    const RepVisits visits = VisitsOf(p.num_reps, rep_of);
    if (AssignmentViolations(p, visits).empty()) {
      const double value = AssignmentPotential(p, visits);
      if (!best || value > *best) best = value;
    }
    int j = 0;
    while (j < p.num_physicians && ++rep_of[j] == p.num_reps) rep_of[j++] = -1;
    if (j == p.num_physicians) return best;
  }
}

class BothFormulations : public ::testing::TestWithParam<Formulation> {};

// Solves p to optimality in `formulation` and requires brute force's answer:
// the same optimum, proven, or no plan when brute force finds none.
void ExpectTheBruteForceAnswer(const AssignmentProblem& p, Formulation formulation) {
  SolveOptions options;
  options.formulation = formulation;
  options.relative_gap = 0;
  const absl::StatusOr<Assignment> got = SolveAssignment(p, options);
  ASSERT_TRUE(got.ok()) << got.status();
  const std::optional<double> optimum = BruteForceOptimum(p);
  if (!optimum) {
    EXPECT_EQ(got->status, PlanStatus::kInfeasible);
    return;
  }
  ASSERT_EQ(got->status, PlanStatus::kOptimal);
  EXPECT_TRUE(AssignmentViolations(p, got->visits).empty());
  EXPECT_NEAR(got->objective, *optimum, 1e-6);
  EXPECT_NEAR(got->best_bound, *optimum, 1e-6);
}

TEST_P(BothFormulations, MatchesBruteForceOnSmallInstances) {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE(seed);
    ExpectTheBruteForceAnswer(SmallProblem(seed, 3, 6), GetParam());
  }
}

// The forbidden sets' MIP rows against their re-check (forbidden_sets.cc):
// dense random pairs per rep, a set of three and a day ruled out alone must
// leave the optimum exactly that of brute force, which only re-checks.
TEST_P(BothFormulations, MatchesBruteForceWithManyForbiddenPairs) {
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    SCOPED_TRACE(seed);
    AssignmentProblem p = SmallProblem(seed, 2, 7);
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0, 1);
    for (int i = 0; i < p.num_reps; ++i) {
      for (int a = 0; a < p.num_physicians; ++a) {
        for (int b = a + 1; b < p.num_physicians; ++b) {
          if (unit(rng) < 0.5) p.forbidden_sets.push_back({i, {a, b}, true, true, "pair"});
        }
      }
      p.forbidden_sets.push_back({i, {0, 3, 5}, true, true, "three"});
      p.forbidden_sets.push_back({i, {1, 6}, true, false, "this day alone"});
    }
    ExpectTheBruteForceAnswer(p, GetParam());
  }
}

INSTANTIATE_TEST_SUITE_P(Formulations, BothFormulations,
                         ::testing::Values(Formulation::kCompact,
                                           Formulation::kPairwise));

TEST(SolveAssignment, FormulationsAgreeOnPaperShapedDays) {
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    const Territory t = testing::PaperShapedTerritory(7, 20, seed);
    const DistanceTable table = *DistanceTable::ForTerritory(t);
    const AssignmentProblem p = *BuildAssignmentProblem(t, table);
    SolveOptions compact, pairwise;
    compact.relative_gap = pairwise.relative_gap = 0;
    // Both must prove optimality, however slow the machine (the sanitizer
    // build needed more than the default 10 s for PAIRWISE).
    compact.time_limit_seconds = pairwise.time_limit_seconds = 120;
    pairwise.formulation = Formulation::kPairwise;
    const auto a = SolveAssignment(p, compact);
    const auto b = SolveAssignment(p, pairwise);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->status, PlanStatus::kOptimal);
    ASSERT_EQ(b->status, PlanStatus::kOptimal);
    EXPECT_NEAR(a->objective, b->objective, 1e-6);
  }
}

// CBC's command-line driver keeps global state; solves on several threads
// of one process (the sidecar's pool) must still each get the plan a lone
// solve gets.
TEST(SolveAssignment, ConcurrentSolvesMatchALoneSolve) {
  const Territory t = testing::PaperShapedTerritory(7, 20, 2);
  const DistanceTable table = *DistanceTable::ForTerritory(t);
  const AssignmentProblem p = *BuildAssignmentProblem(t, table);
  SolveOptions options;
  options.relative_gap = 0;
  const auto alone = SolveAssignment(p, options);
  ASSERT_TRUE(alone.ok());
  ASSERT_EQ(alone->status, PlanStatus::kOptimal);
  constexpr int kThreads = 4, kRounds = 8;
  std::vector<int> differing(kThreads, 0);
  std::vector<std::thread> threads;
  for (int k = 0; k < kThreads; ++k) {
    threads.emplace_back([&, k] {
      for (int round = 0; round < kRounds; ++round) {
        const auto got = SolveAssignment(p, options);
        if (!got.ok() || got->status != PlanStatus::kOptimal ||
            got->visits != alone->visits) {
          ++differing[k];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(differing, std::vector<int>(kThreads, 0));
}

TEST(SolveAssignment, InconsistentProblemIsAnError) {
  AssignmentProblem p = SmallProblem(1, 2, 3);
  p.potential.pop_back();
  EXPECT_EQ(SolveAssignment(p, SolveOptions{}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(SolveAssignment, NoTimeLeftIsDeadlineExceeded) {
  const AssignmentProblem p = SmallProblem(2, 3, 6);
  SolveControl control;
  control.deadline = absl::Now() - absl::Seconds(1);
  EXPECT_EQ(SolveAssignment(p, SolveOptions{}, control).status().code(),
            absl::StatusCode::kDeadlineExceeded);
}

TEST(SolveAssignment, StopRequestStillReturnsAFeasiblePlan) {
  const Territory t = testing::PaperShapedTerritory(20, 60, 1);
  const DistanceTable table = *DistanceTable::ForTerritory(t);
  const AssignmentProblem p = *BuildAssignmentProblem(t, table);
  SolveControl control;
  control.should_stop = [] { return true; };
  const auto got = SolveAssignment(p, SolveOptions{}, control);
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_NE(got->status, PlanStatus::kInfeasible);
  EXPECT_TRUE(AssignmentViolations(p, got->visits).empty());
  EXPECT_GE(got->best_bound, got->objective);
}

TEST(SolveAssignment, ReportsProgressWithIncumbentsBelowTheBound) {
  const Territory t = testing::PaperShapedTerritory(20, 60, 1);
  const DistanceTable table = *DistanceTable::ForTerritory(t);
  const AssignmentProblem p = *BuildAssignmentProblem(t, table);
  std::vector<SolveProgress> seen;
  SolveControl control;
  control.on_progress = [&seen](const SolveProgress& p) { seen.push_back(p); };
  SolveOptions options;
  options.time_limit_seconds = 2;
  const auto got = SolveAssignment(p, options, control);
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_FALSE(seen.empty());
  for (const SolveProgress& progress : seen) {
    if (progress.has_incumbent) {
      EXPECT_LE(progress.incumbent_objective, progress.best_bound + 1e-6);
    }
  }
}

TEST(ExplainInfeasibility, FindsTheSmallestFeasibleWorkloadSpread) {
  // Seven required physicians, three reps: counts 3/2/2 at best.
  AssignmentProblem p = SmallProblem(3, 3, 7);
  std::fill(p.physician_optional.begin(), p.physician_optional.end(), false);
  std::fill(p.capacities[0].capacity.begin(), p.capacities[0].capacity.end(), 0);
  std::fill(p.max_visits.begin(), p.max_visits.end(), 0);
  p.teams[0].max_potential_spread.reset();
  p.teams[0].max_workload_spread = 0;
  const auto got = SolveAssignment(p, SolveOptions{});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->status, PlanStatus::kInfeasible);
  const Infeasibility why = ExplainInfeasibility(p, SolveOptions{});
  ASSERT_TRUE(why.min_feasible_workload_spread.has_value());
  EXPECT_EQ(*why.min_feasible_workload_spread, 1u);
  ASSERT_FALSE(why.reasons.empty());
  EXPECT_NE(why.reasons[0].find("max_workload_spread"), std::string::npos);
}

TEST(ExplainInfeasibility, SmallestPotentialSpreadIsItselfFeasible) {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    SCOPED_TRACE(seed);
    AssignmentProblem p = SmallProblem(seed, 3, 6);
    p.teams[0].max_workload_spread.reset();
    p.teams[0].max_potential_spread = 0.001;
    const auto got = SolveAssignment(p, SolveOptions{});
    ASSERT_TRUE(got.ok());
    if (got->status != PlanStatus::kInfeasible) continue;
    const Infeasibility why = ExplainInfeasibility(p, SolveOptions{});
    if (!why.min_feasible_potential_spread) continue;  // other bounds bind
    p.teams[0].max_potential_spread = *why.min_feasible_potential_spread;
    const auto relaxed = SolveAssignment(p, SolveOptions{});
    ASSERT_TRUE(relaxed.ok());
    EXPECT_NE(relaxed->status, PlanStatus::kInfeasible);
    p.teams[0].max_potential_spread = *why.min_feasible_potential_spread - 0.02;
    const auto tighter = SolveAssignment(p, SolveOptions{});
    ASSERT_TRUE(tighter.ok());
    EXPECT_EQ(tighter->status, PlanStatus::kInfeasible);
  }
}

TEST(ExplainInfeasibility, NamesPhysiciansBeyondEveryRouteCap) {
  AssignmentProblem p = SmallProblem(4, 2, 4);
  std::fill(p.physician_optional.begin(), p.physician_optional.end(), false);
  p.teams[0].max_workload_spread.reset();
  p.teams[0].max_potential_spread.reset();
  std::fill(p.max_visits.begin(), p.max_visits.end(), 0);
  std::fill(p.capacities[0].capacity.begin(), p.capacities[0].capacity.end(), 1000);
  p.capacities[0].weight[0 * 4 + 2] = p.capacities[0].weight[1 * 4 + 2] = 1001;
  const auto got = SolveAssignment(p, SolveOptions{});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->status, PlanStatus::kInfeasible);
  const Infeasibility why = ExplainInfeasibility(p, SolveOptions{});
  EXPECT_EQ(why.unreachable_physician_ids, std::vector<std::string>{"#2"});
}

}  // namespace
}  // namespace callplan
