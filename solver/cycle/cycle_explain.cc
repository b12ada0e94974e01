#include "solver/cycle/cycle_explain.h"

#include <algorithm>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "solver/cycle/call_gap.h"

namespace callplan {
namespace {

std::string Calls(uint32_t n) {
  return absl::StrCat(n, n == 1 ? " call" : " calls");
}

std::vector<int> CallableDays(const CycleCalendar& calendar, int goal) {
  std::vector<int> days;
  for (int d = 0; d < calendar.num_days; ++d) {
    if (calendar.Callable(goal, d)) days.push_back(d);
  }
  return days;
}

// The most telling reason no day allows a call: one about the physician
// (closed, hours, a contact rule) before one about nobody working.
std::string NeverCallable(const CycleCalendar& calendar, int goal) {
  const std::vector<std::string>& why = calendar.why_not[goal];
  for (const std::string& reason : why) {
    if (!absl::StartsWith(reason, "nobody works") &&
        !absl::StartsWith(reason, "no rep")) {
      return absl::StrCat("no day of the cycle allows a call (", reason, ")");
    }
  }
  const CallGoal& g = calendar.goals[goal];
  return g.team_id.empty()
             ? "no rep works on any day of the cycle"
             : absl::StrCat("no rep of team ", g.team_id,
                            " works on any day of the cycle");
}

std::string GapReason(const CycleCalendar& calendar, int goal,
                      const std::vector<int>& callable, uint32_t most) {
  const CallGoal& g = calendar.goals[goal];
  std::vector<std::string> dates;
  for (size_t k = 0; k < callable.size() && k < 6; ++k) {
    dates.push_back(calendar.dates[callable[k]]);
  }
  if (callable.size() > 6) dates.push_back("...");
  std::string reason = absl::StrCat(
      "at most ", Calls(most), " fit: it can be called on ", callable.size(),
      callable.size() == 1 ? " day" : " days", " of the cycle (",
      absl::StrJoin(dates, ", "), ") and calls must be ",
      calendar.gap_days[g.physician], " days apart");
  if (calendar.last_history_day[g.physician]) {
    absl::StrAppend(&reason, "; it was last called on ",
                    calendar.last_history_date[g.physician]);
  }
  return reason;
}

// Other teams' calls on the physician, with the gap after each, leave too
// few days for this team's target ("" when they do not).
std::string OtherTeamsReason(const CycleCalendar& calendar, int goal,
                             const PlannedDays& days) {
  const CallGoal& g = calendar.goals[goal];
  const std::vector<int>& own = days.calls[goal];
  const std::vector<int>& visits = days.visit_days[g.physician];
  std::vector<std::string> others;
  for (int d : visits) {
    if (std::find(own.begin(), own.end(), d) == own.end()) {
      others.push_back(calendar.dates[d]);
    }
  }
  if (others.empty() || calendar.gap_days[g.physician] <= 1) return "";
  uint32_t free_days = 0;
  for (int d = 0; d < calendar.num_days; ++d) {
    if (calendar.Callable(goal, d) &&
        std::find(visits.begin(), visits.end(), d) == visits.end() &&
        GapAllows(calendar, g.physician, d, visits)) {
      ++free_days;
    }
  }
  if (own.size() + free_days >= g.targets.target_calls) return "";
  return absl::StrCat("other teams' calls (", absl::StrJoin(others, ", "),
                      ") and the ", calendar.gap_days[g.physician],
                      "-day gap after any team's call leave no day for more");
}

// The first day that was offered the call and did not make it, and why.
std::string LeftOutReason(const CycleCalendar& calendar, int goal,
                          const PlannedDays& days) {
  const CallGoal& g = calendar.goals[goal];
  for (size_t d = 0; d < days.offered.size(); ++d) {
    const std::vector<int>& offered = days.offered[d];
    if (std::find(offered.begin(), offered.end(), goal) == offered.end()) continue;
    const std::vector<int>& made = days.calls[goal];
    if (std::find(made.begin(), made.end(), static_cast<int>(d)) != made.end()) {
      continue;
    }
    for (const Unassigned& left : days.plans[d].unassigned) {
      if (left.physician_id == g.physician_id) {
        return absl::StrCat("the plan of ", calendar.dates[d],
                            " could not fit the call: ", left.reason);
      }
    }
    return absl::StrCat("the plan of ", calendar.dates[d],
                        " could not fit the call");
  }
  return "";
}

}  // namespace

std::string WhyBelowTarget(const CycleCalendar& calendar, int goal,
                           const PlannedDays& days) {
  const CallGoal& g = calendar.goals[goal];
  const uint32_t planned = static_cast<uint32_t>(days.calls[goal].size());
  if (planned >= g.targets.target_calls) return "";
  const std::vector<int> callable = CallableDays(calendar, goal);
  std::string reason;
  if (callable.empty()) {
    reason = NeverCallable(calendar, goal);
  } else if (const uint32_t most = MostCallsUnderGap(calendar, goal);
             most < g.targets.target_calls) {
    reason = GapReason(calendar, goal, callable, most);
  } else {
    reason = OtherTeamsReason(calendar, goal, days);
    if (reason.empty()) reason = LeftOutReason(calendar, goal, days);
    if (reason.empty() && !days.complete) {
      reason = "time ran out before the cycle was planned";
    }
    if (reason.empty()) {
      reason = absl::StrCat(
          "the ", callable.size(), " days it can be called on were full: ",
          g.team_id.empty() ? "the reps'" : absl::StrCat("team ", g.team_id, "'s"),
          " time on them went to calls the cycle values more (targets first, "
          "then potential)");
    }
  }
  const std::string goal_words =
      planned < g.targets.min_calls
          ? absl::StrCat("minimum of ", Calls(g.targets.min_calls), " not met")
          : absl::StrCat("target of ", Calls(g.targets.target_calls), " not met");
  return absl::StrCat(goal_words, " (", Calls(planned), " planned): ", reason);
}

}  // namespace callplan
