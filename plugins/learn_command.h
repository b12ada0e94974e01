// Learned potentials on the command line (issue 14):
//   callplan-crm learn --crm DIR --as-of YYYY-MM --out DIR
// trains a model from the bundle's prescriptions and calls up to --as-of,
// prints the held-out metrics against the naive baselines, and writes the
// model folder (learning/model_folder.h) with MODEL_CARD.md and
// learned_potentials.csv beside it. Nothing is written on any error.
//   callplan-crm sync|draft|report ... --model DIR
// scores the bundle with the model before planning (ReadBundleToPlan).
#ifndef CALLPLAN_PLUGINS_LEARN_COMMAND_H_
#define CALLPLAN_PLUGINS_LEARN_COMMAND_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "plugins/command_line.h"
#include "plugins/crm_bundle.h"

namespace callplan::crm {

// The exit code: 0 written; 2 bad command line, bundle or history.
int LearnCommand(const Flags& flags);

// Reads the model folder, checks it was learnt for the bundle's product
// families, scores the bundle's physicians and puts the learned
// potentials, their words and tiers into the bundle; prints one line
// saying which model scored how many physicians into which tiers.
absl::Status ApplyModelFlag(const std::string& dir, CrmBundle* bundle, std::ostream& out);

// The bundle of --crm, its potentials learned by --model's model when
// given (ApplyModelFlag, its line on `out`); the error names the file and,
// for the bundle, the line and column.
absl::StatusOr<CrmBundle> ReadBundleToPlan(const Flags& flags, std::ostream& out);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_LEARN_COMMAND_H_
