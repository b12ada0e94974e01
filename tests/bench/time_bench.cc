// Paper-shaped days (Hertel & Gautam) planned with and without time, side
// by side in one run on the same instances: distance only; the same day
// with an 08:00-17:00 shift and a 45-minute lunch; and with office hours
// for 40% of the physicians (a morning or an afternoon). Prints a table for
// the README; asserts nothing.
//   time_bench [time_limit_seconds=10] [seed=1]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "solver/planner.h"
#include "tests/fixtures/territory_generator.h"

namespace {

using callplan::Territory;
using callplan::TimeWindow;

constexpr int64_t kHour = 3600;

const char* StatusName(callplan::PlanStatus status) {
  switch (status) {
    case callplan::PlanStatus::kOptimal: return "OPTIMAL";
    case callplan::PlanStatus::kFeasible: return "FEASIBLE";
    case callplan::PlanStatus::kInfeasible: return "INFEASIBLE";
  }
  return "?";
}

// The paper's units read as km, driven at 60 km/h, 20-minute visits.
void AddShifts(Territory& t) {
  t.default_travel_speed_kmh = 60;
  t.default_visit_duration_seconds = 20 * 60;
  for (callplan::Rep& rep : t.reps) {
    rep.shift = TimeWindow{8 * kHour, 17 * kHour};
    rep.breaks = {callplan::Break{TimeWindow{12 * kHour, 13 * kHour + 1800}, 45 * 60}};
  }
}

void AddOfficeHours(Territory& t, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  for (callplan::Physician& p : t.physicians) {
    if (unit(rng) >= 0.4) continue;
    p.availability = unit(rng) < 0.5
                         ? std::vector<TimeWindow>{{8 * kHour + 1800, 12 * kHour}}
                         : std::vector<TimeWindow>{{14 * kHour, 17 * kHour}};
  }
}

void Run(const Territory& t, const char* size, const char* variant, double limit) {
  callplan::SolveOptions options;
  options.time_limit_seconds = limit;
  const auto started = std::chrono::steady_clock::now();
  auto plan = callplan::PlanDay(t, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!plan.ok()) {
    std::printf("| %s | %s | %s | | | | | %.2f |\n", size, variant,
                std::string(plan.status().message()).c_str(), seconds);
    return;
  }
  int visits = 0;
  for (const auto& day : plan->rep_days) visits += static_cast<int>(day.visits.size());
  std::printf("| %s | %s | %s | %.1f | %.3f%% | %d | %u | %.2f |\n", size, variant,
              StatusName(plan->stats.status), plan->stats.objective,
              100 * plan->stats.relative_gap, visits, plan->stats.distance_iterations,
              seconds);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const double limit = argc > 1 ? std::atof(argv[1]) : 10.0;
  const uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
  std::printf("| size | time | status | objective | gap | visits | iterations | seconds |\n");
  std::printf("|---|---|---|---:|---:|---:|---:|---:|\n");
  const struct { int reps, physicians; const char* name; } sizes[] = {
      {7, 20, "20x7"}, {20, 60, "60x20"}, {40, 200, "200x40"}};
  for (const auto& size : sizes) {
    const Territory plain =
        callplan::testing::PaperShapedTerritory(size.reps, size.physicians, seed);
    Territory shifts = plain;
    AddShifts(shifts);
    Territory hours = shifts;
    AddOfficeHours(hours, seed);
    Run(plain, size.name, "distance only", limit);
    Run(shifts, size.name, "shift + lunch", limit);
    Run(hours, size.name, "shift + lunch + office hours", limit);
  }
  return 0;
}
