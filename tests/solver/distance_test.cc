#include "solver/distance.h"

#include "gtest/gtest.h"

namespace callplan {
namespace {

TEST(HaversineKm, MatchesKnownCityDistance) {
  // Paris to London, about 343.5 km great-circle.
  EXPECT_NEAR(HaversineKm({48.8566, 2.3522}, {51.5074, -0.1278}), 343.5, 1.0);
  EXPECT_DOUBLE_EQ(HaversineKm({10, 10}, {10, 10}), 0.0);
}

TEST(DistanceTable, PlacesRepsFirstThenPhysicians) {
  Territory t;
  Rep rep;
  rep.id = "R1";
  rep.home = PlanarPoint{0, 0};
  t.reps.push_back(rep);
  Physician ph;
  ph.id = "P1";
  ph.location = PlanarPoint{3, 4};
  t.physicians.push_back(ph);
  absl::StatusOr<DistanceTable> table = DistanceTable::ForTerritory(t);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->size(), 2);
  EXPECT_DOUBLE_EQ((*table)(0, 1), 5.0);
  EXPECT_DOUBLE_EQ((*table)(1, 0), 5.0);
}

TEST(DistanceTable, RejectsMixedKindsAndIncompleteMatrices) {
  EXPECT_FALSE(DistanceTable::ForPlaces({"a", "b"},
                                        {PlanarPoint{0, 0}, LatLng{0, 0}}, {})
                   .ok());
  DistanceMatrix matrix;
  matrix.ids = {"a"};
  matrix.distances = {0};
  absl::StatusOr<DistanceTable> table = DistanceTable::ForPlaces(
      {"a", "b"}, {PlanarPoint{}, PlanarPoint{}}, matrix);
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.status().message().find("missing place \"b\""),
            std::string::npos);
  matrix.ids = {"a", "b"};
  matrix.distances = {0, 1, 1};
  EXPECT_FALSE(DistanceTable::ForPlaces({"a", "b"}, {PlanarPoint{}, PlanarPoint{}},
                                        matrix)
                   .ok());
}

}  // namespace
}  // namespace callplan
