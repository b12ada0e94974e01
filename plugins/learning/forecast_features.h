// What a forecast made at the end of one month knows of a physician and
// product: the recent trend of prescriptions, the product's share of the
// physician's prescribing in its family, the calls received and how long
// ago, the season ahead, the specialty and the product. Every value is
// read from months up to the forecast month only (the leakage rule); the
// forecast itself is of the next kHorizonMonths months' prescriptions,
// relative to the physician's level over the last year (Level): a year's
// mean holds every season once and barely moves with one month's chance,
// so the drivers explain what moves a physician away from their own
// year (a rise that goes on, a season, calls), not noise in the base.
#ifndef CALLPLAN_PLUGINS_LEARNING_FORECAST_FEATURES_H_
#define CALLPLAN_PLUGINS_LEARNING_FORECAST_FEATURES_H_

#include <string>
#include <vector>

#include "plugins/learning/monthly_history.h"

namespace callplan::crm::learning {

inline constexpr int kHorizonMonths = 3;
// Months of history a forecast reads: the trend compares the last three
// with the three before.
inline constexpr int kFeatureMonths = 6;

// What a feature tells a rep, in the visit's reason.
enum class Driver { kTrend, kCalls, kSeason, kShare, kSpecialty, kProduct, kVolume };
std::string DriverName(Driver driver);

// Fixed features first, in this order; then one per specialty, one per
// product.
enum FixedFeature {
  kTrend3m = 0,        // last three months against the three before, -1..
  kTrend12m,           // last three months against the last twelve
  kTrendYearOnYear,    // last three months against the same months a year before
  kLastMonthChange,    // last month against the last three
  kShare,              // the product's share of the family's prescriptions
  kCalls3m,            // calls detailing the product, last three months
  kCallsLastMonth,
  kDaysSinceCall,      // to the month's end; unknown = never called
  kSeasonMonth,        // month of year of the first month forecast, 1..12
  kSeasonAhead,        // the product's next three months against these, a year ago
  kRecentLevel,        // prescriptions a month lately: how far a change is chance
  kFixedFeatures
};

struct FeatureSpec {
  std::string name;
  std::string description;
  Driver driver;
};

class FeatureLayout {
 public:
  FeatureLayout(std::vector<std::string> specialties, std::vector<std::string> products);

  const std::vector<FeatureSpec>& features() const { return features_; }
  int size() const { return static_cast<int>(features_.size()); }
  const std::vector<std::string>& specialties() const { return specialties_; }
  const std::vector<std::string>& products() const { return products_; }

  // The series' features for a forecast at the end of month `at`
  // (kUnknown where the history cannot tell). A specialty not seen in
  // training sets no specialty feature.
  std::vector<float> Row(const MonthlyHistory& history, const Series& series,
                         int at) const;

 private:
  std::vector<std::string> specialties_;
  std::vector<std::string> products_;
  std::vector<FeatureSpec> features_;
};

// Mean of the known months among the twelve up to `at`, with at least one
// of the last three known; kUnknown otherwise (the physician has stopped
// appearing in the export).
double Level(const std::vector<double>& values, int at);

// The forecast's starting point: log of the horizon's prescriptions at the
// level (XGBoost's base margin; the model learns the change).
double BaseMargin(double level);

// Prescriptions over the horizon after month `at`; kUnknown unless every
// month is known.
double Target(const Series& series, int at);

}  // namespace callplan::crm::learning

#endif  // CALLPLAN_PLUGINS_LEARNING_FORECAST_FEATURES_H_
