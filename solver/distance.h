// Distances between the places of a territory-day, computed once per solve.
//
// Places are numbered rep homes first (0..R-1, request order), then
// physicians (R..R+P-1). A distance comes from the explicit matrix when the
// territory carries one, else from geometry: Euclidean for planar points,
// haversine kilometres for latitude/longitude. Mixed kinds are an error.
// Geometric tables of more than kMaxDensePlaces places are not stored but
// computed on each lookup: a dense table of the 5,000 places a Route may
// have is 200 MB, of a 10,500-place PlanDay 880 MB (issue 10, finding 1).
// Callers that read distances in inner loops copy what they need (the
// router's PathProblem, the assignment's home distances).
#ifndef CALLPLAN_SOLVER_DISTANCE_H_
#define CALLPLAN_SOLVER_DISTANCE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "solver/territory.h"

namespace callplan {

double HaversineKm(const LatLng& a, const LatLng& b);

class DistanceTable;
// d(a, c) <= d(a, b) + d(b, c) for all places: true for geometric tables;
// checked for an explicit matrix of up to kMaxCheckedMetricPlaces places
// (O(n^3)), and assumed false beyond, so that nothing is concluded from it
// that the matrix might not bear out.
inline constexpr int kMaxCheckedMetricPlaces = 300;
bool IsMetric(const DistanceTable& table);
double EuclideanDistance(const PlanarPoint& a, const PlanarPoint& b);

class DistanceTable {
 public:
  // Places: the reps' homes, then the physicians.
  static absl::StatusOr<DistanceTable> ForTerritory(const Territory& territory);
  // The same places with another matrix over them (the travel times of
  // DistanceMatrix::durations_seconds, read as a table).
  static absl::StatusOr<DistanceTable> ForTerritory(const Territory& territory,
                                                    const DistanceMatrix& matrix);

  // Arbitrary named places; `matrix` (may be empty) overrides geometry and
  // must then name every id.
  static absl::StatusOr<DistanceTable> ForPlaces(
      const std::vector<std::string>& ids,
      const std::vector<Location>& locations, const DistanceMatrix& matrix);

  // A ready dense matrix, row-major, size n*n.
  static DistanceTable FromDense(int n, std::vector<double> distances);

  static constexpr int kMaxDensePlaces = 1500;  // 18 MB of doubles

  int size() const { return size_; }
  // True for tables computed from geometry; a matrix may be asymmetric.
  bool symmetric() const { return symmetric_; }
  double operator()(int from, int to) const {
    if (locations_.empty()) {
      return distances_[static_cast<size_t>(from) * size_ + to];
    }
    return from == to ? 0.0 : Geometric(locations_[from], locations_[to]);
  }

 private:
  DistanceTable(int size, std::vector<double> distances, bool symmetric)
      : size_(size), symmetric_(symmetric), distances_(std::move(distances)) {}
  explicit DistanceTable(std::vector<Location> locations)
      : size_(static_cast<int>(locations.size())),
        symmetric_(true),
        locations_(std::move(locations)) {}
  static double Geometric(const Location& a, const Location& b);

  int size_ = 0;
  bool symmetric_ = false;
  std::vector<double> distances_;  // dense, row-major; empty when lazy
  std::vector<Location> locations_;  // lazy geometric tables only
};

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_DISTANCE_H_
