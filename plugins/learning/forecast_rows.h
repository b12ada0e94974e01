// The rows a family's model learns from or scores: one per series and
// forecast month, with the features, the base margin (the year's level)
// and the target (what was prescribed over the horizon after it). A series
// is left out of a month when its level is unknown, and out of training
// when its target is.
#ifndef CALLPLAN_PLUGINS_LEARNING_FORECAST_ROWS_H_
#define CALLPLAN_PLUGINS_LEARNING_FORECAST_ROWS_H_

#include <vector>

#include "plugins/learning/booster.h"
#include "plugins/learning/forecast_features.h"
#include "plugins/learning/monthly_history.h"

namespace callplan::crm::learning {

struct ForecastRows {
  Rows rows;
  // Per row: its series (index into history.series), forecast month, the
  // monthly level over the year (Level) and over the last three months,
  // and last month's prescriptions.
  std::vector<int> series;
  std::vector<int> month;
  std::vector<double> level;
  std::vector<double> recent;
  std::vector<double> last_month;
};

// Rows of the forecast months [first, last]; with `need_target` only rows
// whose target is known, labelled with it.
ForecastRows BuildRows(const MonthlyHistory& history, const FeatureLayout& layout,
                       int first, int last, bool need_target);

}  // namespace callplan::crm::learning

#endif  // CALLPLAN_PLUGINS_LEARNING_FORECAST_ROWS_H_
