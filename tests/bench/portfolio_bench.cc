// Joint portfolio planning against the alternatives a portfolio manager has
// without it, side by side in one run on the same portfolios:
//   independent: each team planned alone on all physicians (double-books)
//   sequential:  team by team, later teams lose what earlier ones took
//   joint:       all teams in one solve (callplan)
// Prints a table for the README; asserts nothing.
//   portfolio_bench [time_limit_seconds=10] [seed=1]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "solver/planner.h"
#include "tests/fixtures/territory_generator.h"

namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Plans each team alone on every physician; counts physicians two teams
// booked on the same day.
void Independent(const callplan::Territory& t,
                 const callplan::SolveOptions& options, double& potential,
                 int& double_booked) {
  std::map<std::string, int> bookings;
  potential = 0;
  for (const callplan::Team& team : t.teams) {
    callplan::Territory alone = t;
    alone.teams = {team};
    alone.reps.clear();
    for (const callplan::Rep& rep : t.reps) {
      if (rep.team_id == team.id) alone.reps.push_back(rep);
    }
    auto plan = callplan::PlanDay(alone, options);
    if (!plan.ok()) continue;
    potential += plan->stats.objective;
    for (const auto& day : plan->rep_days) {
      for (const auto& visit : day.visits) bookings[visit.physician_id]++;
    }
  }
  double_booked = 0;
  for (const auto& [id, count] : bookings) double_booked += count > 1;
}

}  // namespace

int main(int argc, char** argv) {
  const double time_limit = argc > 1 ? std::atof(argv[1]) : 10;
  const uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
  callplan::SolveOptions options;
  options.time_limit_seconds = time_limit;
  struct Size { int teams, reps, physicians; };
  const Size sizes[] = {{2, 4, 30}, {2, 8, 60}, {3, 8, 120}};
  std::printf("portfolio planning, time limit %.0f s per solve, seed %llu\n\n",
              time_limit, static_cast<unsigned long long>(seed));
  std::printf("| teams x reps, physicians | planning | total potential | "
              "double-booked physicians | seconds |\n");
  std::printf("|---|---|---:|---:|---:|\n");
  for (const Size& size : sizes) {
    const callplan::Territory t = callplan::testing::PortfolioTerritory(
        size.teams, size.reps, size.physicians, seed, 1.0, 600);
    char label[64];
    std::snprintf(label, sizeof label, "%d x %d, %d", size.teams, size.reps,
                  size.physicians);
    auto start = Clock::now();
    double independent = 0;
    int double_booked = 0;
    Independent(t, options, independent, double_booked);
    std::printf("| %s | independent (each team alone) | %.0f | %d | %.2f |\n",
                label, independent, double_booked, Since(start));
    start = Clock::now();
    const auto sequential = callplan::testing::PlanTeamByTeam(t, options);
    std::printf("| %s | sequential (team by team) | %.0f | 0 | %.2f |\n", label,
                sequential.total_potential, Since(start));
    start = Clock::now();
    const auto joint = callplan::PlanDay(t, options);
    if (joint.ok()) {
      std::printf("| %s | joint (callplan) | %.0f | 0 | %.2f |\n", label,
                  joint->stats.objective, Since(start));
    }
    std::fflush(stdout);
  }
  return 0;
}
