// How CBC searches an AssignmentMip (internal to solver/): which cut
// generators, heuristics and node limits a branch-and-bound gets, chosen by
// the model's size and measured in tests/bench/assignment_bench (README,
// "Engine benchmarks"). Nothing here is process-wide: every CbcModel gets
// its own copies, so solves may run at once on several threads.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_CBC_SEARCH_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_CBC_SEARCH_H_

class CbcModel;

namespace callplan {

// Adds the cut generators and heuristics to `model`, which must already
// hold the solver. Every model gets the same generators; a small one (a
// paper-shaped day, which CBC proves rather than searches) also trusts its
// branching estimates sooner, which shortens its tree.
void ConfigureSearch(CbcModel& model);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_CBC_SEARCH_H_
