#include "plugins/learning/model_card.h"

#include <openssl/sha.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/util/json_util.h"
#include "plugins/learning/booster.h"
#include "plugins/learning/forecast_features.h"

namespace callplan::crm::learning {
namespace {

void AddFeatures(v1::PotentialModelCard& card) {
  const FeatureLayout layout({"SPECIALTY"}, {"PRODUCT"});
  for (const FeatureSpec& spec : layout.features()) {
    v1::ModelFeature* feature = card.add_features();
    feature->set_name(spec.name);
    feature->set_description(spec.driver == Driver::kSpecialty
                                 ? "one per specialty of the family's physicians "
                                   "seen in training (families[].specialties): 1 "
                                   "when the physician has it"
                             : spec.driver == Driver::kProduct
                                 ? "one per product of the family: 1 for the "
                                   "product forecast"
                                 : spec.description);
    feature->set_driver(DriverName(spec.driver));
  }
}

}  // namespace

std::string ModelFileName(const std::string& family_id) {
  std::string name = "family_";
  for (const unsigned char c : family_id) {
    if (std::isalnum(c) || c == '-') {
      name += static_cast<char>(c);
    } else {
      name += absl::StrFormat("_%02x", c);
    }
  }
  return name + ".json";
}

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  std::string hex;
  for (const unsigned char byte : digest) absl::StrAppendFormat(&hex, "%02x", byte);
  return hex;
}

void FillCard(const CrmBundle& bundle, absl::CivilMonth first_month,
              absl::CivilMonth as_of, v1::PotentialModelCard& card) {
  card.set_format_version(kModelFormatVersion);
  card.set_territory_id(bundle.settings.territory_id);
  card.set_first_month(absl::FormatCivilTime(first_month));
  card.set_as_of_month(absl::FormatCivilTime(as_of));
  card.set_horizon_months(kHorizonMonths);
  card.set_library(LibraryVersion());
  const BoosterSettings settings = ForecastSettings();
  for (const auto& [name, value] : settings.parameters) {
    v1::ModelParameter* parameter = card.add_parameters();
    parameter->set_name(name);
    parameter->set_value(value);
  }
  v1::ModelParameter* rounds = card.add_parameters();
  rounds->set_name("rounds");
  rounds->set_value(absl::StrCat(settings.rounds));
  AddFeatures(card);
  for (const auto& [tier, share] : {std::pair("A", 0.2), {"B", 0.3}, {"C", 0.5}}) {
    v1::SegmentShare* segment = card.add_segments();
    segment->set_tier(tier);
    segment->set_share(share);
  }
  card.add_inputs("prescriptions.csv: prescriptions per physician, product and month");
  card.add_inputs("visit_history.csv: calls per physician and team, with the product "
                  "where recorded");
  card.add_inputs("physicians.csv: specialty");
  card.add_inputs("teams.csv and reps.csv: the products of each family");
  card.add_inputs("potentials.csv: the typed-in potentials, as a baseline only");
  card.set_target(absl::StrCat(
      "prescriptions of the product over the ", kHorizonMonths,
      " months after the month forecast at (Poisson regression; the forecast starts "
      "from the last three months' level and the model learns the change)"));
}

void SetModelId(const std::map<std::string, std::string>& files,
                v1::PotentialModelCard& card) {
  card.clear_model_id();
  std::string content = CardJson(card);
  for (const auto& [name, bytes] : files) absl::StrAppend(&content, "\n", name, "\n", bytes);
  card.set_model_id(absl::StrCat("pm-", Sha256Hex(content).substr(0, 16)));
}

std::string CardJson(const v1::PotentialModelCard& card) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(card, &json, options);
  return json;
}

}  // namespace callplan::crm::learning
