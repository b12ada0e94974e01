// Portfolio planning, checked from the plan alone: several teams planned
// together never break a physician's contact rules, each team is balanced
// within itself only, and the joint plan is never worse than planning team
// by team.
#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "gtest/gtest.h"
#include "solver/planner.h"
#include "tests/fixtures/territory_generator.h"

namespace callplan {
namespace {

SolveOptions Exact() {
  SolveOptions options;
  options.relative_gap = 0;
  options.time_limit_seconds = 30;
  return options;
}

std::map<std::string, std::string> TeamOfRep(const Territory& t) {
  std::map<std::string, std::string> team;
  for (const Rep& rep : t.reps) team[rep.id] = rep.team_id;
  return team;
}

TEST(Portfolio, NoPhysicianExceedsItsDailyCapAndTeamsBalanceWithinThemselves) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE(seed);
    Territory t = testing::PortfolioTerritory(2, 3, 24, seed, 0.5, 420);
    if (seed % 2 == 0) t.contact_rules.max_visits_per_day = 2;
    // A random call history, every day of the last two weeks, and a gap of
    // 5 days (9 for every third physician).
    t.contact_rules.min_days_between_visits = 5;
    std::mt19937_64 rng(seed);
    for (size_t j = 0; j < t.physicians.size(); ++j) {
      if (j % 3 == 0) t.physicians[j].contact.min_days_between_visits = 9;
      if (rng() % 2 == 0 || !t.physicians[j].optional) continue;
      const int day = 11 + static_cast<int>(rng() % 14);  // 2026-11-11..24
      t.visit_history.push_back({t.physicians[j].id, rng() % 2 ? "T1" : "T2",
                                 "2026-11-" + std::to_string(day)});
    }
    const absl::StatusOr<Plan> plan = PlanDay(t, Exact());
    ASSERT_TRUE(plan.ok()) << plan.status();
    if (plan->stats.status == PlanStatus::kInfeasible) continue;
    const auto team_of = TeamOfRep(t);
    std::map<std::string, std::vector<std::string>> teams_visiting;
    std::map<std::string, std::vector<int>> counts;
    for (const RepDay& day : plan->rep_days) {
      counts[team_of.at(day.rep_id)].push_back(static_cast<int>(day.visits.size()));
      for (const Visit& v : day.visits) {
        teams_visiting[v.physician_id].push_back(team_of.at(day.rep_id));
      }
    }
    const size_t cap = t.contact_rules.max_visits_per_day.value_or(1);
    for (const PastVisit& past : t.visit_history) {
      const int days_ago = 25 - std::stoi(past.date.substr(8));
      const auto& physician = *std::find_if(
          t.physicians.begin(), t.physicians.end(),
          [&](const Physician& p) { return p.id == past.physician_id; });
      const int gap = static_cast<int>(
          physician.contact.min_days_between_visits.value_or(5));
      if (days_ago < gap) {
        EXPECT_EQ(teams_visiting.count(past.physician_id), 0u)
            << past.physician_id << " visited " << days_ago << " days ago";
      }
    }
    for (auto& [physician, teams] : teams_visiting) {
      EXPECT_LE(teams.size(), cap) << physician;
      std::sort(teams.begin(), teams.end());
      EXPECT_EQ(std::adjacent_find(teams.begin(), teams.end()), teams.end())
          << physician << " visited twice by one team";
    }
    for (const Team& team : t.teams) {
      const auto& c = counts[team.id];
      const auto [lo, hi] = std::minmax_element(c.begin(), c.end());
      EXPECT_LE(*hi - *lo, static_cast<int>(*team.policy->max_workload_spread))
          << team.id;
    }
  }
}

TEST(Portfolio, FairnessIsNotImposedAcrossTeams) {
  // One team of one rep, one of three: across teams the visit counts may
  // differ far beyond either team's spread of 1.
  Territory t = testing::PortfolioTerritory(2, 3, 30, 7, 1.0);
  t.reps.erase(t.reps.begin() + 1, t.reps.begin() + 3);  // T1 keeps one rep
  t.teams[1].policy->max_workload_spread = 1;
  t.teams[0].policy->max_workload_spread = 1;
  t.fairness.max_workload_spread = 0;  // would bind only if imposed globally
  const absl::StatusOr<Plan> plan = PlanDay(t, Exact());
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_NE(plan->stats.status, PlanStatus::kInfeasible);
  std::set<size_t> sizes;
  for (const RepDay& day : plan->rep_days) sizes.insert(day.visits.size());
  EXPECT_GT(*sizes.rbegin() - *sizes.begin(), 1u);
}

TEST(Portfolio, JointPlanIsNeverBelowTeamByTeamPlanning) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE(seed);
    const Territory t = testing::PortfolioTerritory(2, 3, 20, seed, 1.0);
    const absl::StatusOr<Plan> joint = PlanDay(t, Exact());
    ASSERT_TRUE(joint.ok()) << joint.status();
    ASSERT_EQ(joint->stats.status, PlanStatus::kOptimal);
    const testing::SequentialResult sequential =
        testing::PlanTeamByTeam(t, Exact());
    EXPECT_GE(joint->stats.objective, sequential.total_potential - 1e-6);
  }
}

TEST(Portfolio, TeamStatsAddUpToThePlan) {
  const Territory t = testing::PortfolioTerritory(3, 2, 24, 3, 1.0);
  const absl::StatusOr<Plan> plan = PlanDay(t, Exact());
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->stats.team_stats.size(), 3u);
  double objective = 0;
  uint32_t visits = 0, planned = 0;
  for (const TeamStats& team : plan->stats.team_stats) {
    objective += team.objective;
    visits += team.visits;
  }
  for (const RepDay& day : plan->rep_days) planned += day.visits.size();
  EXPECT_NEAR(objective, plan->stats.objective, 1e-6);
  EXPECT_EQ(visits, planned);
}

TEST(Portfolio, ConflictsNameWhoGotThePhysicianAndWhy) {
  const Territory t = testing::PortfolioTerritory(2, 3, 24, 5, 1.0);
  const absl::StatusOr<Plan> plan = PlanDay(t, Exact());
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_FALSE(plan->conflicts.empty());
  std::map<std::string, std::string> rep_of;
  for (const RepDay& day : plan->rep_days) {
    for (const Visit& v : day.visits) rep_of[v.physician_id] = day.rep_id;
  }
  for (const Conflict& conflict : plan->conflicts) {
    EXPECT_GE(conflict.team_potential.size(), 2u);
    EXPECT_FALSE(conflict.reason.empty());
    auto it = rep_of.find(conflict.physician_id);
    if (it == rep_of.end()) {
      EXPECT_TRUE(conflict.assigned_rep_id.empty());
    } else {
      EXPECT_EQ(conflict.assigned_rep_id, it->second);
      EXPECT_NE(conflict.reason.find(conflict.assigned_team_id), std::string::npos);
    }
  }
}

TEST(Portfolio, RecentVisitsExcludeOptionalPhysiciansWithTheRuleAsReason) {
  Territory t = testing::PortfolioTerritory(2, 2, 12, 4, 1.0);
  t.contact_rules.min_days_between_visits = 7;
  t.visit_history = {{"P1", "T2", "2026-11-20"},   // 5 days ago: excluded
                     {"P2", "T1", "2026-11-10"}};  // 15 days ago: allowed
  const absl::StatusOr<Plan> plan = PlanDay(t, Exact());
  ASSERT_TRUE(plan.ok()) << plan.status();
  for (const RepDay& day : plan->rep_days) {
    for (const Visit& v : day.visits) EXPECT_NE(v.physician_id, "P1");
  }
  auto unassigned = std::find_if(
      plan->unassigned.begin(), plan->unassigned.end(),
      [](const Unassigned& u) { return u.physician_id == "P1"; });
  ASSERT_NE(unassigned, plan->unassigned.end());
  EXPECT_NE(unassigned->reason.find("minimum gap is 7 days"), std::string::npos)
      << unassigned->reason;
}

TEST(Portfolio, RequiredPhysicianNoRuleAllowsIsInfeasibleWithTheRule) {
  Territory t = testing::PortfolioTerritory(2, 2, 10, 4, 1.0);
  t.physicians[2].optional = false;  // P3
  t.physicians[2].contact.min_days_between_visits = 30;
  t.visit_history = {{"P3", "T1", "2026-11-15"}};
  const absl::StatusOr<Plan> plan = PlanDay(t, Exact());
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->stats.status, PlanStatus::kInfeasible);
  EXPECT_EQ(plan->stats.infeasibility.unreachable_physician_ids,
            std::vector<std::string>{"P3"});
  bool named = false;
  for (const std::string& reason : plan->stats.infeasibility.reasons) {
    named |= reason.find("P3") != std::string::npos &&
             reason.find("minimum gap is 30 days") != std::string::npos;
  }
  EXPECT_TRUE(named);
}

TEST(Portfolio, UnknownTeamOfARepIsAnError) {
  Territory t = testing::PortfolioTerritory(2, 2, 6, 1, 1.0);
  t.reps[0].team_id = "nope";
  EXPECT_EQ(PlanDay(t, Exact()).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace callplan
