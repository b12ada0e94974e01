// The minimum gap between calls (contact rules' min_days_between_visits,
// across teams, against the history before the cycle too), in one home:
// the cycle model's rows, the test the day-by-day baseline and the day
// planning use, the re-check and the explanation of a target the gap
// keeps out of reach. Calls on one day are not a gap matter (the daily
// cap is the day's).
#ifndef CALLPLAN_SOLVER_CYCLE_CALL_GAP_H_
#define CALLPLAN_SOLVER_CYCLE_CALL_GAP_H_

#include <string>
#include <vector>

#include "solver/cycle/cycle_calendar.h"

namespace callplan {

// Rows sum_{d in window} w_jd <= 1 over every `gap` consecutive days;
// `physician_day(j, d)` is the column saying physician j is called on day
// d (-1 = not callable). Appended to `rows` as (columns, upper bound 1).
void AddGapRows(const CycleCalendar& calendar,
                const std::vector<std::vector<int>>& physician_day,
                std::vector<std::vector<int>>& rows);

// May physician j be called on day index d, given its calls so far (day
// indices, any team) and its history?
bool GapAllows(const CycleCalendar& calendar, int physician, int day,
               const std::vector<int>& call_days);

// The most calls goal g can get on its callable days under the gap alone.
uint32_t MostCallsUnderGap(const CycleCalendar& calendar, int goal);

// Every gap broken by these calls (day indices of physician j), in words.
void CheckGap(const CycleCalendar& calendar, int physician,
              const std::vector<int>& call_days,
              std::vector<std::string>& violations);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_CYCLE_CALL_GAP_H_
