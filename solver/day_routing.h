// Routing every rep's day of an assignment and judging each route against
// the rep's real caps (internal to the plan loop): the route cap and, on a
// day with a time dimension, the shift, the breaks and the physicians'
// hours (the router places every visit and break in time).
#ifndef CALLPLAN_SOLVER_DAY_ROUTING_H_
#define CALLPLAN_SOLVER_DAY_ROUTING_H_

#include <vector>

#include "absl/status/statusor.h"
#include "solver/assignment/problem.h"
#include "solver/distance.h"
#include "solver/rep_route.h"
#include "solver/route_learning.h"
#include "solver/solve_options.h"
#include "solver/time_dimension.h"

namespace callplan {

struct RoutedDay {
  std::vector<RepRoute> routes;  // per rep
  std::vector<RouteFit> fits;    // per rep
  std::vector<int> misfits;      // reps whose route does not fit
};

class DayRouter {
 public:
  // `table` is the territory's (homes, then physicians); `time` its time
  // dimension or null. All must outlive this object.
  DayRouter(const DistanceTable& table, const AssignmentProblem& problem,
            const TimeDimension* time, const SolveControl& control);

  absl::StatusOr<RoutedDay> RouteAll(const RepVisits& visits) const;
  // Rep `rep`'s route over `physicians` (the router's own order), exact up
  // to the router's exact size.
  absl::StatusOr<RepRoute> Route(int rep, const std::vector<int>& physicians) const;
  // The route judged against the rep's caps.
  RouteFit FitOf(int rep, const RepRoute& route) const;
  // Route + FitOf, for SmallestMisfit.
  FitTest FitTestFor(int rep) const;
  // On a day without time, whether at most three visits surely fit the
  // rep's route cap: the shortest of their few orders, home to home, is
  // within it. False means "ask FitTestFor", not "does not fit".
  bool SurelyFits(int rep, const std::vector<int>& physicians) const;

 private:
  // Why a timed route does not fit, in a manager's words.
  std::string WhyLate(int rep, const RepRoute& route) const;

  const DistanceTable& table_;
  const AssignmentProblem& problem_;
  const TimeDimension* time_;
  RouteOptions options_;
};

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_DAY_ROUTING_H_
