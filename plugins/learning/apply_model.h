// Puts a learned model's scores into the bundle it scored, so that every
// plan built from the bundle (a day, districts, a cycle) maximises learned
// potentials and says why: each scored physician-product's potential is
// the model's, its words go to potential_basis (the visit's reason), the
// physician's tier becomes the learned segment when tiers.csv defines it
// (the cycle's call frequencies), and bundle.potential_model_id names the
// model (PlanStats and the audit record repeat it). Products a physician
// has no prescription history of keep the typed-in potential, and their
// words say so.
#ifndef CALLPLAN_PLUGINS_LEARNING_APPLY_MODEL_H_
#define CALLPLAN_PLUGINS_LEARNING_APPLY_MODEL_H_

#include "absl/status/status.h"
#include "plugins/crm_bundle.h"
#include "plugins/learning/scoring.h"

namespace callplan::crm::learning {

// InvalidArgument naming tiers.csv when it lacks a tier the model assigns;
// the bundle is then left as it was.
absl::Status ApplyScores(const ModelScores& scores, CrmBundle* bundle);

}  // namespace callplan::crm::learning

#endif  // CALLPLAN_PLUGINS_LEARNING_APPLY_MODEL_H_
