#include "solver/travel_time.h"

#include <cmath>

namespace callplan {

int64_t DrivingSeconds(double distance_km, double speed_kmh) {
  // The 1e-9 keeps 30 km at 30 km/h at 3600 s, not 3601 after rounding.
  return static_cast<int64_t>(std::ceil(distance_km / speed_kmh * 3600.0 - 1e-9));
}

int64_t WholeSeconds(double seconds) {
  return static_cast<int64_t>(std::ceil(seconds - 1e-9));
}

DistanceMatrix DurationMatrix(const DistanceMatrix& matrix) {
  DistanceMatrix seconds;
  seconds.ids = matrix.ids;
  seconds.distances = matrix.durations_seconds;
  return seconds;
}

TravelTimes TravelTimes::FromDurations(const DistanceTable& seconds) {
  const int n = seconds.size();
  std::vector<int64_t> whole(static_cast<size_t>(n) * n);
  for (int from = 0; from < n; ++from) {
    for (int to = 0; to < n; ++to) {
      whole[static_cast<size_t>(from) * n + to] =
          from == to ? 0 : WholeSeconds(seconds(from, to));
    }
  }
  return FromDense(n, std::move(whole));
}

TravelTimes TravelTimes::FromDense(int n, std::vector<int64_t> seconds) {
  TravelTimes times;
  times.size_ = n;
  times.seconds_ = std::move(seconds);
  return times;
}

TravelTimes TravelTimes::FromDistances(const DistanceTable& table,
                                       double speed_kmh) {
  const int n = table.size();
  std::vector<int64_t> seconds(static_cast<size_t>(n) * n);
  for (int from = 0; from < n; ++from) {
    for (int to = 0; to < n; ++to) {
      seconds[static_cast<size_t>(from) * n + to] =
          from == to ? 0 : DrivingSeconds(table(from, to), speed_kmh);
    }
  }
  return FromDense(n, std::move(seconds));
}

}  // namespace callplan
