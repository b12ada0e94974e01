// A forecast's drivers in words a rep can read: the features' SHAP
// contributions (XGBoost's pred_contribs) summed by driver (trend, calls,
// season, share, specialty, product), the strongest first, each said with
// the fact behind it and what it does to the forecast:
//   "forecast 126 Glucora prescriptions in 3 months (42 a month lately):
//    prescriptions up 34% over three months (+9%); last called 41 days
//    ago (-4%)"
#ifndef CALLPLAN_PLUGINS_LEARNING_DRIVER_WORDS_H_
#define CALLPLAN_PLUGINS_LEARNING_DRIVER_WORDS_H_

#include <string>
#include <vector>

#include "plugins/learning/forecast_features.h"

namespace callplan::crm::learning {

// A driver and its effect on the forecast: exp(sum of its features'
// contributions) - 1, so 0.09 = 9% more.
struct DriverEffect {
  Driver driver;
  double effect = 0;
  int strongest_feature = 0;  // the driver's feature contributing most
};

// Drivers moving the forecast by at least 2%, strongest first, at most
// three.
std::vector<DriverEffect> TopDrivers(const FeatureLayout& layout,
                                     const std::vector<float>& contributions);

struct ForecastFacts {
  std::string product;
  std::string specialty;
  double forecast = 0;          // prescriptions over the horizon
  double recent = 0;            // a month, the last three months
  double level = 0;             // a month, over the year
  std::vector<float> features;  // the row the model read
};

std::string DriverWords(const DriverEffect& driver, const ForecastFacts& facts);

// The whole explanation, as in the header comment.
std::string ExplainForecast(const FeatureLayout& layout, const ForecastFacts& facts,
                            const std::vector<float>& contributions);

}  // namespace callplan::crm::learning

#endif  // CALLPLAN_PLUGINS_LEARNING_DRIVER_WORDS_H_
