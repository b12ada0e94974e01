#include "solver/router/timetable.h"

#include <algorithm>
#include <vector>

#include "solver/router/place_visit.h"
#include "solver/router/schedule.h"

namespace callplan::router_internal {
namespace {

// leave[m] at the start: the latest departure from home that still brings
// the rep back by `back` with the breaks m to take on the way.
std::vector<int64_t> LatestDepartures(const TimedProblem& problem,
                                      const std::vector<int>& order,
                                      int64_t back) {
  const int size = static_cast<int>(order.size());
  const int masks = problem.masks();
  std::vector<int64_t> leave(masks, kNoLatest), arrive(masks);
  leave[0] = back - problem.travel(order[size - 2], problem.end());
  for (int p = size - 2; p >= 1; --p) {
    VisitBackward(problem, order[p], leave.data(), arrive.data());
    const int64_t travel = problem.travel(order[p - 1], order[p]);
    for (int m = 0; m < masks; ++m) {
      leave[m] = arrive[m] == kNoLatest ? kNoLatest : arrive[m] - travel;
    }
  }
  return leave;
}

struct Departure {
  int64_t seconds = kNoLatest;
  uint32_t taken_at_home = 0;
};

Departure LatestDeparture(const TimedProblem& problem,
                          const std::vector<int64_t>& leave,
                          const Label* ready_at_home) {
  Departure best;
  for (int m = 0; m < problem.masks(); ++m) {
    const uint32_t taken = problem.all_breaks() ^ static_cast<uint32_t>(m);
    const Label& home = ready_at_home[taken];
    if (leave[m] == kNoLatest || !home.reached() || home.warp != 0 ||
        home.time > leave[m] || leave[m] <= best.seconds) {
      continue;
    }
    best = {leave[m], taken};
  }
  return best;
}

// One place of the reported day, rebuilt from its trace.
void Report(int position, int64_t arrival, const std::vector<PlaceActivity>& activities,
            Route* route) {
  TimedStop& stop = route->times[position];
  stop.arrival_seconds = arrival;
  int64_t breaks_before = 0;
  bool served = false;
  for (const PlaceActivity& activity : activities) {
    if (activity.break_index < 0) {
      stop.start_seconds = activity.start_seconds;
      stop.end_seconds = activity.end_seconds;
      served = true;
      continue;
    }
    if (!served) breaks_before += activity.end_seconds - activity.start_seconds;
    route->breaks.push_back({activity.break_index, position,
                             activity.start_seconds, activity.end_seconds});
  }
  if (position == 0 || !served) {  // home: no service of its own
    stop.start_seconds = stop.end_seconds = arrival;
    return;
  }
  stop.wait_seconds = stop.start_seconds - arrival - breaks_before;
}

}  // namespace

bool FillTimetable(const TimedProblem& problem, const std::vector<int>& order,
                   Route* route) {
  ScheduleEvaluator earliest(problem);
  earliest.Set(order);
  if (earliest.cost().warp != 0) return false;
  const int size = static_cast<int>(order.size());
  const int masks = problem.masks();
  const Departure departure = LatestDeparture(
      problem, LatestDepartures(problem, order, earliest.cost().return_seconds),
      earliest.labels(0));
  if (departure.seconds == kNoLatest) return false;  // cannot happen

  // Forward again from that departure, traced.
  std::vector<PlaceTrace> traces(size);
  std::vector<Label> arrivals(static_cast<size_t>(size) * masks);
  std::vector<Label> ready(masks), home(masks), next(masks);
  std::vector<Label> start(masks, Label{});
  start[0] = {0, problem.shift().start_seconds};
  VisitForward(problem, order[0], start.data(), home.data(), &traces[0]);
  ready[departure.taken_at_home] = {0, departure.seconds};
  for (int p = 1; p < size; ++p) {
    const int64_t travel = problem.travel(order[p - 1], order[p]);
    Label* arrival = &arrivals[static_cast<size_t>(p) * masks];
    for (int m = 0; m < masks; ++m) {
      arrival[m] = ready[m].reached() ? Label{ready[m].warp, ready[m].time + travel}
                                      : Label{};
    }
    if (p == size - 1) break;
    VisitForward(problem, order[p], arrival, next.data(), &traces[p]);
    ready.swap(next);
  }
  const Label back = arrivals[static_cast<size_t>(size - 1) * masks + problem.all_breaks()];
  if (!back.reached() || back.warp != 0 || back.time > problem.shift().end_seconds) {
    return false;  // cannot happen: the backward pass promised this return
  }

  route->times.assign(size, TimedStop{});
  route->breaks.clear();
  uint32_t taken = problem.all_breaks();
  for (int p = size - 2; p >= 1; --p) {
    uint32_t arrival_taken = 0;
    const std::vector<PlaceActivity> activities =
        traces[p].Activities(problem, order[p], taken, &arrival_taken);
    Report(p, arrivals[static_cast<size_t>(p) * masks + arrival_taken].time,
           activities, route);
    taken = arrival_taken;
  }
  uint32_t none = 0;
  Report(0, departure.seconds,
         traces[0].Activities(problem, order[0], taken, &none), route);
  route->times[size - 1] = {back.time, back.time, back.time, 0};
  std::sort(route->breaks.begin(), route->breaks.end(),
            [](const PlacedBreak& a, const PlacedBreak& b) {
              return a.start_seconds < b.start_seconds;
            });
  route->departure_seconds = departure.seconds;
  route->return_seconds = back.time;
  return true;
}

}  // namespace callplan::router_internal
