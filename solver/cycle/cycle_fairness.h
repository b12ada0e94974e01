// Fairness between a team's reps over the whole cycle (CycleFairness), in
// one home: how each day is bounded so the cycle stays within the admin's
// spread, the realised spreads, and their re-check.
//
// Visits: before each day, each rep may make at most
//   min over the team's reps of their visits so far + spread - its own
// (its day's max_visits, or no visits at all at 0). A rep's lead is then
// within the spread after every day, so at the end of the cycle too,
// whatever later days bring; stricter than the final bound needs (a rep
// on leave holds the others back), never looser. Only reps who work at
// least one day of the cycle count. Potential likewise: each rep's day may
// add at most the team's lowest potential so far + spread - its own
// (Rep.max_potential, a row of the day's rep caps).
#ifndef CALLPLAN_SOLVER_CYCLE_CYCLE_FAIRNESS_H_
#define CALLPLAN_SOLVER_CYCLE_CYCLE_FAIRNESS_H_

#include <map>
#include <string>
#include <vector>

#include "solver/cycle/cycle_calendar.h"
#include "solver/cycle/cycle_territory.h"
#include "solver/plan.h"

namespace callplan {

// Visits and potential per rep over a set of day plans.
struct RepTotals {
  std::map<std::string, uint32_t> visits;
  std::map<std::string, double> potential;
};
RepTotals TotalsOf(const CycleCalendar& calendar, const std::vector<Plan>& plans);

// The day's territory with each rep capped for the cycle's workload
// spread; reps capped at no visits are left out and named in `idle`.
Territory CapForCycleSpread(const Territory& day, const CycleCalendar& calendar,
                            const CycleFairness& fairness,
                            const RepTotals& so_far,
                            std::vector<std::string>& idle);

// The widest spreads over the cycle of any team.
struct CycleSpreads {
  uint32_t workload = 0;
  double potential = 0;
};
CycleSpreads SpreadsOf(const CycleCalendar& calendar, const RepTotals& totals);

// Each bound of `fairness` the totals break, in words.
void CheckCycleFairness(const CycleCalendar& calendar,
                        const CycleFairness& fairness, const RepTotals& totals,
                        std::vector<std::string>& violations);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_CYCLE_CYCLE_FAIRNESS_H_
