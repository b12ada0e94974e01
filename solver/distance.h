// Distances between the places of a territory-day, computed once per solve.
//
// Places are numbered rep homes first (0..R-1, request order), then
// physicians (R..R+P-1). A distance comes from the explicit matrix when the
// territory carries one, else from geometry: Euclidean for planar points,
// haversine kilometres for latitude/longitude. Mixed kinds are an error.
#ifndef CALLPLAN_SOLVER_DISTANCE_H_
#define CALLPLAN_SOLVER_DISTANCE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "solver/territory.h"

namespace callplan {

double HaversineKm(const LatLng& a, const LatLng& b);
double EuclideanDistance(const PlanarPoint& a, const PlanarPoint& b);

class DistanceTable {
 public:
  // Places: the reps' homes, then the physicians.
  static absl::StatusOr<DistanceTable> ForTerritory(const Territory& territory);

  // Arbitrary named places; `matrix` (may be empty) overrides geometry and
  // must then name every id.
  static absl::StatusOr<DistanceTable> ForPlaces(
      const std::vector<std::string>& ids,
      const std::vector<Location>& locations, const DistanceMatrix& matrix);

  // A ready dense matrix, row-major, size n*n.
  static DistanceTable FromDense(int n, std::vector<double> distances);

  int size() const { return size_; }
  double operator()(int from, int to) const {
    return distances_[static_cast<size_t>(from) * size_ + to];
  }

 private:
  DistanceTable(int size, std::vector<double> distances)
      : size_(size), distances_(std::move(distances)) {}

  int size_ = 0;
  std::vector<double> distances_;
};

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_DISTANCE_H_
