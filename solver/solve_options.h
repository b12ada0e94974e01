// How the engine searches, and how a caller watches or stops a long solve.
#ifndef CALLPLAN_SOLVER_SOLVE_OPTIONS_H_
#define CALLPLAN_SOLVER_SOLVE_OPTIONS_H_

#include <cstdint>
#include <functional>

#include "absl/time/time.h"

namespace callplan {

enum class Formulation {
  kCompact,   // balance rows against shared min/max variables: O(reps) rows
  kPairwise,  // the paper's pairwise slacks, constraints (3)-(8): O(reps^2)
};

// How CBC searches; benchmarks vary these, the defaults are the measured
// best (README, "Engine benchmarks").
struct SearchTuning {
  // The greedy assignment, improved by local moves, as CBC's first
  // incumbent. CBC's preprocessing (CglPreProcess) runs only without it:
  // preprocessing renumbers the columns the incumbent is written in (and
  // cbc 2.10's own driver, given both, reported a worse plan as optimal).
  bool warm_start = true;
  // When CBC has not proven the day within a fifth of the time left after the
  // warm start, the rest goes to a large-neighbourhood search around its
  // best plan (neighbourhood_search.h); CBC's bound stays the bound.
  bool neighbourhood_search = true;
  // Single visits and pairs no route of a rep can hold are learnt
  // before the first solve (route_conflicts.h) rather than one misfit per
  // MIP solve by the plan loop, within a twentieth of the time limit.
  bool route_conflicts_up_front = true;
};

struct SolveOptions {
  double time_limit_seconds = 10;
  double relative_gap = 1e-4;
  Formulation formulation = Formulation::kCompact;
  uint32_t max_distance_iterations = 25;
  SearchTuning tuning;
};

// A snapshot of a running solve, for progress bars.
struct SolveProgress {
  double elapsed_seconds = 0;
  bool has_incumbent = false;
  double incumbent_objective = 0;
  double best_bound = 0;
  double relative_gap = 0;
  uint32_t distance_iteration = 0;
};

// Hooks a caller passes into a solve. Both may be empty. on_progress is called
// from the solving thread, at most a few times a second; should_stop is polled
// often and a true answer ends the solve with the best plan found so far.
struct SolveControl {
  std::function<void(const SolveProgress&)> on_progress;
  std::function<bool()> should_stop;
  absl::Time deadline = absl::InfiniteFuture();
};

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_SOLVE_OPTIONS_H_
