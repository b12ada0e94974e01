#include "plugins/learning/forecast_features.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace callplan::crm::learning {
namespace {

// Mean of the known values in months [from, to]; kUnknown if none.
double MeanOf(const std::vector<double>& values, int from, int to) {
  double sum = 0;
  int known = 0;
  for (int m = std::max(from, 0); m <= to && m < static_cast<int>(values.size()); ++m) {
    if (std::isnan(values[m])) continue;
    sum += values[m];
    ++known;
  }
  return known == 0 ? kUnknown : sum / known;
}

// a / b - 1, or kUnknown when b is unknown or zero.
double Change(double a, double b) {
  if (std::isnan(a) || std::isnan(b) || b <= 0) return kUnknown;
  return a / b - 1;
}

// How much two three-month means of one physician's prescriptions differ,
// each counted with kSteadyingCount more prescriptions: a small
// prescriber's 3 -> 6 is mostly chance, a large one's 30 -> 60 is not, and
// the pseudo-count says so before the model sees it (an empirical-Bayes
// shrinkage toward no change).
constexpr double kSteadyingCount = 15;
double SteadiedChange(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return kUnknown;
  return (3 * a + kSteadyingCount) / (3 * b + kSteadyingCount) - 1;
}

double SumOf(const std::vector<double>& values, int from, int to) {
  double sum = 0;
  for (int m = std::max(from, 0); m <= to; ++m) sum += values[m];
  return sum;
}

std::vector<FeatureSpec> FixedSpecs() {
  return {
      {"trend_3m", "prescriptions of the last three months against the three before",
       Driver::kTrend},
      {"trend_12m",
       "prescriptions of the last three months against the last twelve (steadied as "
       "trend_3m is)",
       Driver::kTrend},
      {"trend_year_on_year",
       "prescriptions of the last three months against the same months a year before "
       "(a trend the season does not move)",
       Driver::kTrend},
      {"last_month_change", "last month's prescriptions against the last three months'",
       Driver::kTrend},
      {"share", "the product's share of the physician's prescriptions of the family",
       Driver::kShare},
      {"calls_3m", "calls detailing the product in the last three months", Driver::kCalls},
      {"calls_last_month", "calls detailing the product last month", Driver::kCalls},
      {"days_since_call", "days since the last call detailing the product",
       Driver::kCalls},
      {"season_month", "month of the year the forecast starts in", Driver::kSeason},
      {"season_ahead",
       "a year before, the product's prescriptions across all physicians over the three "
       "months forecast against the three before them",
       Driver::kSeason},
      {"recent_level",
       "prescriptions a month over the last three months: a small prescriber's change "
       "is more often chance than a large one's",
       Driver::kVolume},
  };
}

}  // namespace

std::string DriverName(Driver driver) {
  switch (driver) {
    case Driver::kTrend: return "trend";
    case Driver::kCalls: return "calls";
    case Driver::kSeason: return "season";
    case Driver::kShare: return "share";
    case Driver::kSpecialty: return "specialty";
    case Driver::kProduct: return "product";
    case Driver::kVolume: return "volume";
  }
  return "";
}

FeatureLayout::FeatureLayout(std::vector<std::string> specialties,
                             std::vector<std::string> products)
    : specialties_(std::move(specialties)),
      products_(std::move(products)),
      features_(FixedSpecs()) {
  for (const std::string& specialty : specialties_) {
    features_.push_back({absl::StrCat("specialty=", specialty),
                         absl::StrCat("the physician's specialty is ", specialty),
                         Driver::kSpecialty});
  }
  for (const std::string& product : products_) {
    features_.push_back({absl::StrCat("product=", product),
                         absl::StrCat("the product is ", product), Driver::kProduct});
  }
}

std::vector<float> FeatureLayout::Row(const MonthlyHistory& history,
                                      const Series& series, int at) const {
  std::vector<float> row(features_.size(), 0.0f);
  const std::vector<double>& rx = series.prescriptions;
  const double recent = MeanOf(rx, at - 2, at);
  row[kTrend3m] = static_cast<float>(SteadiedChange(recent, MeanOf(rx, at - 5, at - 3)));
  row[kTrend12m] = static_cast<float>(SteadiedChange(recent, MeanOf(rx, at - 11, at)));
  row[kTrendYearOnYear] = static_cast<float>(
      at >= 14 ? SteadiedChange(recent, MeanOf(rx, at - 14, at - 12)) : kUnknown);
  row[kLastMonthChange] = static_cast<float>(Change(rx[at], recent));
  const double family = MeanOf(series.family_prescriptions, at - 2, at);
  row[kShare] = static_cast<float>(family > 0 ? recent / family : kUnknown);
  row[kCalls3m] = static_cast<float>(SumOf(series.calls, at - 2, at));
  row[kCallsLastMonth] = static_cast<float>(series.calls[at]);
  const absl::CivilDay month_end = absl::CivilDay(history.MonthAt(at + 1)) - 1;
  const auto after = std::upper_bound(series.call_days.begin(), series.call_days.end(),
                                      month_end);
  row[kDaysSinceCall] = after == series.call_days.begin()
                            ? static_cast<float>(kUnknown)
                            : static_cast<float>(month_end - *std::prev(after));
  row[kSeasonMonth] = static_cast<float>(history.MonthAt(at + 1).month());
  const auto totals = history.product_totals.find(series.product);
  if (totals != history.product_totals.end() && at >= 14) {
    row[kSeasonAhead] = static_cast<float>(Change(MeanOf(totals->second, at - 11, at - 9),
                                                  MeanOf(totals->second, at - 14, at - 12)));
  } else {
    row[kSeasonAhead] = static_cast<float>(kUnknown);
  }
  row[kRecentLevel] = static_cast<float>(recent);
  const auto specialty = std::find(specialties_.begin(), specialties_.end(), series.specialty);
  if (specialty != specialties_.end()) {
    row[kFixedFeatures + (specialty - specialties_.begin())] = 1.0f;
  }
  const auto product = std::find(products_.begin(), products_.end(), series.product);
  if (product != products_.end()) {
    row[kFixedFeatures + specialties_.size() + (product - products_.begin())] = 1.0f;
  }
  return row;
}

double Level(const std::vector<double>& values, int at) {
  if (std::isnan(MeanOf(values, at - 2, at))) return kUnknown;
  return MeanOf(values, at - 11, at);
}

double BaseMargin(double level) { return std::log(kHorizonMonths * level + 0.5); }

double Target(const Series& series, int at) {
  if (at + kHorizonMonths >= static_cast<int>(series.prescriptions.size())) {
    return kUnknown;
  }
  double sum = 0;
  for (int m = at + 1; m <= at + kHorizonMonths; ++m) {
    if (std::isnan(series.prescriptions[m])) return kUnknown;
    sum += series.prescriptions[m];
  }
  return sum;
}

}  // namespace callplan::crm::learning
