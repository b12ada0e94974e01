// Internal to the router: what the rep does at one place, between arriving
// and leaving: the breaks of a set, in any order, some before the service
// and some after it, and the service itself. Everything else in the timed
// router (the evaluation of an order, the exact dynamic programme, the
// reported timetable) is made of these visits.
//
// Forward: given, for each set of breaks already taken, the earliest arrival,
// VisitForward gives for each set the earliest moment the rep can leave
// (a small dynamic programme over (set taken, served yet) at the place).
// Earliest is best: waiting is allowed everywhere, so a schedule that is
// ready sooner can do whatever a later one does. An activity that can no
// longer start inside its window is started at its window's last moment and
// the difference is counted as "time warp" (Nagata, Braysy and Dullaert),
// so an infeasible order gets a lateness to minimise instead of nothing;
// labels compare by (warp, time), and a feasible schedule has warp 0.
//
// Backward: given the latest moment the rep may leave the place with each
// set of breaks still to take, VisitBackward gives the latest arrival.
#ifndef CALLPLAN_SOLVER_ROUTER_PLACE_VISIT_H_
#define CALLPLAN_SOLVER_ROUTER_PLACE_VISIT_H_

#include <cstdint>
#include <vector>

#include "solver/router/timed_problem.h"

namespace callplan::router_internal {

struct Label {
  int64_t warp = kNoEarliest;  // kNoEarliest: state not reached
  int64_t time = kNoEarliest;

  bool reached() const { return warp != kNoEarliest; }
  bool operator<(const Label& other) const {
    return warp < other.warp || (warp == other.warp && time < other.time);
  }
  bool operator==(const Label& other) const {
    return warp == other.warp && time == other.time;
  }
};

// One thing the rep did at a place, as a traced visit rebuilds it.
struct PlaceActivity {
  int break_index = -1;  // -1: the service
  int64_t start_seconds = 0;
  int64_t end_seconds = 0;
};

// How each state of a forward visit was reached, to rebuild what was done.
class PlaceTrace {
 public:
  // The activities, in order, that lead to leaving with the breaks `taken`;
  // `*arrival_taken` receives the set the rep arrived with.
  std::vector<PlaceActivity> Activities(const TimedProblem& problem, int node,
                                        uint32_t taken,
                                        uint32_t* arrival_taken) const;

 private:
  friend struct ForwardVisit;
  struct Step {
    Label label;
    int activity = -2;  // -2: the arrival; -1: the service; else a break
    uint32_t from = 0;  // the set taken before this step
    bool from_served = false;
  };
  std::vector<Step> before_, after_;  // service not yet / done, per set
};

// arrival and ready hold problem.masks() labels each. `node` may be the
// start (breaks only) but not the end.
void VisitForward(const TimedProblem& problem, int node, const Label* arrival,
                  Label* ready, PlaceTrace* trace = nullptr);

// leave and arrive hold problem.masks() times each (kNoLatest: impossible).
void VisitBackward(const TimedProblem& problem, int node,
                   const int64_t* leave, int64_t* arrive);

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_PLACE_VISIT_H_
