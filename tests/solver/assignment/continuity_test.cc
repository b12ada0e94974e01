// A re-plan's continuity (issue 13) through PlanDay: the engine maximises
// potential minus the change penalty per kept visit it does not keep, and
// reports the true potential. Small days built so that the answer for each
// penalty is known.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "solver/planner.h"

namespace callplan {
namespace {

Rep RepAt(const std::string& id, double x, const std::string& product) {
  Rep rep;
  rep.id = id;
  rep.home = PlanarPoint{x, 0};
  rep.products = {product};
  return rep;
}

Physician At(const std::string& id, double x, double a, double b) {
  Physician p;
  p.id = id;
  p.location = PlanarPoint{x, 1};
  p.product_potential["A"] = a;
  p.product_potential["B"] = b;
  p.optional = true;
  return p;
}

std::string RepOf(const Plan& plan, const std::string& physician) {
  for (const RepDay& day : plan.rep_days) {
    for (const Visit& v : day.visits) {
      if (v.physician_id == physician) return day.rep_id;
    }
  }
  return "";
}

// R1 promotes A, R2 promotes B; D1 is worth 60 to R1 and 10 to R2, and
// the plan re-planned had R2 visit it. Each rep visits one physician
// (max_visits), and D2 is worth 5 to either.
Territory KeptWithTheWorseRep(double penalty) {
  Territory t;
  t.territory_id = "continuity";
  t.date = "2026-03-12";
  t.reps = {RepAt("R1", 0, "A"), RepAt("R2", 1, "B")};
  t.physicians = {At("D1", 0.5, 60, 10), At("D2", 0.7, 5, 5)};
  t.fairness.max_visits_per_rep = 1;
  t.continuity.visits = {{"D1", "R2"}};
  t.continuity.change_penalty = penalty;
  return t;
}

TEST(Continuity, AVisitChangesRepOnlyWhereThatEarnsMoreThanThePenalty) {
  SolveOptions options;
  options.time_limit_seconds = 10;
  struct Case {
    double penalty;
    std::string d1_rep;
    double potential;
    uint32_t changed;
  };
  // Moving D1 to R1 (and D2 to R2) earns 60 + 5 instead of 10 + 5: worth
  // 50 more, so it pays only under a penalty of less than 50.
  for (const Case& c : {Case{0, "R1", 65, 1}, Case{40, "R1", 65, 1},
                        Case{60, "R2", 15, 0}, Case{100, "R2", 15, 0}}) {
    SCOPED_TRACE(c.penalty);
    absl::StatusOr<Plan> plan = PlanDay(KeptWithTheWorseRep(c.penalty), options);
    ASSERT_TRUE(plan.ok()) << plan.status();
    EXPECT_EQ(plan->stats.status, PlanStatus::kOptimal);
    EXPECT_EQ(RepOf(*plan, "D1"), c.d1_rep);
    EXPECT_DOUBLE_EQ(plan->stats.objective, c.potential);  // true potential
    EXPECT_EQ(plan->stats.visits_changed, c.changed);
    EXPECT_GE(plan->stats.best_bound, plan->stats.objective);
    EXPECT_NEAR(plan->stats.relative_gap, 0, 1e-6);
  }
}

TEST(Continuity, VisitsThatCannotAllBeKeptAreAWishNotAnInfeasibleDay) {
  // R2 may make one visit but the plan re-planned gave it three: two must
  // change, and the one kept is the one worth most to keep.
  Territory t = KeptWithTheWorseRep(100);
  t.physicians.push_back(At("D3", 0.9, 0, 30));
  t.continuity.visits = {{"D1", "R2"}, {"D2", "R2"}, {"D3", "R2"}};
  SolveOptions options;
  options.time_limit_seconds = 10;
  absl::StatusOr<Plan> plan = PlanDay(t, options);
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->stats.status, PlanStatus::kOptimal);
  EXPECT_EQ(plan->stats.visits_changed, 2u);
  EXPECT_EQ(RepOf(*plan, "D3"), "R2");  // 30 + 100 kept
  EXPECT_EQ(RepOf(*plan, "D1"), "R1");  // 60 moved, better than D2's 5
}

TEST(Continuity, AKeptVisitNamingAStrangerIsRefused) {
  Territory t = KeptWithTheWorseRep(100);
  t.continuity.visits.push_back({"D9", "R1"});
  absl::StatusOr<Plan> plan = PlanDay(t, SolveOptions{});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(plan.status().message().find("continuity.visits[1]: no physician D9"),
            std::string::npos)
      << plan.status();
  t = KeptWithTheWorseRep(-1);
  EXPECT_EQ(PlanDay(t, SolveOptions{}).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace callplan
