// Prints how the timed router does on the TSPTW instances of Dumas et al.
// (best known length, length found, excess, seconds, feasible), the exact
// dynamic programme on the 20-customer ones (run directly: SolveRoute keeps
// it to kMaxExactStops), and, on random time-windowed days of 10-16 stops,
// the exact dynamic programme against the heuristic. Tables for the README;
// it asserts nothing.
//
// Usage: tsptw_bench [time limit seconds per Dumas instance, default 2]
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "solver/router/path_problem.h"
#include "solver/router/router.h"
#include "solver/router/time_window_dp.h"
#include "solver/router/timed_problem.h"
#include "tests/fixtures/timed_day.h"
#include "tests/fixtures/timed_route_check.h"
#include "tests/fixtures/tsptw_dumas.h"

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Group {
  int count = 0, feasible = 0;
  double excess_sum = 0, excess_max = 0, seconds_sum = 0, seconds_max = 0;
};

void DumasTable(double time_limit) {
  auto best = callplan::testing::DumasBestKnown();
  if (!best.ok()) {
    std::printf("no Dumas data: %s\n", best.status().ToString().c_str());
    return;
  }
  std::printf("Dumas et al. TSPTW, time limit %.1f s per instance\n\n", time_limit);
  std::printf("| instance | best known | found | excess %% | seconds | feasible |\n");
  std::printf("|---|---:|---:|---:|---:|---|\n");
  std::map<std::pair<int, int>, Group> groups;
  for (const auto& [name, length] : *best) {
    auto instance = callplan::testing::LoadDumas(name);
    if (!instance.ok()) {
      std::printf("| %s | error: %s |\n", name.c_str(), instance.status().ToString().c_str());
      continue;
    }
    callplan::RouteOptions options;
    options.time_limit_seconds = time_limit;
    const auto start = Clock::now();
    const callplan::testing::TimedDay& day = instance->day;
    auto route = callplan::SolveRoute(day.table, day.start, day.end, options, &day.timing);
    const double seconds = SecondsSince(start);
    // A feasible answer counts only once the fixture re-checks its times.
    const bool answered = route.ok() && route->feasible;
    const bool feasible =
        answered && callplan::testing::TimedRouteProblems(day, *route).empty();
    const double excess = feasible ? 100.0 * (route->distance - length) / length : 0;
    std::printf("| %s | %.0f | %s | %s | %.3f | %s |\n", name.c_str(), length,
                feasible ? std::to_string(static_cast<long>(route->distance)).c_str() : "-",
                feasible ? std::to_string(excess).substr(0, 5).c_str() : "-", seconds,
                feasible ? "yes" : (answered ? "INVALID" : "no"));
    int stops = 0, width = 0;
    std::sscanf(name.c_str(), "n%dw%d", &stops, &width);
    Group& group = groups[{stops, width}];
    ++group.count;
    group.feasible += feasible;
    group.seconds_sum += seconds;
    group.seconds_max = std::max(group.seconds_max, seconds);
    if (feasible) {
      group.excess_sum += excess;
      group.excess_max = std::max(group.excess_max, excess);
    }
  }
  std::printf("\n| instances | feasible | mean excess %% | max excess %% | mean s | max s |\n");
  std::printf("|---|---:|---:|---:|---:|---:|\n");
  for (const auto& [key, group] : groups) {
    std::printf("| n%dw%d | %d/%d | %.2f | %.2f | %.2f | %.2f |\n", key.first, key.second,
                group.feasible, group.count,
                group.feasible ? group.excess_sum / group.feasible : 0, group.excess_max,
                group.seconds_sum / group.count, group.seconds_max);
  }
}

// The dynamic programme on every 20-customer instance, bounded by the best
// known length: it either proves that length optimal or finds a shorter tour.
void DumasExact() {
  namespace internal = callplan::router_internal;
  auto best = callplan::testing::DumasBestKnown();
  if (!best.ok()) return;
  std::printf("\nexact dynamic programme on the 20-customer instances\n\n");
  std::printf("| instances | proven optimal = best known | shorter found | not proven | mean s | max s |\n");
  std::printf("|---|---:|---:|---:|---:|---:|\n");
  std::map<int, std::array<double, 5>> rows;  // width -> equal, shorter, open, sum s, max s
  for (const auto& [name, length] : *best) {
    int stops = 0, width = 0;
    std::sscanf(name.c_str(), "n%dw%d", &stops, &width);
    if (stops != 20) continue;
    auto instance = callplan::testing::LoadDumas(name);
    if (!instance.ok()) continue;
    const callplan::testing::TimedDay& day = instance->day;
    const auto start = Clock::now();
    const internal::PathProblem path(day.table, day.start, day.end);
    const internal::TimedProblem problem(path, day.timing);
    const internal::ExactTimedRoute exact = internal::SolveTimeWindowDp(problem, length);
    const double seconds = SecondsSince(start);
    std::array<double, 5>& row = rows[width];
    if (exact.outcome == internal::ExactTimedRoute::Outcome::kOptimal) {
      ++row[path.Length(exact.order) < length - 1e-9 ? 1 : 0];
    } else {
      ++row[2];  // stopped (label limit), or no tour within the bound
    }
    row[3] += seconds;
    row[4] = std::max(row[4], seconds);
  }
  for (const auto& [width, row] : rows) {
    const double count = row[0] + row[1] + row[2];
    std::printf("| n20w%d | %.0f | %.0f | %.0f | %.3f | %.3f |\n", width, row[0], row[1],
                row[2], row[3] / count, row[4]);
  }
}

// Random days (timed_day.h, tightness 1.3: 6-12 hours of windows, a 11.5-hour
// shift), five per row.
void ExactAgainstHeuristic() {
  std::printf("\nrandom days, 5 per row: exact (exact_max_stops 16) against the heuristic (limit 2 s)\n\n");
  std::printf("| stops | breaks | feasible | exact mean s | exact max s | heuristic mean s | heuristic feasible | heuristic excess %% |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (int stops : {10, 12, 14, 16}) {
    for (int breaks : {0, 1, 2}) {
      int feasible = 0, heuristic_feasible = 0;
      double exact_sum = 0, exact_max = 0, heuristic_sum = 0, excess_sum = 0;
      for (uint64_t seed = 1; seed <= 5; ++seed) {
        callplan::testing::DayShape shape;
        shape.stops = stops;
        shape.breaks = breaks;
        shape.asymmetric = seed % 2 == 0;
        shape.tightness = 1.3;
        shape.seed = 7000 + 100 * stops + 10 * breaks + seed;
        const callplan::testing::TimedDay day = callplan::testing::RandomTimedDay(shape);
        callplan::RouteOptions exact;
        exact.exact_max_stops = 16;
        auto start = Clock::now();
        auto proven = callplan::SolveRoute(day.table, day.start, day.end, exact, &day.timing);
        const double exact_seconds = SecondsSince(start);
        callplan::RouteOptions heuristic;
        heuristic.exact_max_stops = 0;
        start = Clock::now();
        auto found = callplan::SolveRoute(day.table, day.start, day.end, heuristic, &day.timing);
        heuristic_sum += SecondsSince(start);
        exact_sum += exact_seconds;
        exact_max = std::max(exact_max, exact_seconds);
        if (!proven.ok() || !found.ok() || !proven->feasible) continue;
        ++feasible;
        if (!found->feasible) continue;
        ++heuristic_feasible;
        excess_sum += 100.0 * (found->distance - proven->distance) / proven->distance;
      }
      std::printf("| %d | %d | %d/5 | %.4f | %.4f | %.3f | %d/%d | %.2f |\n", stops, breaks,
                  feasible, exact_sum / 5, exact_max, heuristic_sum / 5, heuristic_feasible,
                  feasible, heuristic_feasible ? excess_sum / heuristic_feasible : 0);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const double time_limit = argc > 1 ? std::atof(argv[1]) : 2.0;
  DumasTable(time_limit);
  DumasExact();
  ExactAgainstHeuristic();
  return 0;
}
