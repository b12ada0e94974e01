// What the rest of the engine asks of the managers' pins (pins.cc): where
// the heuristics start, which visits no repair may drop, and which pins
// no plan can hold because another family rules their pair out.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_PINS_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_PINS_H_

#include <string>

#include "solver/assignment/problem.h"

namespace callplan {

// The pinned visits, per rep (ascending): every heuristic starts here, and
// no move removes one (other reps may not take a pinned physician).
RepVisits PinnedVisits(const AssignmentProblem& problem);

// The pin of `physician` to `rep`, or null.
const PinnedVisit* PinOf(const AssignmentProblem& problem, int rep, int physician);

// A pin whose pair some family leaves out of the model: no plan holds it.
bool PinOutsideModel(const AssignmentProblem& problem);

// "the pin of P07 to R03 (by Ann Lee)".
std::string PinName(const AssignmentProblem& problem, const PinnedVisit& pin);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_PINS_H_
