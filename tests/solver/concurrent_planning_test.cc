// Several PlanDay calls at once in one process plan exactly what each plans
// alone: CBC is driven with no process-wide state (cbc_run.h), so the
// sidecar's solver threads need not take turns.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "solver/planner.h"
#include "tests/fixtures/territory_generator.h"

namespace callplan {
namespace {

// Everything a user sees of a plan, as one string: equal strings, equal
// plans.
std::string Fingerprint(const absl::StatusOr<Plan>& plan) {
  if (!plan.ok()) return plan.status().ToString();
  std::string out = absl::StrCat("status ", static_cast<int>(plan->stats.status),
                                 " objective ", plan->stats.objective,
                                 " bound ", plan->stats.best_bound, "\n");
  for (const RepDay& day : plan->rep_days) {
    absl::StrAppend(&out, day.rep_id, " ", day.route_distance, ":");
    for (const Visit& v : day.visits) {
      absl::StrAppend(&out, " ", v.physician_id, "@", v.start_seconds);
    }
    absl::StrAppend(&out, "\n");
  }
  for (const Unassigned& u : plan->unassigned) {
    absl::StrAppend(&out, "out ", u.physician_id, ": ", u.reason, "\n");
  }
  for (const std::string& reason : plan->stats.infeasibility.reasons) {
    absl::StrAppend(&out, "infeasible: ", reason, "\n");
  }
  return out;
}

// Paper-shaped days of three sizes, some with optional physicians, some
// infeasible (a tight visit cap), each proven within CBC's gap well inside
// its time limit, so no answer depends on how fast a thread ran.
std::vector<Territory> Days() {
  std::vector<Territory> days;
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    days.push_back(testing::PaperShapedTerritory(7, 20, seed));
    days.push_back(testing::PaperShapedTerritory(5, 14, seed, 0.5));
  }
  Territory cramped = testing::PaperShapedTerritory(4, 20, 7);
  cramped.fairness.max_visits_per_rep = 3;  // 20 required visits, room for 12
  days.push_back(cramped);
  days.push_back(testing::PortfolioTerritory(2, 3, 18, 8));
  return days;
}

TEST(ConcurrentPlanning, ManyThreadsPlanExactlyWhatOneThreadPlans) {
  const std::vector<Territory> days = Days();
  SolveOptions options;
  // Never reached: every day is proven. Generous, because the limit also
  // sets the shares of the steps within it (a twentieth for route conflicts
  // learnt up front, a fifth for CBC's whole-day search), and six threads
  // under the sanitizers on a loaded two-core machine once ran a share out.
  options.time_limit_seconds = 600;
  std::vector<std::string> alone;
  for (const Territory& day : days) {
    const absl::StatusOr<Plan> plan = PlanDay(day, options);
    ASSERT_TRUE(plan.ok()) << plan.status();
    ASSERT_NE(plan->stats.status, PlanStatus::kFeasible)
        << "a day the test relies on was not proven; pick another";
    alone.push_back(Fingerprint(plan));
  }

  // Each day planned three times, by threads that start together and
  // interleave every solve with others.
  constexpr int kThreads = 6;
  constexpr int kRounds = 3;
  std::vector<std::string> together(days.size() * kRounds);
  std::atomic<size_t> next{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (size_t k = next++; k < together.size(); k = next++) {
        together[k] = Fingerprint(PlanDay(days[k % days.size()], options));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t k = 0; k < together.size(); ++k) {
    EXPECT_EQ(together[k], alone[k % days.size()]) << "day " << k % days.size();
  }
}

}  // namespace
}  // namespace callplan
