// Why a call goal got fewer calls than its target, in the user's words
// (internal to solver/cycle/): no day of the cycle allows a call (and the
// day's own reason: closed, office hours against the shifts, nobody of the
// team working), the gap leaves too few, a day that could not fit the call
// (the day's own reason), or the capacity went to calls the cycle values
// more. The first that applies is the reason.
#ifndef CALLPLAN_SOLVER_CYCLE_CYCLE_EXPLAIN_H_
#define CALLPLAN_SOLVER_CYCLE_CYCLE_EXPLAIN_H_

#include <string>

#include "solver/cycle/cycle_calendar.h"
#include "solver/cycle/cycle_days.h"

namespace callplan {

// "" when the goal's target is met.
std::string WhyBelowTarget(const CycleCalendar& calendar, int goal,
                           const PlannedDays& days);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_CYCLE_CYCLE_EXPLAIN_H_
