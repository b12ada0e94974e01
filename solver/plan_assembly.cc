#include "solver/plan_assembly.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "solver/assignment/continuity.h"
#include "solver/assignment/pins.h"
#include "solver/assignment/state.h"
#include "solver/explain.h"
#include "solver/portfolio_report.h"

namespace callplan {
namespace {

// "pinned by Ann Lee (key account); " in front of a pinned visit's reason.
std::string PinnedBy(const PinnedVisit& pin) {
  return absl::StrCat(pin.done ? "already made, kept as pinned by " : "pinned by ",
                      pin.pinned_by.empty() ? "a manager" : pin.pinned_by,
                      pin.reason.empty() ? "" : absl::StrCat(" (", pin.reason, ")"),
                      "; ");
}

RepDay AssembleRepDay(const Territory& territory, const DistanceTable& table,
                      const AssignmentProblem& problem, int i,
                      const RepRoute& route) {
  const int reps = problem.num_reps;
  RepDay day;
  day.rep_id = territory.reps[i].id;
  day.route_distance = route.distance;
  day.return_distance = route.return_distance;
  day.route_cap = problem.route_cap[i];
  for (size_t k = 0; k < route.physicians.size(); ++k) {
    const int j = route.physicians[k];
    Visit visit;
    visit.physician_id = territory.physicians[j].id;
    visit.potential = problem.potential[PairIndex(problem, i, j)];
    visit.leg_distance = route.legs[k];
    visit.reason = VisitReason(territory, territory.reps[i],
                               territory.physicians[j], table(i, reps + j));
    if (const PinnedVisit* pin = PinOf(problem, i, j)) {
      visit.reason = PinnedBy(*pin) + visit.reason;
    }
    day.total_potential += visit.potential;
    day.visits.push_back(std::move(visit));
  }
  return day;
}

// The router's times on the rep's day: when each visit happens, when the
// rep leaves and is back, and where each break went.
void AddTimes(const Territory& territory, const TimeDimension& time,
              const AssignmentProblem& problem, int i, const RepRoute& route,
              RepDay& day) {
  if (time.HasShift(i)) day.shift = time.Shift(i);
  if (!route.timed || !route.feasible) return;
  for (size_t k = 0; k < day.visits.size() && k < route.times.size(); ++k) {
    Visit& visit = day.visits[k];
    visit.arrival_seconds = route.times[k].arrival_seconds;
    visit.start_seconds = route.times[k].start_seconds;
    visit.end_seconds = route.times[k].end_seconds;
    visit.wait_seconds = route.times[k].wait_seconds;
    const int j = route.physicians[k];
    const std::vector<TimeWindow>& hours = time.Windows(j);
    const PinnedVisit* pin = PinOf(problem, i, j);
    if (pin != nullptr && pin->start_seconds) {
      absl::StrAppend(&visit.reason, "; starts ", ClockTime(visit.start_seconds),
                      ", the pinned time");
    } else if (!hours.empty()) {
      absl::StrAppend(&visit.reason, "; starts ", ClockTime(visit.start_seconds),
                      ", within the physician's hours ", ClockSpans(hours));
    }
  }
  day.start_seconds = route.departure_seconds;
  day.end_seconds = route.return_seconds;
  const size_t visits = day.visits.size();
  for (const PlacedBreak& placed : route.breaks) {
    DayBreak b;
    b.start_seconds = placed.start_seconds;
    b.end_seconds = placed.end_seconds;
    const size_t after = static_cast<size_t>(std::max(placed.after_position, 0));
    b.after_visits = static_cast<uint32_t>(std::min(after, visits));
    b.at_id = after >= 1 && after <= visits ? day.visits[after - 1].physician_id
                                            : territory.reps[i].id;
    day.breaks.push_back(std::move(b));
  }
}

}  // namespace

Plan AssemblePlan(const Territory& territory, const DistanceTable& table,
                  const TimeDimension* time, const AssignmentProblem& problem,
                  const Assignment& assignment, const RoutedDay& day) {
  Plan plan;
  for (int i = 0; i < problem.num_reps; ++i) {
    RepDay rep_day = AssembleRepDay(territory, table, problem, i, day.routes[i]);
    if (time != nullptr) {
      AddTimes(territory, *time, problem, i, day.routes[i], rep_day);
    }
    plan.stats.objective += rep_day.total_potential;
    plan.rep_days.push_back(std::move(rep_day));
  }
  const AssignmentState state(problem, assignment.visits);
  for (int j = 0; j < problem.num_physicians; ++j) {
    if (state.VisitCount(j) > 0) continue;
    plan.unassigned.push_back(
        {territory.physicians[j].id, UnassignedReason(territory, state, j)});
  }
  plan.stats.team_stats = TeamStatsOf(territory, problem, plan.rep_days);
  plan.conflicts = ConflictsOf(territory, problem, assignment.visits);
  plan.stats.status = assignment.status;
  plan.stats.best_bound = assignment.best_bound;
  plan.stats.relative_gap = assignment.relative_gap;
  plan.stats.visits_changed = VisitsChanged(problem, assignment.visits);
  const DaySpreads spreads = SpreadsOf(problem, plan.rep_days, [](int) { return true; });
  plan.stats.workload_spread = spreads.workload;
  plan.stats.potential_spread = spreads.potential;
  for (int i : day.misfits) {
    plan.stats.reps_over_route_cap.push_back(territory.reps[i].id);
  }
  return plan;
}

}  // namespace callplan
