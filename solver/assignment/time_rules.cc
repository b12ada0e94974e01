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

}  // namespace

std::string UnreachableReason(const TimeDimension& time, int rep, int physician) {
  if (time.ClosedToday(physician)) return "is closed today";
  const int place = time.num_reps() + physician;
  const TimeWindow& shift = time.Shift(rep);
  const int64_t earliest = shift.start_seconds + time.Travel(rep, rep, place);
  const int64_t latest = shift.end_seconds - time.Service(physician) -
                         time.Travel(rep, place, rep);
  const std::vector<TimeWindow>& windows = time.Windows(physician);
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
}

}  // namespace callplan
