// callplan against the cbc command line, side by side in one run on the
// same paper-shaped days: the model is written as MPS and handed to
// /usr/bin/cbc (Debian's coinor-cbc) with its defaults, as a user of the
// paper would run it. Prints tables for the README; asserts nothing.
//
//   cbc_cli_bench [--seconds S] [--cli-seconds S] [--seeds N] [--sizes LIST]
//
//  * the paper's sample shape (20 physicians x 7 reps), `--seeds` days: the
//    whole in-process plan (assignment, routes, explanations: PlanDay) and
//    the assignment alone, against cbc on the paper's PAIRWISE model (wall
//    time of the cbc process, and the time cbc reports itself);
//  * the hard shapes (`--sizes`, default 60x20,200x40,500x70): callplan's
//    plan in `--seconds` (default 10) against cbc on the COMPACT model in
//    `--cli-seconds` (default 900, cbc's own CPU-time limit).
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "OsiClpSolverInterface.hpp"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "solver/assignment/mip.h"
#include "solver/assignment/model.h"
#include "solver/assignment/problem_builder.h"
#include "solver/distance.h"
#include "solver/planner.h"
#include "tests/fixtures/territory_generator.h"

namespace callplan {
namespace {

struct Args {
  double seconds = 10;
  double cli_seconds = 900;
  int seeds = 8;
  std::vector<std::pair<int, int>> sizes = {{60, 20}, {200, 40}, {500, 70}};
};

struct CliResult {
  std::string status;  // cbc's "Result - ..." line, shortened
  std::optional<double> objective;  // maximisation sense
  std::optional<double> bound;
  double wall_seconds = 0;  // the whole cbc process, start-up included
  double cbc_seconds = 0;   // what cbc reports as its own time
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since)
      .count();
}

std::optional<double> NumberAfter(const std::string& text,
                                  const std::string& label) {
  const size_t at = text.find(label);
  if (at == std::string::npos) return std::nullopt;
  std::istringstream in(text.substr(at + label.size()));
  double value;
  if (in >> value) return value;
  return std::nullopt;
}

CliResult RunCli(const AssignmentMip& mip, const std::string& stem,
                 double seconds) {
  mip.solver->writeMps(stem.c_str(), "mps", 1.0);
  const std::string log = stem + ".log";
  const std::string command =
      absl::StrCat("cbc ", stem, ".mps -sec ", seconds,
                   " -threads 0 -solve -quit > ", log, " 2>&1");
  const auto started = std::chrono::steady_clock::now();
  const int rc = std::system(command.c_str());
  CliResult result;
  result.wall_seconds = Seconds(started);
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  const std::string out = text.str();
  if (rc != 0) {
    result.status = absl::StrCat("cbc failed (", rc, ")");
    return result;
  }
  const size_t at = out.find("Result - ");
  result.status = at == std::string::npos
                      ? "?"
                      : out.substr(at + 9, out.find('\n', at) - at - 9);
  if (auto v = NumberAfter(out, "Objective value:")) result.objective = -*v;
  if (auto v = NumberAfter(out, "Lower bound:")) result.bound = -*v;
  if (result.status.rfind("Optimal", 0) == 0) result.bound = result.objective;
  if (auto v = NumberAfter(out, "(Wallclock seconds):")) result.cbc_seconds = *v;
  return result;
}

AssignmentProblem ProblemOf(const Territory& territory) {
  const auto table = DistanceTable::ForTerritory(territory);
  return *BuildAssignmentProblem(territory, *table);
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

void PaperSample(const Args& args) {
  std::printf(
      "paper's sample shape (20 physicians x 7 reps): callplan in process "
      "(median of 5 runs each) against the cbc command line on the "
      "paper's PAIRWISE model\n\n");
  std::printf(
      "| seed | PlanDay objective | PlanDay ms | iterations | PlanDay ms, sets "
      "learnt by the loop only | assignment ms | cbc objective | cbc process ms | "
      "cbc's own ms | PlanDay / cbc process |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  std::vector<double> ratios;
  for (int seed = 1; seed <= args.seeds; ++seed) {
    const Territory territory = testing::PaperShapedTerritory(7, 20, seed);
    std::vector<double> plan_ms, loop_only_ms, assignment_ms;
    double objective = 0;
    uint32_t iterations = 0;
    SolveOptions loop_only;
    loop_only.tuning.route_conflicts_up_front = false;
    for (int run = 0; run < 5; ++run) {
      auto started = std::chrono::steady_clock::now();
      const absl::StatusOr<Plan> plan = PlanDay(territory, SolveOptions{});
      plan_ms.push_back(1000 * Seconds(started));
      if (plan.ok()) objective = plan->stats.objective;
      if (plan.ok()) iterations = plan->stats.distance_iterations;
      started = std::chrono::steady_clock::now();
      (void)PlanDay(territory, loop_only);
      loop_only_ms.push_back(1000 * Seconds(started));
      const AssignmentProblem problem = ProblemOf(territory);
      started = std::chrono::steady_clock::now();
      (void)SolveAssignment(problem, SolveOptions{});
      assignment_ms.push_back(1000 * Seconds(started));
    }
    MipSpec spec;
    spec.formulation = Formulation::kPairwise;
    const AssignmentMip mip = BuildAssignmentMip(ProblemOf(territory), spec);
    const CliResult cli =
        RunCli(mip, absl::StrCat("/tmp/callplan_paper_", seed), 60);
    const double ratio = Median(plan_ms) / (1000 * cli.wall_seconds);
    ratios.push_back(ratio);
    std::printf("| %d | %.0f | %.1f | %u | %.1f | %.1f | %s | %.1f | %.1f | %.2f |\n", seed,
                objective, Median(plan_ms), iterations, Median(loop_only_ms),
                Median(assignment_ms),
                cli.objective ? absl::StrCat(*cli.objective).c_str() : "-",
                1000 * cli.wall_seconds, 1000 * cli.cbc_seconds, ratio);
    std::fflush(stdout);
  }
  std::printf("\nmedian PlanDay / cbc process: %.2f\n\n", Median(ratios));
}

void HardShapes(const Args& args) {
  std::printf(
      "hard shapes: callplan's plan in %.0f s against the cbc command line "
      "on the COMPACT model in %.0f s (seed 1)\n\n",
      args.seconds, args.cli_seconds);
  std::printf(
      "| physicians x reps | callplan objective | bound | gap | seconds | cbc "
      "objective | cbc bound | cbc gap | cbc seconds | cbc result |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
  for (const auto& [physicians, reps] : args.sizes) {
    const Territory territory =
        testing::PaperShapedTerritory(reps, physicians, 1);
    const AssignmentProblem problem = ProblemOf(territory);
    SolveOptions options;
    options.time_limit_seconds = args.seconds;
    const auto started = std::chrono::steady_clock::now();
    const absl::StatusOr<Assignment> ours = SolveAssignment(problem, options);
    const double seconds = Seconds(started);
    const AssignmentMip mip = BuildAssignmentMip(problem, MipSpec{});
    const CliResult cli = RunCli(
        mip, absl::StrCat("/tmp/callplan_compact_", physicians, "x", reps),
        args.cli_seconds);
    std::string cli_gap = "-";
    if (cli.objective && cli.bound) {
      cli_gap = absl::StrFormat("%.3f%%", 100 * (*cli.bound - *cli.objective) /
                                              std::max(1.0, *cli.bound));
    }
    std::printf("| %dx%d | %.0f | %.1f | %.3f%% | %.1f | %s | %s | %s | %.1f | %s |\n",
                physicians, reps, ours.ok() ? ours->objective : 0,
                ours.ok() ? ours->best_bound : 0,
                ours.ok() ? 100 * ours->relative_gap : 0, seconds,
                cli.objective ? absl::StrCat(*cli.objective).c_str() : "-",
                cli.bound ? absl::StrFormat("%.1f", *cli.bound).c_str() : "-",
                cli_gap.c_str(), cli.cbc_seconds, cli.status.c_str());
    std::fflush(stdout);
  }
}

bool ParseArgs(int argc, char** argv, Args& args) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--seconds") {
      if (!absl::SimpleAtod(value, &args.seconds)) return false;
    } else if (flag == "--cli-seconds") {
      if (!absl::SimpleAtod(value, &args.cli_seconds)) return false;
    } else if (flag == "--seeds") {
      if (!absl::SimpleAtoi(value, &args.seeds)) return false;
    } else if (flag == "--sizes") {
      args.sizes.clear();
      for (absl::string_view size : absl::StrSplit(value, ',', absl::SkipEmpty())) {
        std::vector<std::string> parts = absl::StrSplit(size, 'x');
        int p = 0, r = 0;
        if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &p) ||
            !absl::SimpleAtoi(parts[1], &r)) {
          return false;
        }
        args.sizes.emplace_back(p, r);
      }
    } else {
      return false;
    }
  }
  return argc % 2 == 1;
}

}  // namespace
}  // namespace callplan

int main(int argc, char** argv) {
  callplan::Args args;
  if (!callplan::ParseArgs(argc, argv, args)) {
    std::fprintf(stderr,
                 "usage: cbc_cli_bench [--seconds S] [--cli-seconds S] "
                 "[--seeds N] [--sizes 60x20,200x40]\n");
    return 2;
  }
  if (args.seeds > 0) callplan::PaperSample(args);
  if (!args.sizes.empty()) callplan::HardShapes(args);
  return 0;
}
