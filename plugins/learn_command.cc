#include "plugins/learn_command.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "plugins/crm_fields.h"
#include "plugins/crm_reader.h"
#include "plugins/learning/apply_model.h"
#include "plugins/learning/learner.h"
#include "plugins/learning/model_folder.h"
#include "plugins/learning/model_report.h"
#include "plugins/learning/scoring.h"

namespace callplan::crm {

int LearnCommand(const Flags& flags) {
  if (int missing = Require(flags, "learn", {"crm", "as-of", "out"}); missing != 0) {
    return missing;
  }
  absl::StatusOr<absl::CivilMonth> as_of = ParseMonth(flags.Get("as-of"));
  if (!as_of.ok()) {
    std::cerr << "--as-of: " << as_of.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(flags.Get("crm"));
  if (!bundle.ok()) {
    std::cerr << bundle.status().message() << "\nno model was written\n";
    return 2;
  }
  // Progress on stderr; an interrupted learn has written nothing (the
  // folder is written whole at the end).
  absl::StatusOr<learning::LearnedModel> model =
      learning::Learn(*bundle, *as_of, [](const std::string& what) {
        std::cerr << "learning " << what << "\n";
      });
  if (!model.ok()) {
    std::cerr << model.status().message() << "\nno model was written\n";
    return model.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
  }
  // The folder's own scores, as of the model's month: what it learnt.
  absl::StatusOr<learning::LoadedModel> loaded = learning::LoadModel(*model);
  if (!loaded.ok()) {
    std::cerr << loaded.status().message() << "\nno model was written\n";
    return 1;
  }
  absl::StatusOr<learning::ModelScores> scores =
      learning::ScoreBundleAt(*loaded, *bundle, *as_of);
  if (!scores.ok()) {
    std::cerr << scores.status().message() << "\nno model was written\n";
    return 1;
  }
  const std::map<std::string, std::string> extra = {
      {"MODEL_CARD.md", learning::CardMarkdown(model->card)},
      {"learned_potentials.csv", learning::LearnedPotentialsCsv(*scores)}};
  if (absl::Status written = learning::WriteModelFolder(flags.Get("out"), *model, extra);
      !written.ok()) {
    std::cerr << written.message() << "\n";
    return 2;
  }
  std::cout << "model " << model->card.model_id() << " learnt from "
            << model->card.first_month() << " to " << model->card.as_of_month()
            << ", held-out forecasts at " << absl::StrJoin(model->card.held_out_months(), ", ")
            << ":\n"
            << learning::MetricsTable(model->card) << "tiers at " << scores->scored_month
            << ": " << learning::TierCounts(*scores) << "\nwritten to " << flags.Get("out")
            << "\n";
  return 0;
}

absl::Status ApplyModelFlag(const std::string& dir, CrmBundle* bundle, std::ostream& out) {
  absl::StatusOr<learning::LoadedModel> model = learning::ReadModelFolder(dir);
  if (!model.ok()) return model.status();
  if (absl::Status fits = learning::CheckModelFitsBundle(*model, *bundle, dir); !fits.ok()) {
    return fits;
  }
  absl::StatusOr<learning::ModelScores> scores = learning::ScoreBundle(*model, *bundle);
  if (!scores.ok()) return scores.status();
  if (absl::Status applied = learning::ApplyScores(*scores, bundle); !applied.ok()) {
    return applied;
  }
  out << "potentials from model " << scores->model_id << " (learnt to "
      << model->card.as_of_month() << ", forecast from " << scores->scored_month
      << "): " << scores->physicians.size() << " physicians scored; tiers "
      << learning::TierCounts(*scores) << "\n";
  return absl::OkStatus();
}

absl::StatusOr<CrmBundle> ReadBundleToPlan(const Flags& flags, std::ostream& out) {
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(flags.Get("crm"));
  if (!bundle.ok() || flags.Get("model").empty()) return bundle;
  if (absl::Status applied = ApplyModelFlag(flags.Get("model"), &*bundle, out);
      !applied.ok()) {
    return applied;
  }
  return bundle;
}

}  // namespace callplan::crm
