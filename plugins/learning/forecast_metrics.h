// How good a forecast of prescriptions is, as targeting needs it: does it
// rank physicians as they really prescribed (Spearman's rank correlation),
// does its top tenth hold the prescriptions of the real top tenth
// (top-decile capture), and how far off is it (mean absolute error).
#ifndef CALLPLAN_PLUGINS_LEARNING_FORECAST_METRICS_H_
#define CALLPLAN_PLUGINS_LEARNING_FORECAST_METRICS_H_

#include <vector>

namespace callplan::crm::learning {

// Spearman's rho with average ranks for ties; 0 for fewer than two rows
// or a constant side.
double RankCorrelation(const std::vector<double>& forecast,
                       const std::vector<double>& actual);

// Actual prescriptions of the forecast's top tenth (at least one row; ties
// broken by row order) over those of the actual top tenth; 0 when the
// actual top tenth prescribed nothing.
double TopDecileCapture(const std::vector<double>& forecast,
                        const std::vector<double>& actual);

double MeanAbsoluteError(const std::vector<double>& forecast,
                         const std::vector<double>& actual);

}  // namespace callplan::crm::learning

#endif  // CALLPLAN_PLUGINS_LEARNING_FORECAST_METRICS_H_
