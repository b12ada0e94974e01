// The history learned potentials read, month by month: for each physician
// and each product of one family, what was prescribed (prescriptions.csv)
// and the calls that detailed it (visit_history.csv). A call without a
// recorded product details each product of its team. Nothing after
// `until` is read, so a model trained as of a month cannot see the months
// after it (the leakage rule).
#ifndef CALLPLAN_PLUGINS_LEARNING_MONTHLY_HISTORY_H_
#define CALLPLAN_PLUGINS_LEARNING_MONTHLY_HISTORY_H_

#include <limits>
#include <map>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "plugins/crm_bundle.h"
#include "plugins/product_families.h"

namespace callplan::crm::learning {

inline constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

struct Series {
  std::string physician_id;
  std::string product;
  std::string specialty;
  // By month index; kUnknown where prescriptions.csv has no row.
  std::vector<double> prescriptions;
  // What the physician prescribed of the family's products together.
  std::vector<double> family_prescriptions;
  std::vector<double> calls;  // calls detailing the product, by month
  std::vector<absl::CivilDay> call_days;  // sorted
};

struct MonthlyHistory {
  absl::CivilMonth first_month;  // month index 0
  int months = 0;                // 0 = no prescriptions at all
  std::vector<Series> series;    // physicians in bundle order, products sorted
  // Each product's prescriptions across all physicians, by month (the
  // season a product has in this territory).
  std::map<std::string, std::vector<double>> product_totals;

  absl::CivilMonth MonthAt(int index) const { return first_month + index; }
  int IndexOf(absl::CivilMonth month) const {
    return static_cast<int>(month - first_month);
  }
};

// The family's history from the bundle's first month of prescriptions to
// `until` (inclusive). Physician-products without a single row up to then
// have no series.
MonthlyHistory BuildHistory(const CrmBundle& bundle, const ProductFamily& family,
                            absl::CivilMonth until);

// The last month of the bundle's prescriptions (nullopt without any).
std::optional<absl::CivilMonth> LastPrescriptionMonth(const CrmBundle& bundle);

}  // namespace callplan::crm::learning

#endif  // CALLPLAN_PLUGINS_LEARNING_MONTHLY_HISTORY_H_
