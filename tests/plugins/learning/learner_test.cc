// Learning potentials from a generated history whose truth is known
// (tests/fixtures/history_generator.h): the model beats the naive
// baselines on months it never saw, its explanations name the trend the
// generator planted, the same history gives the same model, months after
// as_of are never read, and a history too short to learn from says how
// much is needed.
#include "plugins/learning/learner.h"

#include <map>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/learning/model_folder.h"
#include "plugins/learning/scoring.h"
#include "tests/plugins/learning/learning_test_support.h"

namespace callplan::crm::learning {
namespace {

using ::testing::HasSubstr;
using history::PlantedDriver;
using testing::Generated;

constexpr absl::CivilMonth kAsOf(2026, 2);

const LearnedModel& Model() {
  static const LearnedModel* model = [] {
    absl::StatusOr<LearnedModel> learned = Learn(Generated().bundle, kAsOf);
    if (!learned.ok()) std::abort();
    return new LearnedModel(*std::move(learned));
  }();
  return *model;
}

const v1::ForecastMetrics& MetricsOf(const v1::FamilyModel& family, const std::string& method) {
  for (const v1::ForecastMetrics& metrics : family.held_out()) {
    if (metrics.method() == method) return metrics;
  }
  static const v1::ForecastMetrics kNone;
  return kNone;
}

TEST(LearnerTest, BeatsTheNaiveBaselinesOnHeldOutMonths) {
  const v1::PotentialModelCard& card = Model().card;
  ASSERT_EQ(card.families_size(), 2);
  EXPECT_THAT(card.held_out_months(), ::testing::ElementsAre("2025-09", "2025-10", "2025-11"));
  for (const v1::FamilyModel& family : card.families()) {
    const v1::ForecastMetrics& model = MetricsOf(family, "model");
    ASSERT_GT(model.rows(), 1000u) << family.family_id();
    for (const char* baseline : {"last month", "last three months", "typed-in potentials"}) {
      const v1::ForecastMetrics& naive = MetricsOf(family, baseline);
      ASSERT_EQ(naive.rows(), model.rows()) << baseline;
      EXPECT_GT(model.rank_correlation(), naive.rank_correlation())
          << family.family_id() << " against " << baseline;
      EXPECT_GE(model.top_decile_capture(), naive.top_decile_capture())
          << family.family_id() << " against " << baseline;
      if (naive.mean_absolute_error() > 0) {
        EXPECT_LT(model.mean_absolute_error(), naive.mean_absolute_error())
            << family.family_id() << " against " << baseline;
      }
    }
  }
}

// Among physicians prescribing enough that a trend stands out of chance
// (20 a month), those the generator gave a rising or falling product are
// told so, in the planted direction; physicians without a planted trend
// much less often.
TEST(LearnerTest, ExplanationsNameThePlantedTrend) {
  const auto& g = Generated();
  absl::StatusOr<LoadedModel> model = LoadModel(Model());
  ASSERT_TRUE(model.ok()) << model.status();
  const ModelScores scores = *ScoreBundleAt(*model, g.bundle, kAsOf);
  std::map<PlantedDriver, int> count, told;
  for (const PhysicianScore& physician : scores.physicians) {
    for (const ProductScore& product : physician.products) {
      const history::SeriesTruth& truth = *g.truth.at({physician.physician_id, product.product});
      const size_t s = &truth - g.history.truth.data();
      const int months = g.history.options.months;
      double recent = 0;
      for (int m = months - 3; m < months; ++m) {
        recent += g.history.prescriptions[s * months + m].prescriptions / 3.0;
      }
      if (recent < 20) continue;
      const bool down = truth.planted == PlantedDriver::kDecline;
      bool named = false;
      for (const DriverEffect& driver : product.drivers) {
        named = named || (driver.driver == Driver::kTrend && (driver.effect < 0) == down);
      }
      ++count[truth.planted];
      if (named) ++told[truth.planted];
      if (truth.planted == PlantedDriver::kGrowth && named) {
        EXPECT_THAT(product.words, HasSubstr("expected to go on")) << product.words;
      }
    }
  }
  ASSERT_GE(count[PlantedDriver::kGrowth], 30);
  EXPECT_GE(told[PlantedDriver::kGrowth], 0.75 * count[PlantedDriver::kGrowth]);
  ASSERT_GE(count[PlantedDriver::kNone], 30);
  EXPECT_LE(told[PlantedDriver::kNone], 0.5 * count[PlantedDriver::kNone]);
}

TEST(LearnerTest, TheSameHistoryGivesTheSameModel) {
  absl::StatusOr<LearnedModel> again = Learn(Generated().bundle, kAsOf);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->card.model_id(), Model().card.model_id());
  EXPECT_EQ(again->files, Model().files);
  EXPECT_THAT(Model().card.model_id(), ::testing::MatchesRegex("pm-[0-9a-f]{16}"));
}

// Whatever happens after as_of, prescriptions or calls, the model learnt
// as of it is byte for byte the same.
TEST(LearnerTest, MonthsAfterAsOfAreNeverRead) {
  const absl::CivilMonth as_of(2025, 8);
  CrmBundle later = Generated().bundle;
  for (CrmPrescriptions& entry : later.prescriptions) {
    if (entry.month > "2025-08") entry.prescriptions = entry.prescriptions * 7 + 3;
  }
  for (const CrmPhysician& physician : later.physicians) {
    later.visit_history.push_back({physician.id, "cardio", "2025-09-15", "", 0});
  }
  absl::StatusOr<LearnedModel> before = Learn(Generated().bundle, as_of);
  absl::StatusOr<LearnedModel> after = Learn(later, as_of);
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(before->files, after->files);
  EXPECT_EQ(before->card.model_id(), after->card.model_id());
  EXPECT_EQ(before->card.as_of_month(), "2025-08");
}

TEST(LearnerTest, TooLittleHistorySaysHowMuchIsNeeded) {
  CrmBundle recent = Generated().bundle;
  std::vector<CrmPrescriptions> kept;
  for (const CrmPrescriptions& entry : recent.prescriptions) {
    if (entry.month >= "2025-03") kept.push_back(entry);
  }
  recent.prescriptions = kept;
  absl::StatusOr<LearnedModel> learned = Learn(recent, kAsOf);
  ASSERT_EQ(learned.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(learned.status().message(),
              HasSubstr("prescriptions.csv: too little history to learn the potentials of "
                        "team \"cardio\" (Cardiovex, Respiral): 12 months up to 2026-02; "
                        "at least 14 are needed"));
  EXPECT_THAT(learned.status().message(), HasSubstr("team \"diabetes\""));

  CrmBundle none = Generated().bundle;
  none.prescriptions.clear();
  EXPECT_THAT(Learn(none, kAsOf).status().message(),
              HasSubstr("the bundle has no prescription history"));
  EXPECT_THAT(Learn(Generated().bundle, absl::CivilMonth(2026, 5)).status().message(),
              HasSubstr("--as-of 2026-05: prescriptions.csv ends at 2026-02"));
}

TEST(LearnerTest, AProductOfTwoTeamsIsRefused) {
  CrmBundle shared = Generated().bundle;
  shared.teams[1].products.push_back("Cardiovex");
  absl::StatusOr<LearnedModel> learned = Learn(shared, kAsOf);
  ASSERT_EQ(learned.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(learned.status().message(),
              HasSubstr("product \"Cardiovex\" is promoted by teams \"cardio\" and "
                        "\"diabetes\""));
}

}  // namespace
}  // namespace callplan::crm::learning
