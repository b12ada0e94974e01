// Large-neighbourhood search around a plan (internal to solver/): a few
// reps are freed, every other rep keeps exactly its visits, and CBC solves
// that small MIP with the plan as its incumbent; a better plan is kept and
// the search moves on. On the hard shapes (many reps, tight balance) CBC's
// tree over the whole day improves the incumbent slowly; small sub-MIPs
// improve it quickly (README, "Engine benchmarks").
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_NEIGHBOURHOOD_SEARCH_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_NEIGHBOURHOOD_SEARCH_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "solver/assignment/mip.h"
#include "solver/assignment/problem.h"
#include "solver/solve_options.h"

namespace callplan {

// False when the day has so few reps that a neighbourhood would be the
// whole day: CBC alone is then the better use of the time.
bool NeighbourhoodsPay(const AssignmentProblem& problem);

// Improves `plan` (which must satisfy the model) until `until`, a stop, or
// every neighbourhood of the widest size was tried without a gain; returns
// the best plan found, never a worse one, and reports each better plan as
// progress against `best_bound` (the whole day's, maximisation sense),
// timed from `started`, when the day's solve began.
// Deterministic for a given plan, save for where the time runs out.
absl::StatusOr<RepVisits> ImproveByNeighbourhoods(const AssignmentProblem& problem,
                                                  const AssignmentMip& mip,
                                                  RepVisits plan, double best_bound,
                                                  absl::Time started, absl::Time until,
                                                  const SolveControl& control);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_NEIGHBOURHOOD_SEARCH_H_
