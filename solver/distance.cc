#include "solver/distance.h"

#include <cmath>
#include <unordered_map>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace callplan {
namespace {

constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius
constexpr double kPi = 3.14159265358979323846;

double Radians(double degrees) { return degrees * kPi / 180.0; }

}  // namespace

double DistanceTable::Geometric(const Location& a, const Location& b) {
  if (const auto* pa = std::get_if<PlanarPoint>(&a)) {
    return EuclideanDistance(*pa, std::get<PlanarPoint>(b));
  }
  return HaversineKm(std::get<LatLng>(a), std::get<LatLng>(b));
}

double HaversineKm(const LatLng& a, const LatLng& b) {
  const double dlat = Radians(b.latitude - a.latitude);
  const double dlng = Radians(b.longitude - a.longitude);
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(Radians(a.latitude)) *
                       std::cos(Radians(b.latitude)) * std::sin(dlng / 2) *
                       std::sin(dlng / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

double EuclideanDistance(const PlanarPoint& a, const PlanarPoint& b) {
  // Not std::hypot: its overflow care made it 44% of a 5,000-place Route.
  // Validation keeps coordinates within +-1e9, far from overflowing here.
  const double dx = a.x - b.x, dy = a.y - b.y;
  return std::sqrt(dx * dx + dy * dy);
}

absl::StatusOr<DistanceTable> DistanceTable::ForTerritory(
    const Territory& territory) {
  return ForTerritory(territory, territory.distances);
}

absl::StatusOr<DistanceTable> DistanceTable::ForTerritory(
    const Territory& territory, const DistanceMatrix& matrix) {
  std::vector<std::string> ids;
  std::vector<Location> locations;
  ids.reserve(territory.reps.size() + territory.physicians.size());
  locations.reserve(ids.capacity());
  for (const Rep& rep : territory.reps) {
    ids.push_back(rep.id);
    locations.push_back(rep.home);
  }
  for (const Physician& physician : territory.physicians) {
    ids.push_back(physician.id);
    locations.push_back(physician.location);
  }
  return ForPlaces(ids, locations, matrix);
}

absl::StatusOr<DistanceTable> DistanceTable::ForPlaces(
    const std::vector<std::string>& ids,
    const std::vector<Location>& locations, const DistanceMatrix& matrix) {
  const int n = static_cast<int>(ids.size());
  if (locations.size() != ids.size()) {
    return absl::InvalidArgumentError("places: ids and locations differ in count");
  }
  if (!matrix.empty()) {
    std::vector<double> d(static_cast<size_t>(n) * n, 0.0);
    const size_t m = matrix.ids.size();
    if (matrix.distances.size() != m * m) {
      return absl::InvalidArgumentError(absl::StrCat(
          "distances.distances: expected ", m * m, " entries for ", m,
          " ids, got ", matrix.distances.size()));
    }
    std::unordered_map<std::string, size_t> row;
    for (size_t k = 0; k < m; ++k) row.emplace(matrix.ids[k], k);
    std::vector<size_t> index(n);
    for (int a = 0; a < n; ++a) {
      auto it = row.find(ids[a]);
      if (it == row.end()) {
        return absl::InvalidArgumentError(
            absl::StrCat("distances.ids: missing place \"", ids[a], "\""));
      }
      index[a] = it->second;
    }
    for (int a = 0; a < n; ++a) {
      for (int b = 0; b < n; ++b) {
        d[static_cast<size_t>(a) * n + b] =
            a == b ? 0.0 : matrix.distances[index[a] * m + index[b]];
      }
    }
    return DistanceTable(n, std::move(d), /*symmetric=*/false);
  }
  for (int a = 0; a < n; ++a) {
    if (locations[a].index() != locations[0].index()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "place \"", ids[a],
          "\": mixes planar and lat_lng locations in one request"));
    }
  }
  if (n > kMaxDensePlaces) return DistanceTable(locations);
  std::vector<double> d(static_cast<size_t>(n) * n, 0.0);
  for (int a = 0; a < n; ++a) {
    for (int b = a + 1; b < n; ++b) {
      const double dist = Geometric(locations[a], locations[b]);
      d[static_cast<size_t>(a) * n + b] = dist;
      d[static_cast<size_t>(b) * n + a] = dist;
    }
  }
  return DistanceTable(n, std::move(d), /*symmetric=*/true);
}

DistanceTable DistanceTable::FromDense(int n, std::vector<double> distances) {
  return DistanceTable(n, std::move(distances), /*symmetric=*/false);
}

}  // namespace callplan

namespace callplan {

bool IsMetric(const DistanceTable& table) {
  if (table.symmetric()) return true;  // geometric
  const int n = table.size();
  if (n > kMaxCheckedMetricPlaces) return false;
  for (int a = 0; a < n; ++a) {
    for (int b = 0; b < n; ++b) {
      const double ab = table(a, b);
      for (int c = 0; c < n; ++c) {
        if (table(a, c) > ab + table(b, c) + 1e-9 * (1 + table(a, c))) return false;
      }
    }
  }
  return true;
}

}  // namespace callplan
