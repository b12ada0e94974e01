// Explanations a rep or an admin can read: why a rep visits a physician, why
// an optional physician was left out. Reasons name products, potentials,
// distances and bounds, never physician names.
#ifndef CALLPLAN_SOLVER_EXPLAIN_H_
#define CALLPLAN_SOLVER_EXPLAIN_H_

#include <string>
#include <vector>

#include "solver/assignment/state.h"
#include "solver/territory.h"

namespace callplan {

// From the same breakdown the model's potential P_ij was summed from
// (solver/potential.h), so the reason names exactly what the plan counted.
std::string VisitReason(const Territory& territory, const Rep& rep,
                        const Physician& physician, double distance_from_home);

// `plan` holds the final assignment; `physician` is not in it. It is
// tried and taken back, so one state serves every unassigned physician.
std::string UnassignedReason(const Territory& territory,
                             AssignmentState& plan, int physician);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_EXPLAIN_H_
