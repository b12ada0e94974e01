#include "solver/router/place_visit.h"

#include <algorithm>
#include <array>
#include <vector>

namespace callplan::router_internal {
namespace {

Label AfterBreak(const Break& pause, const Label& from) {
  int64_t start = std::max(from.time, pause.window.start_seconds);
  int64_t warp = from.warp;
  if (start > pause.window.end_seconds) {
    warp += start - pause.window.end_seconds;
    start = pause.window.end_seconds;
  }
  return {warp, start + pause.duration_seconds};
}

Label AfterService(const TimedProblem& problem, int node, const Label& from) {
  const std::vector<TimeWindow>& windows = problem.windows(node);
  int64_t start = EarliestStart(windows, from.time);
  int64_t warp = from.warp;
  if (start == kNoEarliest) {
    start = windows.back().end_seconds;
    warp += from.time - start;
  }
  return {warp, start + problem.service(node)};
}

}  // namespace

// The visit's dynamic programme. Every step adds a break to the set or
// serves, so states in increasing mask order, "before" ahead of "after",
// see all their predecessors final.
struct ForwardVisit {
  static void Run(const TimedProblem& problem, int node, const Label* arrival,
                  Label* ready, PlaceTrace* trace) {
    const int masks = problem.masks();
    const int breaks = problem.breaks();
    std::array<Label, 1 << kMaxBreaks> before, after;
    if (trace) {
      trace->before_.resize(masks);
      trace->after_.resize(masks);
    }
    for (int m = 0; m < masks; ++m) {
      before[m] = arrival[m];
      after[m] = Label{};
      if (trace) trace->before_[m] = {arrival[m], -2, static_cast<uint32_t>(m), false};
    }
    auto relax = [&](std::array<Label, 1 << kMaxBreaks>& states, bool served,
                     uint32_t to, const Label& label, int activity,
                     uint32_t from, bool from_served) {
      if (!(label < states[to])) return;
      states[to] = label;
      if (trace) {
        (served ? trace->after_ : trace->before_)[to] = {label, activity, from,
                                                         from_served};
      }
    };
    for (int m = 0; m < masks; ++m) {
      const uint32_t mask = static_cast<uint32_t>(m);
      if (before[m].reached()) {
        for (int b = 0; b < breaks; ++b) {
          if (mask & (1u << b)) continue;
          relax(before, false, mask | (1u << b),
                AfterBreak(problem.break_at(b), before[m]), b, mask, false);
        }
        relax(after, true, mask, AfterService(problem, node, before[m]), -1,
              mask, false);
      }
      if (!after[m].reached()) continue;
      for (int b = 0; b < breaks; ++b) {
        if (mask & (1u << b)) continue;
        relax(after, true, mask | (1u << b),
              AfterBreak(problem.break_at(b), after[m]), b, mask, true);
      }
    }
    std::copy(after.begin(), after.begin() + masks, ready);
  }
};

void VisitForward(const TimedProblem& problem, int node, const Label* arrival,
                  Label* ready, PlaceTrace* trace) {
  if (problem.breaks() == 0 && trace == nullptr) {  // the common day
    ready[0] = arrival[0].reached() ? AfterService(problem, node, arrival[0])
                                    : Label{};
    return;
  }
  ForwardVisit::Run(problem, node, arrival, ready, trace);
}

std::vector<PlaceActivity> PlaceTrace::Activities(
    const TimedProblem& problem, int node, uint32_t taken,
    uint32_t* arrival_taken) const {
  std::vector<PlaceActivity> reversed;
  uint32_t mask = taken;
  bool served = true;
  while (true) {
    const Step& step = served ? after_[mask] : before_[mask];
    if (step.activity == -2) break;
    const int64_t duration = step.activity < 0
                                 ? problem.service(node)
                                 : problem.break_at(step.activity).duration_seconds;
    reversed.push_back(
        {step.activity, step.label.time - duration, step.label.time});
    mask = step.from;
    served = step.from_served;
  }
  *arrival_taken = mask;
  return std::vector<PlaceActivity>(reversed.rbegin(), reversed.rend());
}

void VisitBackward(const TimedProblem& problem, int node,
                   const int64_t* leave, int64_t* arrive) {
  const int masks = problem.masks();
  const int breaks = problem.breaks();
  // after[m]: the latest moment, served, with the breaks m still to take.
  std::array<int64_t, 1 << kMaxBreaks> after, before;
  for (int m = 0; m < masks; ++m) {
    int64_t latest = leave[m];
    for (int b = 0; b < breaks; ++b) {
      if ((m & (1 << b)) == 0 || after[m ^ (1 << b)] == kNoLatest) continue;
      const Break& pause = problem.break_at(b);
      latest = std::max(latest, LatestStart(pause.window, pause.duration_seconds,
                                            after[m ^ (1 << b)]));
    }
    after[m] = latest;
  }
  for (int m = 0; m < masks; ++m) {
    int64_t latest = after[m] == kNoLatest
                         ? kNoLatest
                         : LatestStart(problem.windows(node),
                                       problem.service(node), after[m]);
    for (int b = 0; b < breaks; ++b) {
      if ((m & (1 << b)) == 0 || before[m ^ (1 << b)] == kNoLatest) continue;
      const Break& pause = problem.break_at(b);
      latest = std::max(latest, LatestStart(pause.window, pause.duration_seconds,
                                            before[m ^ (1 << b)]));
    }
    before[m] = latest;
  }
  std::copy(before.begin(), before.begin() + masks, arrive);
}

}  // namespace callplan::router_internal
