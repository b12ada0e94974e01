#include "plugins/learning/monthly_history.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <utility>

#include "plugins/crm_fields.h"

namespace callplan::crm::learning {
namespace {

bool InFamily(const ProductFamily& family, const std::string& product) {
  return std::binary_search(family.products.begin(), family.products.end(), product);
}

std::optional<absl::CivilMonth> FirstMonth(const CrmBundle& bundle,
                                           const ProductFamily& family,
                                           absl::CivilMonth until) {
  std::optional<absl::CivilMonth> first;
  for (const CrmPrescriptions& entry : bundle.prescriptions) {
    const absl::StatusOr<absl::CivilMonth> month = ParseMonth(entry.month);
    if (!month.ok() || *month > until || !InFamily(family, entry.product)) continue;
    if (!first || *month < *first) first = *month;
  }
  return first;
}

// Adds each call of the family's team up to `until` to the series of the
// products it detailed.
void AddCalls(const CrmBundle& bundle, const ProductFamily& family,
              MonthlyHistory& history,
              const std::map<std::pair<std::string, std::string>, size_t>& index) {
  for (const CrmPastVisit& visit : bundle.visit_history) {
    if (visit.team_id != family.id) continue;
    const absl::StatusOr<absl::CivilDay> day = ParseDate(visit.date);
    if (!day.ok()) continue;
    const int month = history.IndexOf(absl::CivilMonth(*day));
    if (month >= history.months) continue;
    for (const std::string& product : family.products) {
      if (!visit.product.empty() && visit.product != product) continue;
      const auto it = index.find({visit.physician_id, product});
      if (it == index.end()) continue;
      Series& series = history.series[it->second];
      series.call_days.push_back(*day);
      if (month >= 0) series.calls[month] += 1;
    }
  }
  for (Series& series : history.series) {
    std::sort(series.call_days.begin(), series.call_days.end());
  }
}

void AddFamilyTotals(MonthlyHistory& history) {
  std::map<std::string, std::vector<double>> totals;
  for (const Series& series : history.series) {
    std::vector<double>& total = totals[series.physician_id];
    total.resize(history.months, kUnknown);
    for (int m = 0; m < history.months; ++m) {
      if (std::isnan(series.prescriptions[m])) continue;
      total[m] = (std::isnan(total[m]) ? 0 : total[m]) + series.prescriptions[m];
    }
  }
  for (Series& series : history.series) {
    series.family_prescriptions = totals[series.physician_id];
    std::vector<double>& product = history.product_totals[series.product];
    product.resize(history.months, 0.0);
    for (int m = 0; m < history.months; ++m) {
      if (!std::isnan(series.prescriptions[m])) product[m] += series.prescriptions[m];
    }
  }
}

}  // namespace

MonthlyHistory BuildHistory(const CrmBundle& bundle, const ProductFamily& family,
                            absl::CivilMonth until) {
  MonthlyHistory history;
  const std::optional<absl::CivilMonth> first = FirstMonth(bundle, family, until);
  if (!first) return history;
  history.first_month = *first;
  history.months = static_cast<int>(until - *first) + 1;
  std::map<std::pair<std::string, std::string>, std::vector<double>> counts;
  for (const CrmPrescriptions& entry : bundle.prescriptions) {
    const absl::StatusOr<absl::CivilMonth> month = ParseMonth(entry.month);
    if (!month.ok() || *month > until || !InFamily(family, entry.product)) continue;
    std::vector<double>& series = counts[{entry.physician_id, entry.product}];
    series.resize(history.months, kUnknown);
    series[history.IndexOf(*month)] = static_cast<double>(entry.prescriptions);
  }
  std::map<std::pair<std::string, std::string>, size_t> index;
  for (const CrmPhysician& physician : bundle.physicians) {
    for (const std::string& product : family.products) {
      auto it = counts.find({physician.id, product});
      if (it == counts.end()) continue;
      index[it->first] = history.series.size();
      history.series.push_back({physician.id, product, physician.specialty,
                                std::move(it->second), {},
                                std::vector<double>(history.months, 0.0), {}});
    }
  }
  AddCalls(bundle, family, history, index);
  AddFamilyTotals(history);
  return history;
}

std::optional<absl::CivilMonth> LastPrescriptionMonth(const CrmBundle& bundle) {
  std::optional<absl::CivilMonth> last;
  for (const CrmPrescriptions& entry : bundle.prescriptions) {
    const absl::StatusOr<absl::CivilMonth> month = ParseMonth(entry.month);
    if (month.ok() && (!last || *month > *last)) last = *month;
  }
  return last;
}

}  // namespace callplan::crm::learning
