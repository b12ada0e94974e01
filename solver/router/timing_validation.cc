#include "solver/router/timing_validation.h"

#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "solver/router/timed_problem.h"

namespace callplan::router_internal {
namespace {

constexpr int kMaxListedTravelProblems = 5;

bool OutOfRange(int64_t seconds) {
  return seconds != std::numeric_limits<int64_t>::max() &&
         (seconds > kMaxTimeMagnitude || seconds < -kMaxTimeMagnitude);
}

void CheckWindow(const std::string& field, const TimeWindow& window,
                 std::vector<std::string>* problems) {
  if (OutOfRange(window.start_seconds) || OutOfRange(window.end_seconds)) {
    problems->push_back(absl::StrCat(field, " (", window.start_seconds, " to ",
                                     window.end_seconds, " s): beyond ",
                                     kMaxTimeMagnitude, " seconds"));
  } else if (window.end_seconds < window.start_seconds) {
    problems->push_back(absl::StrCat(field, " (", ClockSpan(window),
                                     "): ends before it starts"));
  }
}

void CheckDuration(const std::string& field, int64_t seconds,
                   std::vector<std::string>* problems) {
  if (seconds < 0 || seconds > kMaxTimeMagnitude) {
    problems->push_back(absl::StrCat(field, ": ", seconds,
                                     "; must be between 0 and ",
                                     kMaxTimeMagnitude, " seconds"));
  }
}

void CheckNode(int node, const NodeTime& time, std::vector<std::string>* problems) {
  const std::string field = absl::StrCat("timing.nodes[", node, "]");
  for (size_t w = 0; w < time.windows.size(); ++w) {
    const std::string window = absl::StrCat(field, ".windows[", w, "]");
    const size_t before = problems->size();
    CheckWindow(window, time.windows[w], problems);
    if (problems->size() == before && w > 0 &&
        time.windows[w].start_seconds < time.windows[w - 1].end_seconds) {
      problems->push_back(absl::StrCat(
          window, " (", ClockSpan(time.windows[w]),
          "): starts before the previous window ends (",
          ClockTime(time.windows[w - 1].end_seconds),
          "); windows must be sorted and must not overlap"));
    }
  }
  CheckDuration(field + ".service_seconds", time.service_seconds, problems);
}

void CheckTravel(const TravelTimes& travel, std::vector<std::string>* problems) {
  int bad = 0;
  for (int from = 0; from < travel.size(); ++from) {
    for (int to = 0; to < travel.size(); ++to) {
      const int64_t seconds = travel(from, to);
      if (seconds >= 0 && seconds <= kMaxTimeMagnitude) continue;
      if (++bad <= kMaxListedTravelProblems) {
        problems->push_back(absl::StrCat("timing.travel from place ", from,
                                         " to place ", to, ": ", seconds,
                                         " s; must be between 0 and ",
                                         kMaxTimeMagnitude));
      }
    }
  }
  if (bad > kMaxListedTravelProblems) {
    problems->push_back(absl::StrCat("timing.travel: ",
                                     bad - kMaxListedTravelProblems,
                                     " more travel times out of range"));
  }
}

}  // namespace

absl::Status ValidateRouteTiming(const RouteTiming& timing, int places,
                                 int start, int end) {
  std::vector<std::string> problems;
  if (timing.travel.size() != places) {
    problems.push_back(absl::StrCat("timing.travel: has ", timing.travel.size(),
                                    " places, the distance table ", places));
  } else {
    CheckTravel(timing.travel, &problems);
  }
  if (static_cast<int>(timing.nodes.size()) != places) {
    problems.push_back(absl::StrCat("timing.nodes: has ", timing.nodes.size(),
                                    " entries, the distance table ", places,
                                    " places"));
  } else {
    for (int node = 0; node < places; ++node) {
      if (node != start && node != end) CheckNode(node, timing.nodes[node], &problems);
    }
  }
  CheckWindow("timing.shift", timing.shift, &problems);
  if (timing.breaks.size() > static_cast<size_t>(kMaxBreaks)) {
    problems.push_back(absl::StrCat("timing.breaks: ", timing.breaks.size(),
                                    " breaks; at most ", kMaxBreaks,
                                    " are supported"));
  }
  for (size_t b = 0; b < timing.breaks.size(); ++b) {
    const std::string field = absl::StrCat("timing.breaks[", b, "]");
    CheckWindow(field + ".window", timing.breaks[b].window, &problems);
    CheckDuration(field + ".duration_seconds", timing.breaks[b].duration_seconds,
                  &problems);
  }
  if (problems.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrJoin(problems, "; "));
}

}  // namespace callplan::router_internal
