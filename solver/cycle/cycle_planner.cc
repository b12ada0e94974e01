#include "solver/cycle/cycle_planner.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "solver/cycle/cycle_calendar.h"
#include "solver/cycle/cycle_days.h"
#include "solver/cycle/cycle_model.h"
#include "solver/cycle/cycle_report.h"

namespace callplan {
namespace {

constexpr int kMaxCycleIterations = 8;

// Time and progress of one cycle solve.
class CycleClock {
 public:
  CycleClock(const CycleControl& control, double limit_seconds, int days)
      : control_(control), started_(absl::Now()), days_(days) {
    until_ = std::min(control.deadline,
                      started_ + absl::Seconds(std::max(limit_seconds, 0.0)));
    inner_.should_stop = control.should_stop;
    inner_.deadline = until_;
  }
  const SolveControl& inner() const { return inner_; }
  double Left() const { return std::max(0.0, absl::ToDoubleSeconds(until_ - absl::Now())); }
  double Elapsed() const { return absl::ToDoubleSeconds(absl::Now() - started_); }
  bool Stopped() const {
    return (control_.should_stop && control_.should_stop()) || Left() <= 0;
  }
  void Report(const std::string& stage, int days_planned, bool has_plan,
              double objective, double bound) const {
    if (!control_.on_progress) return;
    CycleProgress progress;
    progress.elapsed_seconds = Elapsed();
    progress.stage = stage;
    progress.days_planned = static_cast<uint32_t>(days_planned);
    progress.days_total = static_cast<uint32_t>(days_);
    progress.has_plan = has_plan;
    progress.objective = objective;
    progress.best_bound = bound;
    control_.on_progress(progress);
  }

 private:
  const CycleControl& control_;
  absl::Time started_, until_;
  SolveControl inner_;
  int days_;
};

int WorkingDays(const CycleTerritory& cycle) {
  int days = 0;
  for (const CycleDay& day : cycle.days) days += day.territory.reps.empty() ? 0 : 1;
  return std::max(days, 1);
}

SolveOptions DayOptions(const SolveOptions& options, double seconds) {
  SolveOptions day = options;
  day.time_limit_seconds = std::max(0.05, seconds);
  return day;
}

// Calls per day of the model's choice, as offers.
DayOffer OffersOf(const CycleCalendar& calendar, const GoalCalls& chosen) {
  std::vector<std::vector<int>> by_day(calendar.num_days);
  for (size_t g = 0; g < chosen.size(); ++g) {
    for (int d : chosen[g]) by_day[d].push_back(static_cast<int>(g));
  }
  return [by_day](int day, const PlannedDays&) { return by_day[day]; };
}

// Each team-day that made fewer calls than the model gave it may hold no
// more than it made; true when any did.
bool LearnFromDays(const CycleCalendar& calendar, const GoalCalls& chosen,
                   const PlannedDays& days, std::vector<LearntDayCap>& learnt) {
  std::map<std::pair<int, std::string>, std::pair<int, int>> counts;  // chosen, made
  for (size_t g = 0; g < chosen.size(); ++g) {
    const std::string& team = calendar.goals[g].team_id;
    for (int d : chosen[g]) ++counts[{d, team}].first;
    for (int d : days.calls[g]) ++counts[{d, team}].second;
  }
  bool any = false;
  for (const auto& entry : counts) {
    const std::pair<int, std::string>& key = entry.first;
    const std::pair<int, int>& count = entry.second;
    if (count.second >= count.first) continue;
    any = true;
    auto cap = std::find_if(learnt.begin(), learnt.end(), [&](const LearntDayCap& c) {
      return c.day == key.first && c.team_id == key.second;
    });
    if (cap == learnt.end()) {
      learnt.push_back({key.first, key.second, count.second});
    } else {
      cap->max_calls = std::min(cap->max_calls, count.second);
    }
  }
  return any;
}

absl::StatusOr<PlannedDays> DayByDay(const CycleTerritory& cycle,
                                     const CycleCalendar& calendar,
                                     double seconds_per_day,
                                     const SolveOptions& options,
                                     const CycleClock& clock) {
  int days_planned = 0;
  return PlanDaysInOrder(
      cycle, calendar,
      [&](int d, const PlannedDays& so_far) {
        return EveryAllowedCall(calendar, d, so_far);
      },
      DayOptions(options, seconds_per_day), clock.inner(), [&](int) {
        clock.Report("day by day", ++days_planned, false, 0, 0);
      });
}

// The cycle model's search: its bound (from the first solve, before any
// learnt cap) and the best days planned from its choices.
struct ModelSearch {
  PlannedDays best;
  double best_score = 0;
  double bound = 0;
  bool bound_proven = false;
  uint32_t iterations = 0;
};

// Solves the model, plans its days, learns from the days that did not
// hold its choice, until they do and the model is proven, time runs out or
// the iteration cap.
absl::Status SearchWithCycleModel(const CycleTerritory& cycle,
                                  const CycleCalendar& calendar,
                                  const SolveOptions& options,
                                  const CycleClock& clock, GoalCalls warm,
                                  ModelSearch& search) {
  const int working = WorkingDays(cycle);
  std::vector<LearntDayCap> learnt;
  while (search.iterations < kMaxCycleIterations && !clock.Stopped()) {
    ++search.iterations;
    absl::StatusOr<CycleModelResult> model =
        SolveCycleModel(calendar, learnt, warm, 0.5 * clock.Left(),
                        options.relative_gap, clock.inner());

    if (!model.ok()) return model.status();
    if (search.iterations == 1) {
      search.bound = model->best_bound;
      search.bound_proven = true;
    }
    if (!model->has_solution || clock.Stopped()) break;
    clock.Report("cycle model", 0, true, search.best_score, search.bound);
    int days_planned = 0;
    absl::StatusOr<PlannedDays> days = PlanDaysInOrder(
        cycle, calendar, OffersOf(calendar, model->calls),
        DayOptions(options, 0.8 * clock.Left() / working), clock.inner(),
        [&](int) {
          clock.Report("days", ++days_planned, true, search.best_score,
                       search.bound);
        });
    if (!days.ok()) return days.status();
    const double score = ScoreOfDays(calendar, *days);

    if (days->complete && score > search.best_score) {
      search.best = *days;
      search.best_score = score;
    }
    // Days that kept the model's choice end the search once the model is
    // proven; an unproven model is solved again from the days' calls with
    // the time left.
    if (!LearnFromDays(calendar, model->calls, *days, learnt) &&
        model->proven_optimal) {
      break;
    }
    warm = days->calls;
  }
  return absl::OkStatus();
}

// Bound, gap and status of the answer: OPTIMAL only when the first model's
// bound (a relaxation of the real cycle) proves the score.
void SetBoundAndStatus(const ModelSearch& search, const SolveOptions& options,
                       CycleStats& stats) {
  stats.cycle_iterations = search.iterations;
  if (!search.bound_proven) {
    stats.best_bound = stats.objective;
    stats.status = PlanStatus::kFeasible;
    stats.warnings.push_back("time ran out before the cycle model: the plan is "
                             "the day-by-day plan and the bound is its score");
    return;
  }
  // CBC's bound is within its tolerances (1e-7 relative) of the truth; a
  // bound further below the score is left as it is for the re-check.
  stats.best_bound = search.bound >= stats.objective * (1 - 1e-7)
                         ? std::max(search.bound, stats.objective)
                         : search.bound;
  stats.relative_gap =
      stats.best_bound > 0
          ? (stats.best_bound - stats.objective) / stats.best_bound
          : 0;
  stats.status = stats.relative_gap <= std::max(options.relative_gap, 1e-9)
                     ? PlanStatus::kOptimal
                     : PlanStatus::kFeasible;
}

}  // namespace

absl::StatusOr<CyclePlan> PlanCycleDayByDay(const CycleTerritory& cycle,
                                            const SolveOptions& options,
                                            const CycleControl& control) {
  absl::StatusOr<CycleCalendar> calendar = BuildCycleCalendar(cycle);
  if (!calendar.ok()) return calendar.status();
  const CycleClock clock(control, options.time_limit_seconds,
                         static_cast<int>(cycle.days.size()));
  absl::StatusOr<PlannedDays> days =
      DayByDay(cycle, *calendar, options.time_limit_seconds / WorkingDays(cycle),
               options, clock);
  if (!days.ok()) return days.status();
  CyclePlan plan = AssembleCyclePlan(cycle, *calendar, *days);
  plan.stats.status = PlanStatus::kFeasible;
  plan.stats.best_bound = plan.stats.objective;
  plan.stats.day_by_day_objective = plan.stats.objective;
  plan.stats.solve_seconds = clock.Elapsed();
  return plan;
}

absl::StatusOr<CyclePlan> PlanCycle(const CycleTerritory& cycle,
                                    const SolveOptions& options,
                                    const CycleControl& control) {
  absl::StatusOr<CycleCalendar> calendar = BuildCycleCalendar(cycle);
  if (!calendar.ok()) return calendar.status();
  const CycleClock clock(control, options.time_limit_seconds,
                         static_cast<int>(cycle.days.size()));
  // The day-by-day plan first: a plan in hand, and the model's first
  // incumbent.
  absl::StatusOr<PlannedDays> baseline =
      DayByDay(cycle, *calendar,
               0.25 * options.time_limit_seconds / WorkingDays(cycle), options,
               clock);
  if (!baseline.ok()) return baseline.status();
  if (!baseline->complete && baseline->days_planned == 0) {
    return absl::DeadlineExceededError(
        "time ran out before the cycle's first working day was planned");
  }
  ModelSearch search;
  search.best = *baseline;
  search.best_score = ScoreOfDays(*calendar, *baseline);
  const double baseline_score = search.best_score;
  clock.Report("day by day", 0, true, search.best_score, 0);
  if (absl::Status searched = SearchWithCycleModel(
          cycle, *calendar, options, clock, baseline->calls, search);
      !searched.ok()) {
    return searched;
  }

  CyclePlan plan = AssembleCyclePlan(cycle, *calendar, search.best);
  plan.stats.day_by_day_objective = baseline_score;
  SetBoundAndStatus(search, options, plan.stats);
  plan.stats.solve_seconds = clock.Elapsed();
  std::vector<std::string> broken = RecheckCyclePlan(cycle, *calendar, plan);
  if (plan.stats.objective > plan.stats.best_bound * (1 + 1e-7) + 1e-9) {
    broken.push_back(absl::StrCat("its score ", plan.stats.objective,
                                  " is above the bound ", plan.stats.best_bound));
  }
  if (!broken.empty()) {
    return absl::InternalError(absl::StrCat(
        "the cycle plan failed its re-check: ", absl::StrJoin(broken, "; ")));
  }
  clock.Report("done", static_cast<int>(cycle.days.size()), true,
               plan.stats.objective, plan.stats.best_bound);
  return plan;
}

}  // namespace callplan
