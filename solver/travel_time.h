// Travel times in whole seconds between the places of a table, row-major,
// possibly asymmetric: from a road engine's duration matrix, or a distance
// table driven at a speed. Whole seconds keep every schedule exact: a visit
// either starts inside its window or it does not, with no rounding between
// the router, the re-check and the calendar.
#ifndef CALLPLAN_SOLVER_TRAVEL_TIME_H_
#define CALLPLAN_SOLVER_TRAVEL_TIME_H_

#include <cstdint>
#include <vector>

#include "solver/distance.h"

namespace callplan {

// The speed when neither the rep nor the request gives one.
inline constexpr double kDefaultTravelSpeedKmh = 30;

class TravelTimes {
 public:
  TravelTimes() = default;
  // n * n seconds, row-major.
  static TravelTimes FromDense(int n, std::vector<int64_t> seconds);
  // distance / speed, rounded up to whole seconds; `speed_kmh` > 0, with
  // distances read as km (planar units as if they were km).
  static TravelTimes FromDistances(const DistanceTable& table, double speed_kmh);
  // A table whose entries are seconds (DurationMatrix read by DistanceTable),
  // in WholeSeconds.
  static TravelTimes FromDurations(const DistanceTable& seconds);

  int size() const { return size_; }
  bool empty() const { return size_ == 0; }
  int64_t operator()(int from, int to) const {
    return seconds_[static_cast<size_t>(from) * size_ + to];
  }

 private:
  int size_ = 0;
  std::vector<int64_t> seconds_;
};

// distance / speed in whole seconds, rounded up.
int64_t DrivingSeconds(double distance_km, double speed_kmh);
// A travel time given in seconds, rounded up to whole seconds.
int64_t WholeSeconds(double seconds);
// The matrix's durations_seconds as the entries of a matrix over the same
// ids, for DistanceTable to map onto its places as it does distances.
DistanceMatrix DurationMatrix(const DistanceMatrix& matrix);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_TRAVEL_TIME_H_
