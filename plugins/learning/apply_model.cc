#include "plugins/learning/apply_model.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace callplan::crm::learning {
namespace {

absl::Status CheckTiers(const ModelScores& scores, const CrmBundle& bundle) {
  if (bundle.tiers.empty()) return absl::OkStatus();
  std::set<std::string> missing;
  for (const PhysicianScore& physician : scores.physicians) {
    if (bundle.FindTier(physician.tier) == nullptr) missing.insert(physician.tier);
  }
  if (missing.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "tiers.csv: no row for the model's tier ", absl::StrJoin(missing, ", "),
      "; the model segments physicians into tiers it needs call targets for"));
}

}  // namespace

absl::Status ApplyScores(const ModelScores& scores, CrmBundle* bundle) {
  if (absl::Status s = CheckTiers(scores, *bundle); !s.ok()) return s;
  std::map<std::string, const PhysicianScore*> by_id;
  for (const PhysicianScore& score : scores.physicians) by_id[score.physician_id] = &score;
  const std::string model = absl::StrCat("model ", scores.model_id);
  for (CrmPhysician& physician : bundle->physicians) {
    physician.potential_basis.clear();
    const auto it = by_id.find(physician.id);
    const PhysicianScore* score = it == by_id.end() ? nullptr : it->second;
    for (const auto& [product, potential] : physician.potentials) {
      physician.potential_basis[product] = absl::StrCat(
          "no prescriptions of ", product, " in the history: the CRM's typed-in potential");
    }
    if (score == nullptr) continue;
    const std::string segment = absl::StrCat("tier ", score->tier, ", decile ",
                                             score->decile, " of predicted value, ", model);
    for (const ProductScore& product : score->products) {
      physician.potentials[product.product] = product.potential;
      physician.potential_basis[product.product] =
          absl::StrCat(product.words, " [", segment, "]");
    }
    if (!bundle->tiers.empty()) physician.tier = score->tier;
  }
  bundle->potential_model_id = scores.model_id;
  return absl::OkStatus();
}

}  // namespace callplan::crm::learning
