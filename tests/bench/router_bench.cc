// Prints how the router does on the TSPLIB instances (published optimum,
// length found, gap, seconds) and how long Held-Karp takes by stop count.
// A table for the README; it asserts nothing.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "solver/distance.h"
#include "solver/router/router.h"
#include "tests/fixtures/tsplib.h"

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void TsplibTable() {
  auto optima = callplan::testing::TsplibOptima();
  if (!optima.ok()) {
    std::printf("no TSPLIB data: %s\n", optima.status().ToString().c_str());
    return;
  }
  std::printf("| instance | n | optimum | found | gap %% | seconds |\n");
  std::printf("|---|---:|---:|---:|---:|---:|\n");
  double gap_sum = 0;
  int count = 0;
  for (const auto& [name, optimum] : *optima) {
    auto instance = callplan::testing::LoadTsplib(name);
    if (!instance.ok()) {
      std::printf("| %s | error: %s |\n", name.c_str(),
                  instance.status().ToString().c_str());
      continue;
    }
    if (instance->dimension > 500) continue;
    const auto table = callplan::DistanceTable::FromDense(
        instance->dimension, instance->distances);
    callplan::RouteOptions options;
    options.time_limit_seconds = 60;  // measure the fixed rounds, not a cap
    const auto start = Clock::now();
    auto route = callplan::SolveRoute(table, 0, 0, options);
    const double seconds = SecondsSince(start);
    if (!route.ok()) continue;
    const double gap = 100.0 * (route->distance - optimum) / optimum;
    gap_sum += gap;
    ++count;
    std::printf("| %s | %d | %.0f | %.0f | %.2f | %.3f |\n", name.c_str(),
                instance->dimension, optimum, route->distance, gap, seconds);
  }
  if (count > 0) std::printf("\naverage gap: %.2f %%\n\n", gap_sum / count);
}

void HeldKarpTable() {
  std::printf("| Held-Karp stops | seconds |\n|---:|---:|\n");
  for (int stops : {10, 12, 14, 15, 16}) {
    const int n = stops + 1;  // round trip from node 0
    std::mt19937_64 rng(stops);
    std::vector<double> d(static_cast<size_t>(n) * n);
    for (double& x : d) x = static_cast<double>(rng() % 1000);
    const auto table = callplan::DistanceTable::FromDense(n, d);
    callplan::RouteOptions options;
    options.exact_max_stops = stops;
    const auto start = Clock::now();
    auto route = callplan::SolveRoute(table, 0, 0, options);
    std::printf("| %d | %.4f |\n", stops, route.ok() ? SecondsSince(start) : -1);
  }
}

// Routes of the sizes a Route request may have (up to 5,000 places), with
// the 0.5 s limit a caller might give: seconds from the geometric places
// to the answer (the table is computed, not stored, beyond 1,500 places),
// and the length against nearest neighbour alone.
void LargeRouteTable() {
  std::printf("\n| planar places | time limit s | seconds | length | nearest neighbour | peak RSS MB |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|\n");
  for (int n : {1000, 2000, 3000, 5000}) {
    std::mt19937_64 rng(n);
    std::uniform_real_distribution<double> coordinate(0, 1000);
    std::vector<std::string> ids;
    std::vector<callplan::Location> places;
    for (int k = 0; k < n; ++k) {
      ids.push_back(std::to_string(k));
      places.push_back(callplan::PlanarPoint{coordinate(rng), coordinate(rng)});
    }
    callplan::RouteOptions options;
    options.time_limit_seconds = 0.5;
    const auto start = Clock::now();
    auto table = callplan::DistanceTable::ForPlaces(ids, places, {});
    auto route = callplan::SolveRoute(*table, 0, 0, options);
    const double seconds = SecondsSince(start);
    options.time_limit_seconds = 0;  // construction only
    auto nearest = callplan::SolveRoute(*table, 0, 0, options);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("| %d | 0.5 | %.2f | %.0f | %.0f | %.0f |\n", n, seconds,
                route.ok() ? route->distance : -1,
                nearest.ok() ? nearest->distance : -1, usage.ru_maxrss / 1024.0);
  }
}

}  // namespace

int main() {
  TsplibTable();
  HeldKarpTable();
  LargeRouteTable();
  return 0;
}
