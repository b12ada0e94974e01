#include "plugins/learning/forecast_metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace callplan::crm::learning {
namespace {

// 1-based ranks, ties sharing their average rank.
std::vector<double> Ranks(const std::vector<double>& values) {
  std::vector<size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (size_t start = 0; start < order.size();) {
    size_t end = start;
    while (end + 1 < order.size() && values[order[end + 1]] == values[order[start]]) ++end;
    const double rank = (start + end) / 2.0 + 1;
    for (size_t k = start; k <= end; ++k) ranks[order[k]] = rank;
    start = end + 1;
  }
  return ranks;
}

double Pearson(const std::vector<double>& a, const std::vector<double>& b) {
  const double n = static_cast<double>(a.size());
  const double mean_a = std::accumulate(a.begin(), a.end(), 0.0) / n;
  const double mean_b = std::accumulate(b.begin(), b.end(), 0.0) / n;
  double cov = 0, var_a = 0, var_b = 0;
  for (size_t k = 0; k < a.size(); ++k) {
    cov += (a[k] - mean_a) * (b[k] - mean_b);
    var_a += (a[k] - mean_a) * (a[k] - mean_a);
    var_b += (b[k] - mean_b) * (b[k] - mean_b);
  }
  if (var_a <= 0 || var_b <= 0) return 0;
  return cov / std::sqrt(var_a * var_b);
}

// Sum of `actual` over the first `count` rows when sorted by `key`, highest first.
double TopSum(const std::vector<double>& key, const std::vector<double>& actual,
              size_t count) {
  std::vector<size_t> order(key.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return key[a] > key[b]; });
  double sum = 0;
  for (size_t k = 0; k < count && k < order.size(); ++k) sum += actual[order[k]];
  return sum;
}

}  // namespace

double RankCorrelation(const std::vector<double>& forecast,
                       const std::vector<double>& actual) {
  if (forecast.size() < 2 || forecast.size() != actual.size()) return 0;
  return Pearson(Ranks(forecast), Ranks(actual));
}

double TopDecileCapture(const std::vector<double>& forecast,
                        const std::vector<double>& actual) {
  if (forecast.empty() || forecast.size() != actual.size()) return 0;
  const size_t count = std::max<size_t>(1, (forecast.size() + 5) / 10);
  const double best = TopSum(actual, actual, count);
  return best > 0 ? TopSum(forecast, actual, count) / best : 0;
}

double MeanAbsoluteError(const std::vector<double>& forecast,
                         const std::vector<double>& actual) {
  if (forecast.empty() || forecast.size() != actual.size()) return 0;
  double sum = 0;
  for (size_t k = 0; k < forecast.size(); ++k) sum += std::abs(forecast[k] - actual[k]);
  return sum / static_cast<double>(forecast.size());
}

}  // namespace callplan::crm::learning
