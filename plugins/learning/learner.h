// Learns a potential model from a CRM bundle's history (issue 14): for
// each product family a Poisson gradient-boosted forecast (XGBoost) of a
// physician's prescriptions of a product over the next kHorizonMonths
// months, from the months up to `as_of` only. The last kHeldOutForecasts
// forecast months are held out (training stops kHorizonMonths before them
// so no target month is shared) and the model is measured on them against
// the naive baselines: last month's prescriptions, the last three months',
// and the bundle's typed-in potentials. The families' models are then
// trained again on every month and written with the card
// (proto/callplan/v1/potential_model.proto). Same bundle, same as_of:
// the same model bytes and model id.
#ifndef CALLPLAN_PLUGINS_LEARNING_LEARNER_H_
#define CALLPLAN_PLUGINS_LEARNING_LEARNER_H_

#include <functional>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "callplan/v1/potential_model.pb.h"
#include "plugins/crm_bundle.h"

namespace callplan::crm::learning {

inline constexpr int kHeldOutForecasts = 3;
// Forecasts read 6 months, reach 3 ahead, and the last 3 are held out
// after a gap of 3: the fewest months a model can be learnt and measured on.
inline constexpr int kMinimumMonths = 14;
// Fewer forecasts than this in a family teach a model nothing reliable.
inline constexpr int kMinimumTrainingRows = 60;

struct LearnedModel {
  v1::PotentialModelCard card;
  std::map<std::string, std::string> files;  // model file name -> bytes
};

// What learning is doing, in words ("team cardio: the held-out model,
// 9600 forecasts"), for a progress line: a national bundle takes minutes.
using LearnProgress = std::function<void(const std::string&)>;

// InvalidArgument naming the file and what is missing when the history
// cannot support a model (no prescriptions.csv, as_of after its last
// month, too few months or physicians, a product in two teams).
absl::StatusOr<LearnedModel> Learn(const CrmBundle& bundle, absl::CivilMonth as_of,
                                   const LearnProgress& progress = nullptr);

}  // namespace callplan::crm::learning

#endif  // CALLPLAN_PLUGINS_LEARNING_LEARNER_H_
