// A national field force planned in one go: `--districts` generated
// district-days (tests/fixtures/territory_generator.h, NationalFieldForce),
// each planned in full (assignment, routes, explanations) with
// `--seconds-per-district`. With `--sidecars 0`, on `--threads` threads of
// this process; with `--sidecars N`, through the CRM plugin's client
// (PlanDistricts, round_robin over N sidecar processes on loopback, each
// with `--threads` solver threads), and with `--kill-one` the first
// sidecar is killed once half the districts are back. Prints the wall time,
// the peak memory (of this process, or the sum over the sidecars), the
// per-district gap distribution and how often each district came back.
// Asserts nothing.
//   national_bench [--districts N] [--reps N] [--physicians N]
//                  [--seconds-per-district S] [--threads N]
//                  [--sidecars N] [--kill-one 0|1]
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "plugins/sidecar_client.h"
#include "solver/planner.h"
#include "tests/fixtures/sidecar_process.h"
#include "tests/fixtures/territory_generator.h"
#include "tests/fixtures/territory_request.h"

namespace callplan {
namespace {

struct Args {
  int districts = 500;
  int reps = 10;
  int physicians = 100;
  double seconds_per_district = 0.2;
  int threads = 2;
  int sidecars = 0;
  int kill_one = 0;
};

// Peak resident memory of a process, from /proc (VmHWM), in MB.
double PeakRssMb(pid_t pid) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024;
  }
  return 0;
}

struct Outcome {
  std::vector<absl::StatusOr<Plan>> plans;  // in process
  std::vector<v1::DistrictResult> results;  // over the sidecars
  std::map<std::string, int> answers;       // per district id
  double seconds = 0;
  double peak_rss_mb = 0;
};

void PlanInProcess(const std::vector<Territory>& force, const Args& args,
                   Outcome& out) {
  SolveOptions options;
  options.time_limit_seconds = args.seconds_per_district;
  out.plans.assign(force.size(), absl::UnknownError("not planned"));
  std::atomic<size_t> next{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < args.threads; ++t) {
    threads.emplace_back([&] {
      for (size_t k = next++; k < force.size(); k = next++) {
        out.plans[k] = PlanDay(force[k], options);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Territory& t : force) ++out.answers[t.territory_id];
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  out.peak_rss_mb = usage.ru_maxrss / 1024.0;
}

bool PlanOverSidecars(const std::vector<Territory>& force, const Args& args,
                      Outcome& out) {
  std::vector<std::unique_ptr<testing::SidecarProcess>> sidecars;
  std::vector<std::string> addresses;
  for (int k = 0; k < args.sidecars; ++k) {
    testing::SidecarOptions options;
    options.config = absl::StrCat("solver_threads: ", args.threads, "\n");
    auto started = testing::SidecarProcess::Start(options);
    if (!started.ok()) {
      std::fprintf(stderr, "sidecar: %s\n", started.status().ToString().c_str());
      return false;
    }
    addresses.push_back((*started)->address());
    sidecars.push_back(*std::move(started));
  }
  std::vector<v1::DistrictDay> districts;
  for (const Territory& t : force) {
    v1::DistrictDay day;
    day.set_district_id(t.territory_id);
    *day.mutable_day() = testing::RequestOf(t, args.seconds_per_district);
    districts.push_back(std::move(day));
  }
  crm::SidecarOptions options;
  options.address = absl::StrJoin(addresses, ",");
  auto client = crm::SidecarClient::Create(options);
  if (!client.ok()) return false;
  std::vector<double> peaks(sidecars.size(), 0);
  const auto started = std::chrono::steady_clock::now();
  const absl::Status planned = (*client)->PlanDistricts(
      districts, args.sidecars * args.threads + 1,
      [&](const v1::DistrictResult& result) {
        ++out.answers[result.district_id()];
        out.results.push_back(result);
        if (args.kill_one && out.results.size() == districts.size() / 2) {
          peaks[0] = PeakRssMb(sidecars[0]->process().pid());
          sidecars[0]->process().Kill();
        }
      });
  out.seconds = std::chrono::duration<double>(
                    std::chrono::steady_clock::now() - started).count();
  if (!planned.ok()) {
    std::fprintf(stderr, "PlanDistricts: %s\n", planned.ToString().c_str());
  }
  for (size_t k = 0; k < sidecars.size(); ++k) {
    if (sidecars[k]->process().Running()) peaks[k] = PeakRssMb(sidecars[k]->process().pid());
    out.peak_rss_mb += peaks[k];
  }
  return true;
}

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
    if (flag == "--sidecars") ok = absl::SimpleAtoi(value, &args.sidecars);
    if (flag == "--kill-one") ok = absl::SimpleAtoi(value, &args.kill_one);
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
                 "[--physicians N] [--seconds-per-district S] [--threads N] "
                 "[--sidecars N] [--kill-one 0|1]\n");
    return 2;
  }
  const std::vector<Territory> force = testing::NationalFieldForce(
      args.districts, args.reps, args.physicians, 1);
  Outcome out;
  const auto started = std::chrono::steady_clock::now();
  if (args.sidecars == 0) {
    PlanInProcess(force, args, out);
    out.seconds = std::chrono::duration<double>(
                      std::chrono::steady_clock::now() - started).count();
  } else if (!PlanOverSidecars(force, args, out)) {
    return 1;
  }

  std::map<std::string, int> statuses;
  std::vector<double> gaps;
  size_t visits = 0;
  for (const absl::StatusOr<Plan>& plan : out.plans) {
    ++statuses[StatusName(plan)];
    if (!plan.ok() || plan->stats.status == PlanStatus::kInfeasible) continue;
    gaps.push_back(100 * plan->stats.relative_gap);
    for (const RepDay& day : plan->rep_days) visits += day.visits.size();
  }
  for (const v1::DistrictResult& result : out.results) {
    if (!result.has_plan()) {
      ++statuses[absl::StrCat("error ", result.error().code())];
      continue;
    }
    const v1::PlanStats& stats = result.plan().stats();
    ++statuses[v1::Status_Name(stats.status())];
    gaps.push_back(100 * stats.relative_gap());
    for (const auto& day : result.plan().rep_days()) visits += day.visits_size();
  }
  int once = 0, twice_or_more = 0;
  for (const auto& [id, count] : out.answers) (count == 1 ? once : twice_or_more)++;
  const int missing = static_cast<int>(force.size()) - once - twice_or_more;

  std::printf(
      "national field force: %d districts x (%d reps, %d physicians) = %d "
      "reps, %d physicians; %.2f s per district; %s\n\n",
      args.districts, args.reps, args.physicians, args.districts * args.reps,
      args.districts * args.physicians, args.seconds_per_district,
      args.sidecars == 0
          ? absl::StrCat("in process, ", args.threads, " threads").c_str()
          : absl::StrCat(args.sidecars, " sidecars x ", args.threads,
                         " solver threads", args.kill_one ? ", first killed halfway" : "")
                .c_str());
  std::printf("| seconds | peak RSS MB | visits | statuses | districts once / twice+ / missing | gap p50 | gap p90 | gap p99 | gap max |\n");
  std::printf("|---:|---:|---:|---|---|---:|---:|---:|---:|\n");
  std::string status_text;
  for (const auto& [name, count] : statuses) {
    status_text += (status_text.empty() ? "" : ", ") + name + " " + std::to_string(count);
  }
  std::printf("| %.1f | %.0f | %zu | %s | %d / %d / %d | %.2f%% | %.2f%% | %.2f%% | %.2f%% |\n",
              out.seconds, out.peak_rss_mb, visits, status_text.c_str(), once,
              twice_or_more, missing, Percentile(gaps, 0.5), Percentile(gaps, 0.9),
              Percentile(gaps, 0.99), Percentile(gaps, 1.0));
  return 0;
}
