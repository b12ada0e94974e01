#include "solver/assignment/time_rules.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "solver/assignment/travel_bounds.h"

namespace callplan {
namespace {

std::string ShiftText(const TimeDimension& time, int rep) {
  if (!time.HasShift(rep)) return "the day";
  return absl::StrCat("the shift ", ClockSpan(time.Shift(rep)));
}

// Per (rep, physician): service plus half the cheapest drive in and out.
void AddWorkingTime(const TimeDimension& time, AssignmentProblem& problem) {
  const int reps = problem.num_reps, physicians = problem.num_physicians;
  RepCapacity working;
  working.kind = RepCapacity::Kind::kWorkingTime;
  bool any = false;
  for (int i = 0; i < reps; ++i) {
    working.capacity.push_back(static_cast<double>(time.WorkingCapacity(i)));
    any = any || working.capacity.back() > 0;
  }
  if (!any) return;
  working.weight.resize(static_cast<size_t>(reps) * physicians);
  // Reps driving alike share their links (O(P^2) each).
  std::map<double, NearestLinks> links_by_pace;
  for (int i = 0; i < reps; ++i) {
    if (working.capacity[i] <= 0) continue;
    const double pace = time.PaceKey(i);
    auto found = links_by_pace.find(pace);
    if (found == links_by_pace.end()) {
      found = links_by_pace
                  .emplace(pace, NearestPhysicianLinks(
                                     [&time, i](int a, int b) {
                                       return time.TravelLowerBound(i, a, b);
                                     },
                                     reps, physicians))
                  .first;
    }
    const NearestLinks& links = found->second;
    for (int j = 0; j < physicians; ++j) {
      working.weight[PairIndex(problem, i, j)] =
          static_cast<double>(time.Service(j)) +
          HalfLinkBound(links, j, time.TravelLowerBound(i, i, reps + j),
                        time.TravelLowerBound(i, reps + j, i));
    }
  }
  problem.capacities.push_back(std::move(working));
}

// The earliest start at or after `t` inside `windows` (none = any time),
// or -1.
int64_t EarliestStart(const std::vector<TimeWindow>& windows, int64_t t) {
  if (windows.empty()) return t;
  for (const TimeWindow& w : windows) {
    if (w.end_seconds >= t) return std::max(t, w.start_seconds);
  }
  return -1;
}

// Whether rep `rep` could see `first` then `second` within its shift,
// breaks aside: a necessary condition of any day holding both in that
// order (with waiting allowed and times obeying the triangle inequality,
// other visits only make the day later).
bool PairFits(const TimeDimension& time, int rep, int first, int second) {
  const int reps = time.num_reps();
  const TimeWindow& shift = time.Shift(rep);
  const int64_t s1 = EarliestStart(
      time.WindowsFor(rep, first),
      shift.start_seconds + time.Travel(rep, rep, reps + first));
  if (s1 < 0) return false;
  const int64_t s2 = EarliestStart(
      time.WindowsFor(rep, second),
      s1 + time.Service(first) + time.Travel(rep, reps + first, reps + second));
  if (s2 < 0) return false;
  return s2 + time.Service(second) + time.Travel(rep, reps + second, rep) <=
         shift.end_seconds;
}

// Past this many (rep, pair) checks the pairs are left to the plan loop:
// the model stays valid, only less tight.
constexpr int64_t kMaxPairChecks = 20'000'000;
constexpr size_t kMaxPairSets = 20'000;

// Pairs of physicians with hours that no order fits, per rep, as proven
// forbidden sets (forbidden_sets.cc): the plan loop would otherwise learn
// them one route at a time.
void AddHoursConflicts(const TimeDimension& time, AssignmentProblem& problem) {
  const int reps = problem.num_reps, physicians = problem.num_physicians;
  if (!time.metric() ||
      static_cast<int64_t>(reps) * physicians * physicians > kMaxPairChecks) {
    return;
  }
  for (int i = 0; i < reps; ++i) {
    for (int j = 0; j < physicians; ++j) {
      if (!problem.unavailable_reason[PairIndex(problem, i, j)].empty()) continue;
      for (int k = j + 1; k < physicians; ++k) {
        if (time.WindowsFor(i, j).empty() && time.WindowsFor(i, k).empty()) continue;
        if (!problem.unavailable_reason[PairIndex(problem, i, k)].empty()) continue;
        if (PairFits(time, i, j, k) || PairFits(time, i, k, j)) continue;
        if (problem.forbidden_sets.size() >= kMaxPairSets) return;
        ForbiddenVisitSet set;
        set.rep = i;
        set.physicians = {j, k};
        set.reason = absl::StrCat(
            "the hours of ", PhysicianName(problem, j), " (",
            ClockSpans(time.WindowsFor(i, j)), ") and ", PhysicianName(problem, k),
            " (", ClockSpans(time.WindowsFor(i, k)),
            ") leave no time to see one and drive to the other within ",
            ShiftText(time, i), ", in either order");
        problem.forbidden_sets.push_back(std::move(set));
      }
    }
  }
}

}  // namespace

std::string UnreachableReason(const TimeDimension& time, int rep, int physician) {
  std::string pinned = time.PinnedTimeConflict(rep, physician);
  if (!pinned.empty()) return pinned;
  if (time.ClosedToday(physician) && !time.DoneAt(rep, physician)) {
    return "is closed today";
  }
  const int place = time.num_reps() + physician;
  const TimeWindow& shift = time.Shift(rep);
  const int64_t earliest = shift.start_seconds + time.Travel(rep, rep, place);
  const int64_t latest = shift.end_seconds - time.Service(physician) -
                         time.Travel(rep, place, rep);
  const std::vector<TimeWindow>& windows = time.WindowsFor(rep, physician);
  if (windows.empty()) {
    if (earliest <= latest) return "";
    return absl::StrCat("cannot be reached, seen and left within ",
                        ShiftText(time, rep));
  }
  for (const TimeWindow& w : windows) {
    if (std::max(w.start_seconds, earliest) <= std::min(w.end_seconds, latest)) {
      return "";
    }
  }
  return absl::StrCat("receives reps only ", ClockSpans(windows),
                      ", which ", ShiftText(time, rep),
                      " cannot reach (from home at the earliest ",
                      ClockTime(earliest), ", and a visit must start by ",
                      ClockTime(std::max<int64_t>(latest, 0)),
                      " to be home in time)");
}

void AddTimeRules(const TimeDimension& time, AssignmentProblem& problem) {
  const int reps = problem.num_reps, physicians = problem.num_physicians;
  problem.unavailable_reason.assign(static_cast<size_t>(reps) * physicians, "");
  for (int i = 0; i < reps; ++i) {
    for (int j = 0; j < physicians; ++j) {
      problem.unavailable_reason[PairIndex(problem, i, j)] =
          UnreachableReason(time, i, j);
    }
  }
  AddWorkingTime(time, problem);
  AddHoursConflicts(time, problem);
}

}  // namespace callplan
