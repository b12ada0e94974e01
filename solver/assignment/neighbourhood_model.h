// One neighbourhood of the large-neighbourhood search (internal to
// solver/) as a MIP of its own.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_NEIGHBOURHOOD_MODEL_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_NEIGHBOURHOOD_MODEL_H_

#include <vector>

#include "solver/assignment/mip.h"

namespace callplan {

// A neighbourhood as a MIP of its own: the kept reps' columns are fixed at
// the plan's values and taken out, their share of each row moved into the
// row's bounds, the freed reps' columns those rows now hold at 0 taken out
// too, and rows left without columns dropped (the plan satisfies them). The
// same points as the whole model with those columns fixed, but CBC's root
// LP, cuts and heuristics see only the visits the freed reps can still make.
struct NeighbourhoodModel {
  AssignmentMip mip;         // the solver alone
  std::vector<int> columns;  // the whole model's column of each column here
  std::vector<double> warm_start;  // the plan, in this model's columns
  double warm_start_objective = 0;  // its objective here (minimisation sense)
};

// `values` are the plan's value of every column of `mip` (ColumnValuesFor);
// `freed` the reps whose visits may change. Solving the result to
// optimality gives, on its columns, the best plan of the whole model with
// every other column held at its value in `values`.
NeighbourhoodModel ModelOfNeighbourhood(const AssignmentMip& mip, int num_reps,
                                        const std::vector<int>& freed,
                                        const std::vector<double>& values);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_NEIGHBOURHOOD_MODEL_H_
