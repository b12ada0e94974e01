#include "plugins/learning/scoring.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "absl/strings/str_cat.h"
#include "plugins/learning/forecast_rows.h"
#include "plugins/learning/segments.h"
#include "plugins/product_families.h"

namespace callplan::crm::learning {
namespace {

double Potential(double forecast, double scale) {
  return std::round(std::min(100.0, 100.0 * forecast / scale) * 10) / 10;
}

// Scores every series of one family at month `at` into `by_physician`.
absl::Status ScoreFamily(const CrmBundle& bundle, const LoadedFamily& family,
                         absl::CivilMonth at,
                         std::map<std::string, PhysicianScore>& by_physician) {
  const ProductFamily products{family.model.family_id(),
                               {family.model.products().begin(),
                                family.model.products().end()}};
  const MonthlyHistory history = BuildHistory(bundle, products, at);
  if (history.months == 0) return absl::OkStatus();
  const int month = history.months - 1;
  const ForecastRows rows = BuildRows(history, family.layout, month, month, false);
  absl::StatusOr<std::vector<float>> forecast = family.booster.Predict(rows.rows);
  if (!forecast.ok()) return forecast.status();
  absl::StatusOr<std::vector<float>> contributions = family.booster.Contributions(rows.rows);
  if (!contributions.ok()) return contributions.status();
  const int width = family.layout.size() + 1;
  for (int r = 0; r < rows.rows.size(); ++r) {
    const Series& series = history.series[rows.series[r]];
    const std::vector<float> row(rows.rows.values.begin() + r * (width - 1),
                                 rows.rows.values.begin() + (r + 1) * (width - 1));
    const std::vector<float> contribution(contributions->begin() + r * width,
                                          contributions->begin() + (r + 1) * width);
    ForecastFacts facts{series.product, series.specialty, (*forecast)[r], rows.recent[r],
                        rows.level[r], row};
    ProductScore score{series.product, facts.forecast,
                       Potential(facts.forecast, family.model.potential_scale()),
                       TopDrivers(family.layout, contribution),
                       ExplainForecast(family.layout, facts, contribution)};
    PhysicianScore& physician = by_physician[series.physician_id];
    physician.physician_id = series.physician_id;
    physician.products.push_back(std::move(score));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ModelScores> ScoreBundle(const LoadedModel& model, const CrmBundle& bundle) {
  const std::optional<absl::CivilMonth> last = LastPrescriptionMonth(bundle);
  if (!last) {
    return absl::InvalidArgumentError(
        "prescriptions.csv: the bundle has no prescription history to score physicians "
        "from; --model needs the months up to the day planned");
  }
  return ScoreBundleAt(model, bundle, *last);
}

absl::StatusOr<ModelScores> ScoreBundleAt(const LoadedModel& model, const CrmBundle& bundle,
                                          absl::CivilMonth at) {
  std::map<std::string, PhysicianScore> by_physician;
  for (const LoadedFamily& family : model.families) {
    if (absl::Status s = ScoreFamily(bundle, family, at, by_physician); !s.ok()) return s;
  }
  ModelScores scores;
  scores.model_id = model.card.model_id();
  scores.scored_month = absl::FormatCivilTime(at);
  for (const CrmPhysician& physician : bundle.physicians) {
    const auto it = by_physician.find(physician.id);
    if (it == by_physician.end()) continue;
    PhysicianScore score = std::move(it->second);
    std::sort(score.products.begin(), score.products.end(),
              [](const auto& a, const auto& b) { return a.product < b.product; });
    for (const ProductScore& product : score.products) score.value += product.potential;
    scores.physicians.push_back(std::move(score));
  }
  AssignSegments(model.card, scores.physicians);
  return scores;
}

}  // namespace callplan::crm::learning
