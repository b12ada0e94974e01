// Learned potentials against the naive baselines, side by side in one run
// on generated CRM histories with a known truth (issue 14): for each seed
// and product family, on the held-out forecasts the model never saw,
// Spearman's rank correlation, top-decile capture and mean absolute error
// of the model, last month's prescriptions, the last three months' and the
// typed-in potentials, and the model's margin over the best baseline; then
// each method's rank correlation with the truth's own expected
// prescriptions after the history; how often the explanation of a series
// the generator made grow names its rise; and the seconds learning took.
// Prints tables for the README; asserts nothing.
//   learn_bench [physicians=2000] [seeds=3] [months=36]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "plugins/crm_reader.h"
#include "plugins/learning/forecast_metrics.h"
#include "plugins/learning/learner.h"
#include "plugins/learning/model_folder.h"
#include "plugins/learning/model_report.h"
#include "plugins/learning/scoring.h"
#include "tests/fixtures/history_generator.h"
#include "tests/fixtures/process.h"

namespace {

using namespace callplan::crm;
using namespace callplan::crm::learning;
namespace v1 = callplan::v1;
namespace history = callplan::history;

struct Truthful {
  std::vector<double> truth, model, recent, typed;
  int growth = 0, growth_named = 0;
};

// The model's forecasts at the end of the history against the truth's.
Truthful AgainstTheTruth(const history::GeneratedHistory& generated, const CrmBundle& bundle,
                         const LoadedModel& model, absl::CivilMonth last) {
  std::map<std::pair<std::string, std::string>, const ProductScore*> scored;
  const ModelScores scores = *ScoreBundleAt(model, bundle, last);
  for (const PhysicianScore& p : scores.physicians) {
    for (const ProductScore& s : p.products) scored[{p.physician_id, s.product}] = &s;
  }
  Truthful out;
  const int months = generated.options.months;
  for (size_t s = 0; s < generated.truth.size(); ++s) {
    const history::SeriesTruth& truth = generated.truth[s];
    const auto it = scored.find({truth.physician_id, truth.product});
    if (it == scored.end()) continue;
    double recent = 0;
    for (int m = months - 3; m < months; ++m) {
      recent += generated.prescriptions[s * months + m].prescriptions;
    }
    const CrmPhysician* physician = bundle.FindPhysician(truth.physician_id);
    const auto typed = physician->potentials.find(truth.product);
    out.truth.push_back(history::ExpectedFuturePrescriptions(generated, truth, 3));
    out.model.push_back(it->second->forecast);
    out.recent.push_back(recent);
    out.typed.push_back(typed == physician->potentials.end() ? 0 : typed->second);
    if (truth.planted != history::PlantedDriver::kGrowth || recent < 60) continue;
    ++out.growth;
    for (const DriverEffect& d : it->second->drivers) {
      if (d.driver == Driver::kTrend && d.effect > 0) {
        ++out.growth_named;
        break;
      }
    }
  }
  return out;
}

void PrintHeldOut(uint32_t seed, const v1::PotentialModelCard& card) {
  for (const v1::FamilyModel& family : card.families()) {
    double best_rank = -1, best_top = -1;
    for (const v1::ForecastMetrics& m : family.held_out()) {
      char mae[16] = "-";
      if (m.mean_absolute_error() > 0) {
        std::snprintf(mae, sizeof mae, "%.1f", m.mean_absolute_error());
      }
      std::printf("%4u  %-9s %-20s %9.3f %10.1f%% %8s %6u\n", seed, family.family_id().c_str(),
                  m.method().c_str(), m.rank_correlation(), 100 * m.top_decile_capture(), mae,
                  m.rows());
      if (m.method() == "model") continue;
      best_rank = std::max(best_rank, m.rank_correlation());
      best_top = std::max(best_top, m.top_decile_capture());
    }
    const v1::ForecastMetrics& model = family.held_out(0);
    std::printf("%4u  %-9s %-20s %+9.3f %+10.1f%%\n", seed, family.family_id().c_str(),
                "margin over best", model.rank_correlation() - best_rank,
                100 * (model.top_decile_capture() - best_top));
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int physicians = argc > 1 ? std::atoi(argv[1]) : 2000;
  const int seeds = argc > 2 ? std::atoi(argv[2]) : 3;
  const int months = argc > 3 ? std::atoi(argv[3]) : 36;
  std::printf("learn_bench: %d physicians x 4 products, %d months, %d seeds\n\n", physicians,
              months, seeds);
  std::printf("held-out forecasts (the model never saw their months)\n"
              "seed  team      method               rank corr  top decile      MAE   rows\n");
  std::vector<std::string> truth_rows;
  for (int seed = 1; seed <= seeds; ++seed) {
    history::FieldForceOptions options;
    options.physicians = physicians;
    options.history.seed = static_cast<uint32_t>(seed);
    options.history.months = months;
    const int first = 2026 * 12 + 1 - (months - 1);  // the history ends 2026-02
    options.history.first_year = first / 12;
    options.history.first_month = first % 12 + 1;
    const std::string dir = callplan::testing::MakeTempDir("learn-bench") + "/bundle";
    history::GeneratedHistory generated;
    std::string error;
    if (!history::WriteGeneratedBundle(dir, options, &generated, &error)) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(dir);
    if (!bundle.ok()) {
      std::fprintf(stderr, "%s\n", std::string(bundle.status().message()).c_str());
      return 1;
    }
    const absl::CivilMonth as_of(2026, 2);
    const auto start = std::chrono::steady_clock::now();
    absl::StatusOr<LearnedModel> learned = Learn(*bundle, as_of);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    absl::StatusOr<LoadedModel> model =
        learned.ok() ? LoadModel(*learned) : absl::StatusOr<LoadedModel>(learned.status());
    if (!model.ok()) {
      std::fprintf(stderr, "%s\n", std::string(model.status().message()).c_str());
      return 1;
    }
    PrintHeldOut(static_cast<uint32_t>(seed), learned->card);
    const Truthful t = AgainstTheTruth(generated, *bundle, *model, as_of);
    char row[256];
    std::snprintf(row, sizeof row, "%4d %9.3f %12.3f %12.3f %10d/%-4d %8.1f", seed,
                  RankCorrelation(t.model, t.truth), RankCorrelation(t.recent, t.truth),
                  RankCorrelation(t.typed, t.truth), t.growth_named, t.growth, seconds);
    truth_rows.push_back(row);
  }
  std::printf("\nforecasts after the history against the truth's expected prescriptions "
              "(rank correlation), growth series (20+ a month) whose explanation names the "
              "rise, seconds to learn both families\n"
              "seed     model  last 3 mon.  typed-in     growth named  seconds\n");
  for (const std::string& row : truth_rows) std::printf("%s\n", row.c_str());
  return 0;
}
