// The held-out metrics on hand-made numbers whose answers are known.
#include "plugins/learning/forecast_metrics.h"

#include "gtest/gtest.h"

namespace callplan::crm::learning {
namespace {

TEST(ForecastMetricsTest, RankCorrelationIsSpearmansWithTiesAveraged) {
  EXPECT_DOUBLE_EQ(RankCorrelation({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
  EXPECT_DOUBLE_EQ(RankCorrelation({1, 2, 3, 4}, {40, 30, 20, 10}), -1.0);
  // Ranks 1, 2.5, 2.5, 4 against 1, 2, 3, 4: rho = 0.9486...
  EXPECT_NEAR(RankCorrelation({1, 5, 5, 9}, {1, 2, 3, 4}), 0.948683, 1e-6);
  EXPECT_EQ(RankCorrelation({3, 3, 3}, {1, 2, 3}), 0);  // a constant forecast ranks nothing
  EXPECT_EQ(RankCorrelation({1}, {1}), 0);
}

TEST(ForecastMetricsTest, TopDecileCaptureComparesWithTheRealTopTenth) {
  std::vector<double> actual, right, wrong;
  for (int k = 1; k <= 20; ++k) {
    actual.push_back(k);
    right.push_back(k * 2.0);
    wrong.push_back(-k);
  }
  EXPECT_DOUBLE_EQ(TopDecileCapture(right, actual), 1.0);
  // The real top two prescribed 19 + 20; the reversed forecast picks 1 + 2.
  EXPECT_DOUBLE_EQ(TopDecileCapture(wrong, actual), 3.0 / 39.0);
  EXPECT_EQ(TopDecileCapture({1, 2}, {0, 0}), 0);
}

TEST(ForecastMetricsTest, MeanAbsoluteError) {
  EXPECT_DOUBLE_EQ(MeanAbsoluteError({1, 2, 3}, {2, 2, 5}), 1.0);
  EXPECT_EQ(MeanAbsoluteError({}, {}), 0);
}

}  // namespace
}  // namespace callplan::crm::learning
