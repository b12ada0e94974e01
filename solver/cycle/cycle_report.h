// The cycle's answer from its planned days (internal to solver/cycle/):
// each day's plan, every goal's calls against its targets with the reason
// for each target not met, each rep's weeks, and the score the cycle model
// gives the plan as returned. Also the re-check of the answer, from the
// answer alone, as a user would: gap, max calls, working days, targets'
// arithmetic and the cycle's fairness.
#ifndef CALLPLAN_SOLVER_CYCLE_CYCLE_REPORT_H_
#define CALLPLAN_SOLVER_CYCLE_CYCLE_REPORT_H_

#include <string>
#include <vector>

#include "solver/cycle/cycle_calendar.h"
#include "solver/cycle/cycle_days.h"
#include "solver/cycle/cycle_plan.h"

namespace callplan {

// The score of planned days: response value of their visits plus the
// targets' weights (cycle_plan.h).
double ScoreOfDays(const CycleCalendar& calendar, const PlannedDays& days);

// Days, attainment, weeks and the stats that follow from them; the caller
// adds bound, status, iterations and times.
CyclePlan AssembleCyclePlan(const CycleTerritory& cycle,
                            const CycleCalendar& calendar,
                            const PlannedDays& days);

// Every rule the plan breaks, in words (none for a valid plan).
std::vector<std::string> RecheckCyclePlan(const CycleTerritory& cycle,
                                          const CycleCalendar& calendar,
                                          const CyclePlan& plan);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_CYCLE_CYCLE_REPORT_H_
