// The plan loop, checked from its output alone: every constraint of the
// model and every route cap is re-verified on the plan PlanDay returns.
#include "solver/planner.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "gtest/gtest.h"
#include "solver/distance.h"
#include "tests/fixtures/paper_doe.h"
#include "tests/fixtures/territory_generator.h"

namespace callplan {
namespace {

Territory RandomTerritory(uint64_t seed, int reps, int physicians,
                          double optional_share) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> x(0, 200), y(0, 100), p(0, 60);
  const std::vector<std::string> drugs = {"D1", "D2", "D3", "D4", "D5", "D6"};
  Territory t;
  t.territory_id = "random";
  for (int i = 0; i < reps; ++i) {
    Rep rep;
    rep.id = "R" + std::to_string(i);
    rep.home = PlanarPoint{x(rng), y(rng)};
    for (int k = 0; k < 3; ++k) rep.products.push_back(drugs[(i + 2 * k) % 6]);
    t.reps.push_back(rep);
  }
  for (int j = 0; j < physicians; ++j) {
    Physician ph;
    ph.id = "P" + std::to_string(j);
    ph.location = PlanarPoint{x(rng), y(rng)};
    for (int k = 0; k < 4; ++k) ph.product_potential[drugs[(j + k) % 6]] = p(rng);
    ph.optional = std::uniform_real_distribution<double>(0, 1)(rng) < optional_share;
    t.physicians.push_back(ph);
  }
  return t;
}

// Re-checks a plan against the territory it was made for.
void ExpectPlanHonoursTerritory(const Territory& t, const Plan& plan) {
  ASSERT_NE(plan.stats.status, PlanStatus::kInfeasible);
  const DistanceTable table = *DistanceTable::ForTerritory(t);
  std::map<std::string, int> physician_index, visits_of;
  for (size_t j = 0; j < t.physicians.size(); ++j) {
    physician_index[t.physicians[j].id] = static_cast<int>(j);
  }
  ASSERT_EQ(plan.rep_days.size(), t.reps.size());
  int min_visits = 1 << 30, max_visits = 0;
  double min_pot = 1e300, max_pot = -1e300, total = 0;
  for (size_t i = 0; i < t.reps.size(); ++i) {
    const RepDay& day = plan.rep_days[i];
    EXPECT_EQ(day.rep_id, t.reps[i].id);
    int previous = static_cast<int>(i);
    double length = 0, potential = 0;
    for (const Visit& visit : day.visits) {
      const int j = physician_index.at(visit.physician_id);
      visits_of[visit.physician_id]++;
      const int place = static_cast<int>(t.reps.size()) + j;
      EXPECT_NEAR(visit.leg_distance, table(previous, place), 1e-9);
      EXPECT_FALSE(visit.reason.empty());
      length += table(previous, place);
      potential += visit.potential;
      previous = place;
    }
    length += table(previous, static_cast<int>(i));
    EXPECT_NEAR(day.route_distance, length, 1e-6);
    EXPECT_NEAR(day.total_potential, potential, 1e-6);
    const double cap = t.reps[i].max_route_distance > 0
                           ? t.reps[i].max_route_distance
                           : t.fairness.max_route_distance.value_or(0);
    const bool listed = std::count(plan.stats.reps_over_route_cap.begin(),
                                   plan.stats.reps_over_route_cap.end(),
                                   day.rep_id) > 0;
    if (cap > 0 && !listed) {
      EXPECT_LE(day.route_distance, cap + 1e-6) << day.rep_id;
    }
    const int n = static_cast<int>(day.visits.size());
    if (t.fairness.max_visits_per_rep) {
      EXPECT_LE(n, static_cast<int>(*t.fairness.max_visits_per_rep));
    }
    min_visits = std::min(min_visits, n);
    max_visits = std::max(max_visits, n);
    min_pot = std::min(min_pot, potential);
    max_pot = std::max(max_pot, potential);
    total += potential;
  }
  for (const Physician& ph : t.physicians) {
    EXPECT_LE(visits_of[ph.id], 1) << ph.id;
    if (!ph.optional) {
      EXPECT_EQ(visits_of[ph.id], 1) << ph.id;
    }
  }
  std::set<std::string> unassigned;
  for (const Unassigned& u : plan.unassigned) {
    unassigned.insert(u.physician_id);
    EXPECT_EQ(visits_of[u.physician_id], 0);
    EXPECT_FALSE(u.reason.empty());
  }
  for (const Physician& ph : t.physicians) {
    if (visits_of[ph.id] == 0) {
      EXPECT_EQ(unassigned.count(ph.id), 1u) << ph.id;
    }
  }
  if (t.fairness.max_workload_spread) {
    EXPECT_LE(max_visits - min_visits, static_cast<int>(*t.fairness.max_workload_spread));
  }
  if (t.fairness.max_potential_spread) {
    EXPECT_LE(max_pot - min_pot, *t.fairness.max_potential_spread + 1e-6);
  }
  EXPECT_NEAR(plan.stats.objective, total, 1e-6);
  EXPECT_GE(plan.stats.best_bound, plan.stats.objective - 1e-6);
}

TEST(PlanDay, RandomTerritoriesHonourEveryBoundAndCap) {
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    Territory t = RandomTerritory(seed, 5, 24, 0.5);
    t.fairness.max_workload_spread = 2;
    t.fairness.max_potential_spread = 120;
    t.fairness.max_route_distance = 420;
    t.fairness.max_visits_per_rep = 6;
    absl::StatusOr<Plan> plan = PlanDay(t, SolveOptions{});
    ASSERT_TRUE(plan.ok()) << plan.status();
    if (plan->stats.status == PlanStatus::kInfeasible) continue;
    SCOPED_TRACE(seed);
    ExpectPlanHonoursTerritory(t, *plan);
  }
}

TEST(PlanDay, TightensTheDistanceApproximationUntilRoutesFit) {
  // Reps at one corner, physicians spread out: the paper's first factor is
  // too optimistic for some reps, so the loop has to iterate.
  int iterated = 0;
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    Territory t = RandomTerritory(seed, 3, 12, 1.0);
    for (Rep& rep : t.reps) rep.home = PlanarPoint{0, 0};
    t.fairness.max_route_distance = 300;
    t.fairness.distance_safety_factor = 1.0;
    absl::StatusOr<Plan> plan = PlanDay(t, SolveOptions{});
    ASSERT_TRUE(plan.ok()) << plan.status();
    SCOPED_TRACE(seed);
    ExpectPlanHonoursTerritory(t, *plan);
    EXPECT_TRUE(plan->stats.reps_over_route_cap.empty());
    if (plan->stats.distance_iterations > 1) ++iterated;
  }
  EXPECT_GT(iterated, 0) << "no instance exercised the distance iteration";
}

TEST(PlanDay, SameInputSamePlan) {
  Territory t = RandomTerritory(42, 6, 30, 0.3);
  t.fairness.max_workload_spread = 1;
  absl::StatusOr<Plan> first = PlanDay(t, SolveOptions{});
  absl::StatusOr<Plan> second = PlanDay(t, SolveOptions{});
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_EQ(first->rep_days.size(), second->rep_days.size());
  for (size_t i = 0; i < first->rep_days.size(); ++i) {
    std::vector<std::string> a, b;
    for (const Visit& v : first->rep_days[i].visits) a.push_back(v.physician_id);
    for (const Visit& v : second->rep_days[i].visits) b.push_back(v.physician_id);
    EXPECT_EQ(a, b);
  }
  EXPECT_EQ(first->stats.objective, second->stats.objective);
}

TEST(PlanDay, InfeasibleIsAPlanWithReasons) {
  Territory t = RandomTerritory(3, 2, 10, 0.0);
  t.fairness.max_visits_per_rep = 3;  // 10 required visits, room for 6
  absl::StatusOr<Plan> plan = PlanDay(t, SolveOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->stats.status, PlanStatus::kInfeasible);
  EXPECT_FALSE(plan->stats.infeasibility.reasons.empty());
  EXPECT_TRUE(plan->rep_days.empty());
}

TEST(PlanDay, LatLngTerritoriesUseKilometres) {
  Territory t;
  Rep rep;
  rep.id = "R1";
  rep.home = LatLng{52.52, 13.405};
  rep.products = {"D1"};
  t.reps.push_back(rep);
  Physician ph;
  ph.id = "P1";
  ph.location = LatLng{52.52, 13.505};  // ~6.8 km east
  ph.product_potential["D1"] = 50;
  t.physicians.push_back(ph);
  absl::StatusOr<Plan> plan = PlanDay(t, SolveOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->rep_days[0].visits.size(), 1u);
  EXPECT_NEAR(plan->rep_days[0].route_distance, 2 * 6.77, 0.05);
}

TEST(PlanDay, AnExplicitMatrixReplacesGeometry) {
  Territory t;
  Rep rep;
  rep.id = "R1";
  rep.home = PlanarPoint{0, 0};
  rep.products = {"D1"};
  t.reps.push_back(rep);
  Physician a, b;
  a.id = "A";
  b.id = "B";
  a.product_potential["D1"] = b.product_potential["D1"] = 10;
  t.physicians = {a, b};
  // Asymmetric road distances: R1->A->B->R1 = 1+1+1, R1->B->A->R1 = 5+5+5.
  t.distances.ids = {"R1", "A", "B"};
  t.distances.distances = {0, 1, 5,  //
                           5, 0, 1,  //
                           1, 5, 0};
  absl::StatusOr<Plan> plan = PlanDay(t, SolveOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  const RepDay& day = plan->rep_days[0];
  ASSERT_EQ(day.visits.size(), 2u);
  EXPECT_EQ(day.visits[0].physician_id, "A");
  EXPECT_DOUBLE_EQ(day.route_distance, 3.0);
}

// Spreads so tight that reps taking turns cannot make a plan, every
// physician optional, and too little time for CBC to find one of its own:
// the empty day fits every bound, so there is always a plan in hand, and
// the answer is a plan, never "no feasible plan found".
TEST(PlanDay, TightSpreadsWithOptionalPhysiciansStillGiveAPlan) {
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    SCOPED_TRACE(seed);
    Territory t = testing::PaperShapedTerritory(40, 400, seed, /*optional_share=*/1);
    t.fairness.max_potential_spread = 10;
    t.fairness.max_visits_per_rep = 6;
    SolveOptions options;
    options.time_limit_seconds = 0.05;
    const absl::StatusOr<Plan> plan = PlanDay(t, options);
    ASSERT_TRUE(plan.ok()) << plan.status();
    EXPECT_NE(plan->stats.status, PlanStatus::kInfeasible);
    EXPECT_EQ(plan->rep_days.size(), t.reps.size());
  }
}

TEST(PlanDay, NoRepsIsAnError) {
  EXPECT_EQ(PlanDay(Territory{}, SolveOptions{}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace callplan

namespace callplan {
namespace {

// A DOE day (physicians in the corners, the liberal cap of 300) on which
// raising the safety factors alone overshot into "infeasible" after a few
// iterations. With the starting factors and the learnt forbidden sets the
// loop keeps a plan, and any rep still over its cap is named.
TEST(PlanDay, RaisedFactorsOvershootingIsNotInfeasible) {
  const Territory t =
      testing::PaperDoeTerritory({/*d=*/1, /*u=*/2, /*x=*/1, /*y=*/1, /*z=*/2}, 18);
  // Two iterations (assign, raise the factors, assign again) under a budget
  // no machine runs out of: with a 5 s limit the second iteration happened
  // only on a fast enough machine (not under the sanitizers).
  SolveOptions options;
  options.time_limit_seconds = 120;
  options.max_distance_iterations = 2;
  // The day's misfits are learnt by the loop, not up front (route_conflicts.h),
  // so that the iteration cap is what stops it.
  options.tuning.route_conflicts_up_front = false;
  const absl::StatusOr<Plan> plan = PlanDay(t, options);
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_NE(plan->stats.status, PlanStatus::kInfeasible);
  EXPECT_GT(plan->stats.distance_iterations, 1u);
  for (const RepDay& day : plan->rep_days) {
    if (day.route_distance <= 300 + 1e-6) continue;
    ASSERT_FALSE(plan->stats.warnings.empty());
    EXPECT_NE(plan->stats.warnings[0].find(day.rep_id), std::string::npos)
        << plan->stats.warnings[0];
  }
}

}  // namespace
}  // namespace callplan
