// Compares ways of solving the assignment model, side by side in one run on
// the same paper-shaped instances: COMPACT versus the paper's PAIRWISE
// balance rows, with the greedy warm start or CBC's preprocessing. Prints
// a table for the README; asserts nothing.
//   assignment_bench [time_limit_seconds=10] [seed=1] [configuration filter]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "solver/assignment/model.h"
#include "solver/assignment/problem_builder.h"
#include "solver/distance.h"
#include "solver/planner.h"
#include "tests/fixtures/territory_generator.h"

namespace {

using callplan::Formulation;

struct Config {
  const char* name;
  Formulation formulation;
  bool warm_start;  // else CBC's preprocessing (see SearchTuning)
  bool neighbourhood_search = true;
};

const char* StatusName(callplan::PlanStatus status) {
  switch (status) {
    case callplan::PlanStatus::kOptimal: return "OPTIMAL";
    case callplan::PlanStatus::kFeasible: return "FEASIBLE";
    case callplan::PlanStatus::kInfeasible: return "INFEASIBLE";
  }
  return "?";
}

void RunOne(const callplan::AssignmentProblem& problem, const Config& config,
            double time_limit, const char* size) {
  callplan::SolveOptions options;
  options.time_limit_seconds = time_limit;
  options.formulation = config.formulation;
  options.tuning.warm_start = config.warm_start;
  options.tuning.neighbourhood_search = config.neighbourhood_search;
  const auto started = std::chrono::steady_clock::now();
  auto assignment = callplan::SolveAssignment(problem, options);
  const double seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - started)
                             .count();
  if (!assignment.ok()) {
    std::printf("| %s | %s | %s | | | | %.2f |\n", size, config.name,
                std::string(assignment.status().message()).c_str(), seconds);
    return;
  }
  std::printf("| %s | %s | %s | %.1f | %.1f | %.3f%% | %.2f |\n", size,
              config.name, StatusName(assignment->status),
              assignment->objective, assignment->best_bound,
              100 * assignment->relative_gap, seconds);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const double time_limit = argc > 1 ? std::atof(argv[1]) : 10;
  const uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
  // Only configurations whose name contains this, e.g. "default".
  const std::string only = argc > 3 ? argv[3] : "";
  const std::vector<std::pair<int, int>> sizes = {
      {7, 20}, {20, 60}, {40, 200}, {70, 500}};
  const std::vector<Config> configs = {
      {"COMPACT, warm start (default)", Formulation::kCompact, true},
      {"COMPACT, warm start, CBC alone", Formulation::kCompact, true, false},
      {"COMPACT, CBC preprocessing", Formulation::kCompact, false},
      {"PAIRWISE, warm start", Formulation::kPairwise, true},
      {"PAIRWISE, CBC preprocessing (paper)", Formulation::kPairwise, false},
  };
  std::printf("assignment model, time limit %.0f s, seed %llu, one thread\n\n",
              time_limit, static_cast<unsigned long long>(seed));
  std::printf("| physicians x reps | configuration | status | objective | "
              "best bound | gap | seconds |\n");
  std::printf("|---|---|---|---:|---:|---:|---:|\n");
  for (const auto& [reps, physicians] : sizes) {
    const callplan::Territory territory =
        callplan::testing::PaperShapedTerritory(reps, physicians, seed);
    const auto table = callplan::DistanceTable::ForTerritory(territory);
    const auto problem = callplan::BuildAssignmentProblem(territory, *table);
    const std::string size =
        std::to_string(physicians) + "x" + std::to_string(reps);
    for (const Config& config : configs) {
      if (std::string(config.name).find(only) == std::string::npos) continue;
      RunOne(*problem, config, time_limit, size.c_str());
    }
  }
  return 0;
}
