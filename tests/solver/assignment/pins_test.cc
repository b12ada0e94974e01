// Managers' pins, forbidden visits and locked days (issue 13), through
// PlanDay and checked from the plan's output alone. Planted days pin,
// forbid and lock from a plan the engine found without them, so a plan
// holding every decision is known to exist: the engine must find one.
#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "solver/planner.h"
#include "tests/fixtures/territory_generator.h"
#include "tests/fixtures/timed_plan_check.h"

namespace callplan {
namespace {

constexpr int64_t kHour = 3600;

Rep RepAt(const std::string& id, double x, const std::string& product = "D1") {
  Rep rep;
  rep.id = id;
  rep.home = PlanarPoint{x, 0};
  rep.products = {product};
  return rep;
}

Physician At(const std::string& id, double x, double d1, double d2 = 0) {
  Physician p;
  p.id = id;
  p.location = PlanarPoint{x, 0};
  p.product_potential["D1"] = d1;
  if (d2 > 0) p.product_potential["D2"] = d2;
  p.optional = true;
  return p;
}

VisitPin Pin(const std::string& physician, const std::string& rep,
             std::optional<int64_t> start = std::nullopt, bool done = false) {
  return VisitPin{physician, rep, start, done, "Ann Lee", "key account"};
}

const RepDay& DayOf(const Plan& plan, const std::string& rep) {
  for (const RepDay& day : plan.rep_days) {
    if (day.rep_id == rep) return day;
  }
  ADD_FAILURE() << "no day for " << rep;
  static const RepDay kNone;
  return kNone;
}

const Visit* VisitOf(const Plan& plan, const std::string& rep,
                     const std::string& physician) {
  for (const Visit& v : DayOf(plan, rep).visits) {
    if (v.physician_id == physician) return &v;
  }
  return nullptr;
}

std::string Reasons(const Plan& plan) {
  return absl::StrJoin(plan.stats.infeasibility.reasons, " | ");
}

// Every broken decision, read from the plan as a manager would.
std::vector<std::string> BrokenDecisions(const Territory& t, const Plan& plan) {
  std::vector<std::string> broken;
  std::map<std::string, std::set<std::string>> pinned;
  for (const VisitPin& pin : t.pins) {
    pinned[pin.rep_id].insert(pin.physician_id);
    const Visit* visit = VisitOf(plan, pin.rep_id, pin.physician_id);
    if (visit == nullptr) {
      broken.push_back(absl::StrCat(pin.physician_id, " not with ", pin.rep_id));
      continue;
    }
    if (pin.start_seconds && visit->start_seconds != *pin.start_seconds) {
      broken.push_back(absl::StrCat(pin.physician_id, " starts ",
                                    visit->start_seconds, " not ", *pin.start_seconds));
    }
    if (visit->reason.find("pinned by Ann Lee") == std::string::npos) {
      broken.push_back(absl::StrCat(pin.physician_id, "'s reason: ", visit->reason));
    }
    for (const RepDay& day : plan.rep_days) {
      const bool pinned_here = std::any_of(
          t.pins.begin(), t.pins.end(), [&](const VisitPin& p) {
            return p.rep_id == day.rep_id && p.physician_id == pin.physician_id;
          });
      if (!pinned_here && VisitOf(plan, day.rep_id, pin.physician_id) != nullptr) {
        broken.push_back(absl::StrCat(pin.physician_id, " also with ", day.rep_id));
      }
    }
  }
  for (const ForbiddenVisit& forbid : t.forbidden_visits) {
    if (VisitOf(plan, forbid.rep_id, forbid.physician_id) != nullptr) {
      broken.push_back(absl::StrCat(forbid.rep_id, " visits forbidden ",
                                    forbid.physician_id));
    }
  }
  for (const LockedDay& lock : t.locked_days) {
    for (const Visit& v : DayOf(plan, lock.rep_id).visits) {
      if (pinned[lock.rep_id].count(v.physician_id) == 0) {
        broken.push_back(absl::StrCat("locked ", lock.rep_id, " visits ", v.physician_id));
      }
    }
  }
  return broken;
}

// A paper-shaped day with shifts, so that visits have times to pin.
Territory TimedPaperDay(int reps, int physicians, uint64_t seed) {
  Territory t = testing::PaperShapedTerritory(reps, physicians, seed, 0.5);
  for (Rep& rep : t.reps) rep.shift = TimeWindow{7 * kHour, 19 * kHour};
  t.default_travel_speed_kmh = 300;
  t.default_visit_duration_seconds = 20 * 60;
  return t;
}

// Pins, forbids and locks that the plan `known` keeps.
void PlantDecisions(const Plan& known, Territory& t, std::mt19937_64& rng) {
  std::bernoulli_distribution pin(0.35), timed(0.5), lock(0.25), forbid(0.1);
  std::set<std::pair<std::string, std::string>> visited;
  for (const RepDay& day : known.rep_days) {
    const bool locked = lock(rng);
    if (locked) t.locked_days.push_back({day.rep_id, "Ann Lee", "training"});
    for (const Visit& v : day.visits) {
      visited.insert({day.rep_id, v.physician_id});
      if (!locked && !pin(rng)) continue;
      t.pins.push_back(Pin(v.physician_id, day.rep_id,
                           timed(rng) ? std::optional<int64_t>(v.start_seconds)
                                      : std::nullopt));
    }
  }
  for (const Rep& rep : t.reps) {
    for (const Physician& p : t.physicians) {
      if (visited.count({rep.id, p.id}) == 0 && forbid(rng)) {
        t.forbidden_visits.push_back({p.id, rep.id, "Bo Chen", "conflict of interest"});
      }
    }
  }
}

TEST(Pins, PlantedDecisionsAreAllHeldAndNeverCostMoreThanTheUnpinnedPlan) {
  SolveOptions options;
  options.time_limit_seconds = 5;
  // Small days CBC proves, and days large enough for the heuristics and
  // the neighbourhood search (more than six reps) to start from the pins.
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE(absl::StrCat("seed ", seed));
    Territory t = seed <= 4 ? TimedPaperDay(4, 20, seed) : TimedPaperDay(10, 60, seed);
    absl::StatusOr<Plan> free = PlanDay(t, options);
    ASSERT_TRUE(free.ok()) << free.status();
    ASSERT_NE(free->stats.status, PlanStatus::kInfeasible) << Reasons(*free);
    ASSERT_TRUE(free->stats.reps_over_route_cap.empty());
    std::mt19937_64 rng(seed);
    PlantDecisions(*free, t, rng);
    ASSERT_FALSE(t.pins.empty());

    absl::StatusOr<Plan> pinned = PlanDay(t, options);
    ASSERT_TRUE(pinned.ok()) << pinned.status();
    ASSERT_NE(pinned->stats.status, PlanStatus::kInfeasible) << Reasons(*pinned);
    EXPECT_EQ(BrokenDecisions(t, *pinned), std::vector<std::string>{})
        << testing::DescribeTimedPlan(*pinned);
    EXPECT_EQ(testing::TimedPlanProblems(t, *pinned), std::vector<std::string>{})
        << testing::DescribeTimedPlan(*pinned);
    if (free->stats.status == PlanStatus::kOptimal) {
      EXPECT_LE(pinned->stats.objective, free->stats.objective + 1e-6);
    }
  }
}

TEST(Pins, APinMovesAPhysicianToTheRepItIsPinnedTo) {
  Territory t;
  t.reps = {RepAt("R1", 0, "D1"), RepAt("R2", 10, "D2")};
  t.physicians = {At("P1", 1, 50, 10), At("P2", 9, 5, 30), At("P3", 2, 20, 0)};
  SolveOptions options;
  options.time_limit_seconds = 5;
  absl::StatusOr<Plan> free = PlanDay(t, options);
  ASSERT_TRUE(free.ok()) << free.status();
  ASSERT_NE(VisitOf(*free, "R1", "P1"), nullptr);  // R1 earns 50 there, R2 10

  t.pins = {Pin("P1", "R2")};
  absl::StatusOr<Plan> pinned = PlanDay(t, options);
  ASSERT_TRUE(pinned.ok()) << pinned.status();
  ASSERT_EQ(pinned->stats.status, PlanStatus::kOptimal);
  EXPECT_EQ(VisitOf(*pinned, "R1", "P1"), nullptr);
  const Visit* moved = VisitOf(*pinned, "R2", "P1");
  ASSERT_NE(moved, nullptr);
  EXPECT_DOUBLE_EQ(moved->potential, 10);
  EXPECT_NE(moved->reason.find("pinned by Ann Lee (key account)"), std::string::npos)
      << moved->reason;
  EXPECT_LT(pinned->stats.objective, free->stats.objective);
}

TEST(Pins, ForbiddenPairAndLockedDayAreHonouredWithTheirReasons) {
  Territory t;
  t.reps = {RepAt("R1", 0), RepAt("R2", 10)};
  t.physicians = {At("P1", 1, 50), At("P2", 9, 40), At("P3", 5, 30)};
  t.physicians[0].optional = false;
  t.forbidden_visits = {{"P1", "R1", "Bo Chen", "conflict of interest"}};
  t.locked_days = {{"R2", "Ann Lee", "training"}};
  t.pins = {Pin("P2", "R2")};
  absl::StatusOr<Plan> plan = PlanDay(t, SolveOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  // P1 is required, R1 may not and R2 is locked: no plan, and the reasons
  // name both decisions.
  ASSERT_EQ(plan->stats.status, PlanStatus::kInfeasible);
  const std::string why = Reasons(*plan);
  EXPECT_NE(why.find("Bo Chen forbade R1 to visit P1: conflict of interest"),
            std::string::npos) << why;
  EXPECT_NE(why.find("Ann Lee locked R2's day"), std::string::npos) << why;

  t.physicians[0].optional = true;
  plan = PlanDay(t, SolveOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_NE(plan->stats.status, PlanStatus::kInfeasible) << Reasons(*plan);
  EXPECT_EQ(BrokenDecisions(t, *plan), std::vector<std::string>{});
  ASSERT_EQ(DayOf(*plan, "R2").visits.size(), 1u);
  for (const Unassigned& u : plan->unassigned) {
    if (u.physician_id == "P1") {
      EXPECT_NE(u.reason.find("forbade"), std::string::npos) << u.reason;
    }
  }
}

TEST(Pins, ALockedDayWithoutPinsHasNoVisits) {
  Territory t;
  t.reps = {RepAt("R1", 0), RepAt("R2", 10)};
  t.physicians = {At("P1", 1, 50), At("P2", 9, 40)};
  t.locked_days = {{"R1", "Ann Lee", "sick"}};
  absl::StatusOr<Plan> plan = PlanDay(t, SolveOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_NE(plan->stats.status, PlanStatus::kInfeasible) << Reasons(*plan);
  EXPECT_TRUE(DayOf(*plan, "R1").visits.empty());
  EXPECT_EQ(DayOf(*plan, "R2").visits.size(), 2u);
}

// A rep on training (or sick) does not cut the others' days to its own:
// its locked day is out of the fairness bounds and of the spreads reported.
TEST(Pins, ALockedDayIsOutOfTheBalance) {
  Territory t;
  t.reps = {RepAt("R1", 0), RepAt("R2", 10), RepAt("R3", 20)};
  t.physicians = {At("P1", 1, 50), At("P2", 2, 40), At("P3", 9, 30), At("P4", 11, 20)};
  for (Physician& p : t.physicians) p.optional = false;
  t.fairness.max_workload_spread = 1;
  t.locked_days = {{"R3", "Ann Lee", "training"}};
  absl::StatusOr<Plan> plan = PlanDay(t, SolveOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->stats.status, PlanStatus::kOptimal) << Reasons(*plan);
  EXPECT_TRUE(DayOf(*plan, "R3").visits.empty());
  EXPECT_EQ(DayOf(*plan, "R1").visits.size() + DayOf(*plan, "R2").visits.size(), 4u);
  EXPECT_LE(plan->stats.workload_spread, 1u);

  // The same rep unable to see anyone is still one of those compared: with
  // the others' four required visits, no plan fits.
  t.locked_days.clear();
  for (const char* physician : {"P1", "P2", "P3", "P4"}) {
    t.forbidden_visits.push_back({physician, "R3", "Ann Lee", "conflict of interest"});
  }
  plan = PlanDay(t, SolveOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->stats.status, PlanStatus::kInfeasible);
}

TEST(Pins, APinOverTheRouteCapIsInfeasibleNamingThePinAndTheCap) {
  Territory t;
  t.reps = {RepAt("R1", 0), RepAt("R2", 100)};
  t.reps[0].max_route_distance = 60;
  t.physicians = {At("P1", 40, 50), At("P2", 95, 20)};
  t.pins = {Pin("P1", "R1")};
  absl::StatusOr<Plan> plan = PlanDay(t, SolveOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->stats.status, PlanStatus::kInfeasible);
  const std::string why = Reasons(*plan);
  EXPECT_NE(why.find("the pin of P1 to R1 (by Ann Lee) cannot hold"), std::string::npos)
      << why;
  EXPECT_NE(why.find("cap of 60"), std::string::npos) << why;

  t.pins.clear();  // without the pin the day has a plan
  plan = PlanDay(t, SolveOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_NE(plan->stats.status, PlanStatus::kInfeasible);
}

TEST(Pins, APinAgainstTheWorkloadSpreadIsInfeasibleNamingTheSpread) {
  Territory t;
  t.reps = {RepAt("R1", 0), RepAt("R2", 10), RepAt("R3", 20)};
  t.physicians = {At("P1", 1, 50), At("P2", 2, 40), At("P3", 9, 30)};
  t.fairness.max_workload_spread = 1;
  // R1 gets two and R2 one; R3 may see nobody: a spread of 2.
  t.pins = {Pin("P1", "R1"), Pin("P2", "R1")};
  for (const char* physician : {"P1", "P2", "P3"}) {
    t.forbidden_visits.push_back({physician, "R3", "Ann Lee", "conflict of interest"});
  }
  absl::StatusOr<Plan> plan = PlanDay(t, SolveOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->stats.status, PlanStatus::kInfeasible);
  const std::string why = Reasons(*plan);
  EXPECT_NE(why.find("cannot hold with the workload spread of at most 1"),
            std::string::npos) << why;
  EXPECT_NE(why.find("pin"), std::string::npos) << why;
}

Territory HoursDay() {
  Territory t;
  t.reps = {RepAt("R1", 0), RepAt("R2", 3)};
  for (Rep& rep : t.reps) rep.shift = TimeWindow{8 * kHour, 17 * kHour};
  t.physicians = {At("P1", 2, 50), At("P2", 4, 30)};
  t.physicians[0].availability = std::vector<TimeWindow>{{14 * kHour, 17 * kHour}};
  return t;
}

TEST(Pins, APinnedTimeOutsideOfficeHoursIsInfeasibleButADoneVisitThereIsKept) {
  Territory t = HoursDay();
  t.pins = {Pin("P1", "R1", 9 * kHour)};
  absl::StatusOr<Plan> plan = PlanDay(t, SolveOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->stats.status, PlanStatus::kInfeasible);
  const std::string why = Reasons(*plan);
  EXPECT_NE(why.find("the pin of P1 to R1 (by Ann Lee) cannot hold"), std::string::npos)
      << why;
  EXPECT_NE(why.find("outside its hours 14:00-17:00"), std::string::npos) << why;

  t.pins = {Pin("P1", "R1", 9 * kHour, /*done=*/true)};
  plan = PlanDay(t, SolveOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_NE(plan->stats.status, PlanStatus::kInfeasible) << Reasons(*plan);
  const Visit* done = VisitOf(*plan, "R1", "P1");
  ASSERT_NE(done, nullptr) << testing::DescribeTimedPlan(*plan);
  EXPECT_EQ(done->start_seconds, 9 * kHour);
  EXPECT_NE(done->reason.find("already made"), std::string::npos) << done->reason;
  EXPECT_EQ(VisitOf(*plan, "R2", "P1"), nullptr);
}

TEST(Pins, APinnedTimeInsideTheHoursIsTheVisitsStart) {
  Territory t = HoursDay();
  t.pins = {Pin("P1", "R2", 15 * kHour + 600)};
  absl::StatusOr<Plan> plan = PlanDay(t, SolveOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_NE(plan->stats.status, PlanStatus::kInfeasible) << Reasons(*plan);
  const Visit* visit = VisitOf(*plan, "R2", "P1");
  ASSERT_NE(visit, nullptr);
  EXPECT_EQ(visit->start_seconds, 15 * kHour + 600);
  EXPECT_EQ(testing::TimedPlanProblems(t, *plan), std::vector<std::string>{});
}

TEST(Pins, ADoneVisitIsKeptThoughTheContactRuleWouldExcludeItToday) {
  Territory t = HoursDay();
  t.date = "2026-11-25";
  t.contact_rules.min_days_between_visits = 7;
  t.visit_history = {{"P2", "", "2026-11-24"}};
  t.pins = {Pin("P2", "R1", 10 * kHour, /*done=*/true)};
  absl::StatusOr<Plan> plan = PlanDay(t, SolveOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_NE(plan->stats.status, PlanStatus::kInfeasible) << Reasons(*plan);
  const Visit* done = VisitOf(*plan, "R1", "P2");
  ASSERT_NE(done, nullptr);
  EXPECT_EQ(done->start_seconds, 10 * kHour);
}

}  // namespace
}  // namespace callplan
