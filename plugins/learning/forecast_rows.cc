#include "plugins/learning/forecast_rows.h"

#include <cmath>

namespace callplan::crm::learning {

ForecastRows BuildRows(const MonthlyHistory& history, const FeatureLayout& layout,
                       int first, int last, bool need_target) {
  ForecastRows out;
  out.rows.columns = layout.size();
  for (int at = std::max(first, 0); at <= last && at < history.months; ++at) {
    for (size_t s = 0; s < history.series.size(); ++s) {
      const Series& series = history.series[s];
      const double level = Level(series.prescriptions, at);
      if (std::isnan(level)) continue;
      const double target = need_target ? Target(series, at) : 0;
      if (std::isnan(target)) continue;
      const std::vector<float> row = layout.Row(history, series, at);
      out.rows.Add(row, BaseMargin(level), target);
      out.series.push_back(static_cast<int>(s));
      out.month.push_back(at);
      out.level.push_back(level);
      out.recent.push_back(row[kRecentLevel]);
      out.last_month.push_back(series.prescriptions[at]);
    }
  }
  return out;
}

}  // namespace callplan::crm::learning
