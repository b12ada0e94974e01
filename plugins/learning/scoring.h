// Scores a bundle's physicians with a learned model: for each physician and
// each product with history, the forecast of prescriptions over the
// horizon from the bundle's latest month of prescriptions, the potential
// it makes on the 0-100 scale (forecast / the family's potential_scale),
// and the forecast's drivers in words. Physicians are then ranked by
// predicted value (the sum of their learned potentials) into deciles and
// the card's tiers (segments.h).
#ifndef CALLPLAN_PLUGINS_LEARNING_SCORING_H_
#define CALLPLAN_PLUGINS_LEARNING_SCORING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "plugins/crm_bundle.h"
#include "plugins/learning/driver_words.h"
#include "plugins/learning/model_folder.h"

namespace callplan::crm::learning {

struct ProductScore {
  std::string product;
  double forecast = 0;   // prescriptions over the horizon
  double potential = 0;  // 0..100
  std::vector<DriverEffect> drivers;
  std::string words;     // ExplainForecast
};

struct PhysicianScore {
  std::string physician_id;
  std::vector<ProductScore> products;  // products with history, sorted
  double value = 0;                    // sum of the potentials
  int decile = 0;                      // 1 = the top tenth
  std::string tier;
};

struct ModelScores {
  std::string model_id;
  std::string scored_month;  // the month forecast from, YYYY-MM
  std::vector<PhysicianScore> physicians;  // bundle order; only those with history
};

// Forecasts from the end of month `at`, reading nothing after it. An error
// only when XGBoost cannot predict with a model it loaded.
absl::StatusOr<ModelScores> ScoreBundleAt(const LoadedModel& model, const CrmBundle& bundle,
                                          absl::CivilMonth at);

// ScoreBundleAt the bundle's latest month of prescriptions: what a plan
// made now should maximise. InvalidArgument when the bundle has none.
absl::StatusOr<ModelScores> ScoreBundle(const LoadedModel& model, const CrmBundle& bundle);

}  // namespace callplan::crm::learning

#endif  // CALLPLAN_PLUGINS_LEARNING_SCORING_H_
