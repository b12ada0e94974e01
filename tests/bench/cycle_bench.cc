// The cycle planner against the day-by-day baseline (each day planned
// alone, in order, gap and history updated), side by side in one run on the
// same generated districts: share of physicians at target by tier, minimums
// missed, response value, the cycle model's score and bound, fairness over
// the cycle (widest visit spread between two reps), seconds. Prints a table
// for the README; asserts nothing.
//   cycle_bench [time_limit_seconds=60] [reps=10] [physicians=300] [weeks=4]
//               [seeds=1] [max_visits_per_rep=4] [area_km=40]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "solver/cycle/cycle_planner.h"
#include "tests/fixtures/cycle_generator.h"

namespace {

using callplan::CallAttainment;
using callplan::CyclePlan;

std::string TierShares(const CyclePlan& plan) {
  std::map<std::string, std::pair<int, int>> tiers;  // met, all
  for (const CallAttainment& row : plan.attainment) {
    if (row.targets.target_calls == 0) continue;
    auto& [met, all] = tiers[row.tier];
    ++all;
    if (row.target_met()) ++met;
  }
  std::string out;
  for (const auto& [tier, count] : tiers) {
    char cell[48];
    std::snprintf(cell, sizeof cell, "%s %3.0f%%  ", tier.c_str(),
                  100.0 * count.first / std::max(1, count.second));
    out += cell;
  }
  return out;
}

void Row(const char* planner, uint32_t seed, const CyclePlan& plan,
         double seconds) {
  std::printf("| %-11s | %4u | %-22s | %5u/%-5u | %4u | %5u | %9.0f | %9.0f | %9.0f | %6u | %6.1f |\n",
              planner, seed, TierShares(plan).c_str(), plan.stats.targets_met,
              plan.stats.targets, plan.stats.minimums_missed, plan.stats.calls,
              plan.stats.response_value, plan.stats.objective,
              plan.stats.best_bound, plan.stats.workload_spread, seconds);
}

}  // namespace

int main(int argc, char** argv) {
  const double limit = argc > 1 ? std::atof(argv[1]) : 60;
  callplan::CycleShape shape;
  shape.reps = argc > 2 ? std::atoi(argv[2]) : 10;
  shape.physicians = argc > 3 ? std::atoi(argv[3]) : 300;
  shape.weeks = argc > 4 ? std::atoi(argv[4]) : 4;
  const int seeds = argc > 5 ? std::atoi(argv[5]) : 1;
  shape.area_km = argc > 7 ? std::atof(argv[7]) : 40;
  shape.max_visits_per_rep = argc > 6 ? std::atoi(argv[6]) : 4;
  std::printf("cycle_bench: %d reps, %d physicians, %d weeks, gap %u days, "
              "time limit %.0f s per planner\n\n",
              shape.reps, shape.physicians, shape.weeks, shape.gap_days, limit);
  std::printf("| planner     | seed | at target by tier      | targets     | "
              "min- | calls | value     | score     | bound     | spread | "
              "s      |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (int s = 1; s <= seeds; ++s) {
    shape.seed = static_cast<uint32_t>(s);
    const callplan::CycleTerritory cycle = callplan::GenerateCycle(shape);
    callplan::SolveOptions options;
    options.time_limit_seconds = limit;
    for (const bool whole_cycle : {false, true}) {
      const auto start = std::chrono::steady_clock::now();
      absl::StatusOr<CyclePlan> plan =
          whole_cycle ? callplan::PlanCycle(cycle, options)
                      : callplan::PlanCycleDayByDay(cycle, options);
      const double seconds = std::chrono::duration<double>(
                                 std::chrono::steady_clock::now() - start)
                                 .count();
      if (!plan.ok()) {
        std::printf("| %s | %d | error: %s |\n",
                    whole_cycle ? "cycle" : "day by day", s,
                    std::string(plan.status().message()).c_str());
        continue;
      }
      Row(whole_cycle ? "cycle" : "day by day", shape.seed, *plan, seconds);
      if (whole_cycle) {
        std::printf("|             |      | gap %.2f%%, %u cycle-model solves, "
                    "status %s |\n",
                    100 * plan->stats.relative_gap, plan->stats.cycle_iterations,
                    plan->stats.status == callplan::PlanStatus::kOptimal
                        ? "OPTIMAL"
                        : "FEASIBLE");
      }
    }
  }
  return 0;
}
