// Load on a loopback sidecar: N concurrent callers for a bounded time, each
// calling in a loop, for the paper-sample PlanDay and for Route. Prints
// latency percentiles, throughput and how many calls ended with each status.
// Not a test: it asserts nothing. Figures go into the README.
//   load_bench [--callers N] [--seconds S] [--solver-threads N] [--max-queued N]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/fixtures/sidecar_process.h"

namespace callplan {
namespace {

using ::callplan::testing::SidecarOptions;
using ::callplan::testing::SidecarProcess;

struct BenchArgs {
  int callers = 4;
  double seconds = 10;
  int solver_threads = 0;  // 0 = the sidecar's default (cores)
  int max_queued = -1;     // -1 = the sidecar's default
};

struct CallerResult {
  std::vector<double> latencies_ms;
  std::map<std::string, int> codes;
};

// One call; returns its gRPC code.
using Call = std::function<grpc::StatusCode(v1::PlannerService::Stub&)>;

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t rank = static_cast<size_t>(p * (sorted.size() - 1) + 0.5);
  return sorted[std::min(rank, sorted.size() - 1)];
}

void RunLoad(const SidecarProcess& sidecar, const std::string& name,
             const BenchArgs& args, const Call& call) {
  const absl::Time start = absl::Now();
  const absl::Time end = start + absl::Seconds(args.seconds);
  std::vector<CallerResult> results(args.callers);
  std::vector<std::thread> callers;
  for (int c = 0; c < args.callers; ++c) {
    callers.emplace_back([&, c] {
      auto stub = sidecar.NewStub();
      while (absl::Now() < end) {
        const absl::Time before = absl::Now();
        const grpc::StatusCode code = call(*stub);
        results[c].latencies_ms.push_back(
            absl::ToDoubleMilliseconds(absl::Now() - before));
        ++results[c].codes[code == grpc::StatusCode::OK ? "OK"
                           : code == grpc::StatusCode::RESOURCE_EXHAUSTED
                               ? "RESOURCE_EXHAUSTED"
                               : absl::StrCat("code_", code)];
      }
    });
  }
  for (std::thread& t : callers) t.join();
  const double elapsed = absl::ToDoubleSeconds(absl::Now() - start);

  std::vector<double> all;
  std::map<std::string, int> codes;
  for (const CallerResult& r : results) {
    all.insert(all.end(), r.latencies_ms.begin(), r.latencies_ms.end());
    for (const auto& [code, count] : r.codes) codes[code] += count;
  }
  std::sort(all.begin(), all.end());
  std::string statuses;
  for (const auto& [code, count] : codes) {
    absl::StrAppend(&statuses, statuses.empty() ? "" : " ", code, "=", count);
  }
  std::printf("%-16s %7d %8.1f %7zu %10.1f %9.1f %9.1f %9.1f  %s\n", name.c_str(),
              args.callers, elapsed, all.size(), all.size() / elapsed,
              Percentile(all, 0.5), Percentile(all, 0.9), Percentile(all, 0.99),
              statuses.c_str());
}

BenchArgs ParseArgs(int argc, char** argv) {
  BenchArgs args;
  for (int k = 1; k + 1 < argc; k += 2) {
    const std::string flag = argv[k];
    const char* value = argv[k + 1];
    if (flag == "--callers") args.callers = std::max(1, std::atoi(value));
    else if (flag == "--seconds") args.seconds = std::max(0.1, std::atof(value));
    else if (flag == "--solver-threads") args.solver_threads = std::atoi(value);
    else if (flag == "--max-queued") args.max_queued = std::atoi(value);
    else std::fprintf(stderr, "ignoring unknown flag %s\n", flag.c_str());
  }
  return args;
}

int Main(int argc, char** argv) {
  const BenchArgs args = ParseArgs(argc, argv);
  auto plan_request = testing::SampleTerritoryRequest();
  auto route_request = testing::SampleRouteRequest();
  if (!plan_request.ok() || !route_request.ok()) {
    std::fprintf(stderr, "cannot read the sample requests\n");
    return 1;
  }
  SidecarOptions options;
  if (args.solver_threads > 0) {
    absl::StrAppend(&options.config, "solver_threads: ", args.solver_threads, "\n");
  }
  if (args.max_queued >= 0) {
    absl::StrAppend(&options.config, "max_queued: ", args.max_queued, "\n");
  }
  auto sidecar = SidecarProcess::Start(options);
  if (!sidecar.ok()) {
    std::fprintf(stderr, "%s\n", std::string(sidecar.status().message()).c_str());
    return 1;
  }
  std::printf("sidecar on %s, %u cores, config: %s\n", (*sidecar)->address().c_str(),
              std::thread::hardware_concurrency(),
              options.config.empty() ? "defaults" : options.config.c_str());
  std::printf("%-16s %7s %8s %7s %10s %9s %9s %9s  %s\n", "request", "callers",
              "seconds", "calls", "calls/s", "p50 ms", "p90 ms", "p99 ms",
              "statuses");
  RunLoad(**sidecar, "PlanDay sample", args, [&](v1::PlannerService::Stub& stub) {
    grpc::ClientContext context;
    v1::PlanDayResponse response;
    return stub.PlanDay(&context, *plan_request, &response).error_code();
  });
  RunLoad(**sidecar, "Route sample", args, [&](v1::PlannerService::Stub& stub) {
    grpc::ClientContext context;
    v1::RouteResponse response;
    return stub.Route(&context, *route_request, &response).error_code();
  });
  return (*sidecar)->Stop() == 0 ? 0 : 1;
}

}  // namespace
}  // namespace callplan

int main(int argc, char** argv) { return callplan::Main(argc, argv); }
