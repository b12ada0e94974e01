// Internal to the router: the checks a day's time dimension must pass before
// any routing, every problem reported at once, each naming its field
// ("timing.nodes[3].windows[1] (10:00-09:00): ends before it starts").
// The start and end nodes' windows and service are ignored, so not checked.
#ifndef CALLPLAN_SOLVER_ROUTER_TIMING_VALIDATION_H_
#define CALLPLAN_SOLVER_ROUTER_TIMING_VALIDATION_H_

#include <cstdint>

#include "absl/status/status.h"
#include "solver/router/router.h"

namespace callplan::router_internal {

// Times, durations and travel times beyond this many seconds (about 31,700
// years) are refused, so sums along a day cannot overflow. A window or
// shift end of std::numeric_limits<int64_t>::max() means "no end".
inline constexpr int64_t kMaxTimeMagnitude = 1'000'000'000'000;

// `places`: the distance table's size; `start`, `end` valid places.
absl::Status ValidateRouteTiming(const RouteTiming& timing, int places,
                                 int start, int end);

}  // namespace callplan::router_internal

#endif  // CALLPLAN_SOLVER_ROUTER_TIMING_VALIDATION_H_
