// The model card's contents and identity: what every learned model says of
// itself (inputs, window, features, parameters, library, segments) and its
// id, a hash of the card and the model files together.
#ifndef CALLPLAN_PLUGINS_LEARNING_MODEL_CARD_H_
#define CALLPLAN_PLUGINS_LEARNING_MODEL_CARD_H_

#include <map>
#include <string>

#include "absl/time/civil_time.h"
#include "callplan/v1/potential_model.pb.h"
#include "plugins/crm_bundle.h"

namespace callplan::crm::learning {

inline constexpr uint32_t kModelFormatVersion = 1;

// "family_cardio.json"; characters other than letters, digits, '-' and '_'
// become '_' followed by their hex code, so every team id gets a file
// name of its own.
std::string ModelFileName(const std::string& family_id);

std::string Sha256Hex(const std::string& bytes);

// Everything but the families and held-out months (the learner's).
void FillCard(const CrmBundle& bundle, absl::CivilMonth first_month,
              absl::CivilMonth as_of, v1::PotentialModelCard& card);

// card.model_id from the card without it and the files' bytes.
void SetModelId(const std::map<std::string, std::string>& files,
                v1::PotentialModelCard& card);

// The card as written in model_card.json (proto3 JSON, field names as in
// the .proto, two-space indents).
std::string CardJson(const v1::PotentialModelCard& card);

}  // namespace callplan::crm::learning

#endif  // CALLPLAN_PLUGINS_LEARNING_MODEL_CARD_H_
