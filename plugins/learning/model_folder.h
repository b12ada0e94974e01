// A potential model on disk: model_card.json (PotentialModelCard, proto3
// JSON) and one XGBoost model file per product family. Writing never
// touches an existing folder with anything in it, and goes through a
// scratch folder renamed into place, so a failed write leaves nothing
// behind. Reading checks everything before a model is used: the card's
// format version (a newer one is refused), every file's SHA-256 against
// the card, the model id against the content, and each model's feature
// count against the card's features.
#ifndef CALLPLAN_PLUGINS_LEARNING_MODEL_FOLDER_H_
#define CALLPLAN_PLUGINS_LEARNING_MODEL_FOLDER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "callplan/v1/potential_model.pb.h"
#include "plugins/crm_bundle.h"
#include "plugins/learning/booster.h"
#include "plugins/learning/forecast_features.h"
#include "plugins/learning/learner.h"

namespace callplan::crm::learning {

inline constexpr char kCardFile[] = "model_card.json";

// `extra` are more files for people (the card in words, segments), written
// beside the model in the same step.
absl::Status WriteModelFolder(const std::string& dir, const LearnedModel& model,
                              const std::map<std::string, std::string>& extra);

struct LoadedFamily {
  v1::FamilyModel model;
  FeatureLayout layout;
  Booster booster;
};

struct LoadedModel {
  v1::PotentialModelCard card;
  std::vector<LoadedFamily> families;
};

// InvalidArgument naming the folder and file and what is wrong; NotFound
// when `dir` holds no model card.
absl::StatusOr<LoadedModel> ReadModelFolder(const std::string& dir);

// A model just learnt, ready to score with (as ReadModelFolder would give
// it once written).
absl::StatusOr<LoadedModel> LoadModel(const LearnedModel& learned);

// The model was learnt for the bundle's product families: each of the
// bundle's teams with the same products. InvalidArgument naming every
// difference.
absl::Status CheckModelFitsBundle(const LoadedModel& model, const CrmBundle& bundle,
                                  const std::string& dir);

}  // namespace callplan::crm::learning

#endif  // CALLPLAN_PLUGINS_LEARNING_MODEL_FOLDER_H_
