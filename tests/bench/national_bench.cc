// A national field force planned in one go: `--districts` generated
// district-days (tests/fixtures/territory_generator.h, NationalFieldForce),
// each planned in full (assignment, routes, explanations) with
// `--seconds-per-district`, on `--threads` threads of this process. Prints
// the wall time, the peak memory and the per-district gap distribution.
// Asserts nothing.
//   national_bench [--districts N] [--reps N] [--physicians N]
//                  [--seconds-per-district S] [--threads N]
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "solver/planner.h"
#include "tests/fixtures/territory_generator.h"

namespace callplan {
namespace {

struct Args {
  int districts = 500;
  int reps = 10;
  int physicians = 100;
  double seconds_per_district = 0.2;
  int threads = 2;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5))];
}

const char* StatusName(const absl::StatusOr<Plan>& plan) {
  if (!plan.ok()) return "error";
  switch (plan->stats.status) {
    case PlanStatus::kOptimal: return "OPTIMAL";
    case PlanStatus::kFeasible: return "FEASIBLE";
    case PlanStatus::kInfeasible: return "INFEASIBLE";
  }
  return "?";
}

bool ParseArgs(int argc, char** argv, Args& args) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* value = argv[i + 1];
    bool ok = false;
    if (flag == "--districts") ok = absl::SimpleAtoi(value, &args.districts);
    if (flag == "--reps") ok = absl::SimpleAtoi(value, &args.reps);
    if (flag == "--physicians") ok = absl::SimpleAtoi(value, &args.physicians);
    if (flag == "--threads") ok = absl::SimpleAtoi(value, &args.threads);
    if (flag == "--seconds-per-district") {
      ok = absl::SimpleAtod(value, &args.seconds_per_district);
    }
    if (!ok) return false;
  }
  return argc % 2 == 1;
}

}  // namespace
}  // namespace callplan

int main(int argc, char** argv) {
  using namespace callplan;
  Args args;
  if (!ParseArgs(argc, argv, args)) {
    std::fprintf(stderr,
                 "usage: national_bench [--districts N] [--reps N] "
                 "[--physicians N] [--seconds-per-district S] [--threads N]\n");
    return 2;
  }
  const std::vector<Territory> force = testing::NationalFieldForce(
      args.districts, args.reps, args.physicians, 1);
  SolveOptions options;
  options.time_limit_seconds = args.seconds_per_district;

  std::vector<absl::StatusOr<Plan>> plans(force.size(),
                                          absl::UnknownError("not planned"));
  std::atomic<size_t> next{0};
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < args.threads; ++t) {
    threads.emplace_back([&] {
      for (size_t k = next++; k < force.size(); k = next++) {
        plans[k] = PlanDay(force[k], options);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();

  std::map<std::string, int> statuses;
  std::vector<double> gaps;
  size_t visits = 0;
  for (const absl::StatusOr<Plan>& plan : plans) {
    ++statuses[StatusName(plan)];
    if (!plan.ok() || plan->stats.status == PlanStatus::kInfeasible) continue;
    gaps.push_back(100 * plan->stats.relative_gap);
    for (const RepDay& day : plan->rep_days) visits += day.visits.size();
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "national field force in process: %d districts x (%d reps, %d "
      "physicians) = %d reps, %d physicians; %.2f s per district, %d "
      "threads\n\n",
      args.districts, args.reps, args.physicians, args.districts * args.reps,
      args.districts * args.physicians, args.seconds_per_district,
      args.threads);
  std::printf("| seconds | peak RSS MB | visits | statuses | gap p50 | gap p90 | gap p99 | gap max |\n");
  std::printf("|---:|---:|---:|---|---:|---:|---:|---:|\n");
  std::string status_text;
  for (const auto& [name, count] : statuses) {
    status_text += (status_text.empty() ? "" : ", ") + name + " " + std::to_string(count);
  }
  std::printf("| %.1f | %.0f | %zu | %s | %.2f%% | %.2f%% | %.2f%% | %.2f%% |\n",
              seconds, usage.ru_maxrss / 1024.0, visits, status_text.c_str(),
              Percentile(gaps, 0.5), Percentile(gaps, 0.9),
              Percentile(gaps, 0.99), Percentile(gaps, 1.0));
  return 0;
}
