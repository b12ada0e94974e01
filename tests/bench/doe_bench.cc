// The paper's 64-run design of experiments (Table 2), each run planned in
// full (assignment, routes, distance iterations) with COMPACT and PAIRWISE
// side by side. Prints one line per run, then main effects: mean total
// potential per factor level. Asserts nothing.
//   doe_bench [time_limit_seconds=10] [seed=1]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "solver/planner.h"
#include "tests/fixtures/paper_doe.h"

namespace {

struct Outcome {
  std::string status;
  double objective = 0, gap = 0, seconds = 0;
  unsigned iterations = 0;
};

Outcome Plan(const callplan::Territory& t, callplan::Formulation formulation,
             double time_limit) {
  callplan::SolveOptions options;
  options.time_limit_seconds = time_limit;
  options.formulation = formulation;
  const auto start = std::chrono::steady_clock::now();
  const auto plan = callplan::PlanDay(t, options);
  Outcome out;
  out.seconds = std::chrono::duration<double>(
                    std::chrono::steady_clock::now() - start).count();
  if (!plan.ok()) {
    out.status = "error";
    return out;
  }
  switch (plan->stats.status) {
    case callplan::PlanStatus::kOptimal: out.status = "OPTIMAL"; break;
    case callplan::PlanStatus::kFeasible: out.status = "FEASIBLE"; break;
    case callplan::PlanStatus::kInfeasible: out.status = "INFEASIBLE"; break;
  }
  if (!plan->stats.reps_over_route_cap.empty()) {
    out.status += " (" + std::to_string(plan->stats.reps_over_route_cap.size()) +
                  " over cap)";
  }
  out.objective = plan->stats.objective;
  out.gap = plan->stats.relative_gap;
  out.iterations = plan->stats.distance_iterations;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const double time_limit = argc > 1 ? std::atof(argv[1]) : 10;
  const uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
  std::printf("paper DOE (Table 2), 20 physicians x 7 reps, time limit %.0f s, "
              "seed %llu\n\n", time_limit,
              static_cast<unsigned long long>(seed));
  std::printf("| run | COMPACT status | potential | iterations | seconds | "
              "PAIRWISE status | potential | seconds |\n");
  std::printf("|---|---|---:|---:|---:|---|---:|---:|\n");
  std::map<std::string, std::pair<double, int>> effects;  // level -> sum, n
  double compact_seconds = 0, pairwise_seconds = 0;
  int compact_optimal = 0, pairwise_optimal = 0, infeasible = 0, runs = 0;
  uint64_t run_seed = seed;
  for (const auto& levels : callplan::testing::PaperDoeRuns()) {
    const callplan::Territory t =
        callplan::testing::PaperDoeTerritory(levels, run_seed++);
    const Outcome compact = Plan(t, callplan::Formulation::kCompact, time_limit);
    const Outcome pairwise = Plan(t, callplan::Formulation::kPairwise, time_limit);
    std::printf("| %s | %s | %.0f | %u | %.2f | %s | %.0f | %.2f |\n",
                levels.Code().c_str(), compact.status.c_str(),
                compact.objective, compact.iterations, compact.seconds,
                pairwise.status.c_str(), pairwise.objective, pairwise.seconds);
    std::fflush(stdout);
    ++runs;
    compact_seconds += compact.seconds;
    pairwise_seconds += pairwise.seconds;
    compact_optimal += compact.status == "OPTIMAL";
    pairwise_optimal += pairwise.status == "OPTIMAL";
    if (compact.status == "INFEASIBLE") ++infeasible;
    if (compact.status != "OPTIMAL" && compact.status != "FEASIBLE") continue;  // incl. over cap
    const std::string code = levels.Code();
    for (size_t k = 0; k + 1 < code.size(); k += 3) {
      auto& [sum, n] = effects[code.substr(k, 2)];
      sum += compact.objective;
      ++n;
    }
  }
  std::printf("\n%d runs: COMPACT %d optimal in %.1f s in all, PAIRWISE %d "
              "optimal in %.1f s in all; %d infeasible (answered with "
              "reasons)\n\n",
              runs, compact_optimal, compact_seconds, pairwise_optimal,
              pairwise_seconds, infeasible);
  std::printf("| level | mean total potential (feasible runs) | runs |\n|---|---:|---:|\n");
  for (const auto& [level, sum_n] : effects) {
    std::printf("| %s | %.1f | %d |\n", level.c_str(),
                sum_n.first / sum_n.second, sum_n.second);
  }
  return 0;
}
