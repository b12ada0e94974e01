// Managers' decisions (issue 13) in the assignment model's numbers, for
// BuildAssignmentProblem: each pin, forbidden visit and locked day becomes
// a pinned visit or a ruled-out pair (pins.cc reads them). A done visit is
// a fact: its pair is let through the contact rules, and the physician's
// daily cap and the rep's visit cap are widened to hold the done visits.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_PIN_RULES_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_PIN_RULES_H_

#include "absl/status/status.h"
#include "solver/assignment/problem.h"
#include "solver/territory.h"

namespace callplan {

// Runs after the caps, contact rules and time rules are in `problem`.
// InvalidArgument for a pin naming a rep or physician not in the territory.
absl::Status AddPins(const Territory& territory, AssignmentProblem& problem);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_PIN_RULES_H_
