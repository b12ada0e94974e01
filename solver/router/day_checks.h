// Internal to the timed router: what can be said of a day before routing it.
//
// ProvenUnroutable is a proof: it fails only days that no order can fit,
// by relaxations every feasible route satisfies: a stop must be reachable
// from the start and the end reachable from it within the shift, by the
// fastest chain of drives (rounded travel times need not obey the triangle
// inequality, so the direct drive may not be the fastest) and inside one of
// its windows; each break must fit between the shift's start and end; and
// the start must reach the end in the shift. O(n^2).
//
// BlamedStop explains, and proves nothing: the first stop (table order)
// that cannot be served even alone in the shift with the breaks while the
// day without any stop fits. It may be -1 on an infeasible day, and a day
// whose blamed stop fails alone may still fit with other stops (a break
// taken at another stop can split a drive that alone would not fit).
#ifndef CALLPLAN_SOLVER_ROUTER_DAY_CHECKS_H_
#define CALLPLAN_SOLVER_ROUTER_DAY_CHECKS_H_

#include "solver/router/timed_problem.h"

namespace callplan::router_internal {

bool ProvenUnroutable(const TimedProblem& problem);

// A local node, or -1.
int BlamedStop(const TimedProblem& problem);

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_DAY_CHECKS_H_
