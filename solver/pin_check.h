// The re-check of a plan against its territory's pins, forbidden visits
// and locked days (issue 13), from the plan's output alone: the server
// runs it before a plan reaches the caller, so that a plan breaking a
// manager's decision is an error, never a calendar.
#ifndef CALLPLAN_SOLVER_PIN_CHECK_H_
#define CALLPLAN_SOLVER_PIN_CHECK_H_

#include <string>
#include <vector>

#include "solver/plan.h"
#include "solver/territory.h"

namespace callplan {

// Every broken decision, in words; empty when each pin is a visit of its
// rep (starting at its pinned time on a timed day), no forbidden pair is
// visited, and each locked rep visits exactly its pinned physicians. An
// INFEASIBLE plan has no visits to check.
std::vector<std::string> PinProblems(const Territory& territory, const Plan& plan);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_PIN_CHECK_H_
