#include "plugins/learning/learner.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "plugins/learning/booster.h"
#include "plugins/learning/forecast_metrics.h"
#include "plugins/learning/forecast_rows.h"
#include "plugins/learning/model_card.h"
#include "plugins/learning/monthly_history.h"
#include "plugins/product_families.h"

namespace callplan::crm::learning {
namespace {

struct FamilyFit {
  v1::FamilyModel model;
  std::string bytes;
  absl::CivilMonth first_month;
  std::vector<std::string> held_out_months;
};

// Forecast months of one family's history, as month indexes.
struct Windows {
  int first = kFeatureMonths - 1;  // the first month with a trend to read
  int last = 0;                    // the last whose horizon is known
  int held_out_first = 0;
  int train_last = 0;              // the eval model's last, clear of held-out targets
};

Windows WindowsOf(int months) {
  Windows w;
  w.last = months - 1 - kHorizonMonths;
  w.held_out_first = w.last - kHeldOutForecasts + 1;
  w.train_last = w.held_out_first - kHorizonMonths;
  return w;
}

v1::ForecastMetrics Measure(const std::string& method, const std::vector<double>& forecast,
                            const std::vector<double>& actual, bool is_forecast) {
  v1::ForecastMetrics metrics;
  metrics.set_method(method);
  metrics.set_rank_correlation(RankCorrelation(forecast, actual));
  metrics.set_top_decile_capture(TopDecileCapture(forecast, actual));
  if (is_forecast) metrics.set_mean_absolute_error(MeanAbsoluteError(forecast, actual));
  metrics.set_rows(static_cast<uint32_t>(actual.size()));
  return metrics;
}

// The held-out months: the model against each naive baseline.
absl::Status MeasureHeldOut(const CrmBundle& bundle, const MonthlyHistory& history,
                            const ForecastRows& held, const Booster& model,
                            v1::FamilyModel& out) {
  absl::StatusOr<std::vector<float>> predicted = model.Predict(held.rows);
  if (!predicted.ok()) return predicted.status();
  std::vector<double> actual(held.rows.labels.begin(), held.rows.labels.end());
  std::vector<double> last_month, recent, typed;
  std::map<std::string, const CrmPhysician*> physicians;
  for (const CrmPhysician& physician : bundle.physicians) physicians[physician.id] = &physician;
  for (int r = 0; r < held.rows.size(); ++r) {
    const double last = held.last_month[r];
    last_month.push_back(kHorizonMonths * (std::isnan(last) ? held.recent[r] : last));
    recent.push_back(kHorizonMonths * held.recent[r]);
    const Series& series = history.series[held.series[r]];
    const CrmPhysician* physician = physicians.at(series.physician_id);
    const auto it = physician->potentials.find(series.product);
    typed.push_back(it == physician->potentials.end() ? 0 : it->second);
  }
  *out.add_held_out() = Measure("model", {predicted->begin(), predicted->end()}, actual, true);
  *out.add_held_out() = Measure("last month", last_month, actual, true);
  *out.add_held_out() = Measure("last three months", recent, actual, true);
  *out.add_held_out() = Measure("typed-in potentials", typed, actual, false);
  return absl::OkStatus();
}

// The forecast that makes potential 100: the 95th percentile of the
// family's forecasts at as_of, so one outlier does not flatten the rest.
absl::StatusOr<double> PotentialScale(const MonthlyHistory& history,
                                      const FeatureLayout& layout, const Booster& model) {
  const int at = history.months - 1;
  ForecastRows now = BuildRows(history, layout, at, at, false);
  absl::StatusOr<std::vector<float>> forecast = model.Predict(now.rows);
  if (!forecast.ok()) return forecast.status();
  std::vector<float> sorted = *forecast;
  if (sorted.empty()) return 1.0;
  std::sort(sorted.begin(), sorted.end());
  return std::max(1.0, static_cast<double>(sorted[(sorted.size() - 1) * 95 / 100]));
}

std::vector<std::string> Specialties(const MonthlyHistory& history) {
  std::set<std::string> specialties;
  for (const Series& series : history.series) {
    if (!series.specialty.empty()) specialties.insert(series.specialty);
  }
  return {specialties.begin(), specialties.end()};
}

absl::Status TooLittleHistory(const ProductFamily& family, const std::string& why) {
  return absl::InvalidArgumentError(absl::StrCat(
      "prescriptions.csv: too little history to learn the potentials of team \"",
      family.id, "\" (", absl::StrJoin(family.products, ", "), "): ", why));
}

absl::StatusOr<FamilyFit> FitFamily(const CrmBundle& bundle, const ProductFamily& family,
                                    absl::CivilMonth as_of, const LearnProgress& progress) {
  const auto say = [&](const std::string& what, int rows) {
    if (progress) progress(absl::StrCat("team ", family.id, ": ", what, ", ", rows, " forecasts"));
  };
  const MonthlyHistory history = BuildHistory(bundle, family, as_of);
  if (history.months < kMinimumMonths) {
    return TooLittleHistory(
        family, absl::StrCat(history.months, " months up to ", absl::FormatCivilTime(as_of),
                             "; at least ", kMinimumMonths,
                             " are needed (each forecast reads 6 months and looks 3 "
                             "ahead, and the last 3 forecasts are held out to measure "
                             "the model)"));
  }
  const FeatureLayout layout(Specialties(history), family.products);
  const Windows w = WindowsOf(history.months);
  const ForecastRows train = BuildRows(history, layout, w.first, w.train_last, true);
  const ForecastRows held = BuildRows(history, layout, w.held_out_first, w.last, true);
  const ForecastRows all = BuildRows(history, layout, w.first, w.last, true);
  if (train.rows.size() < kMinimumTrainingRows || held.rows.size() == 0) {
    return TooLittleHistory(
        family, absl::StrCat(train.rows.size(), " forecasts to learn from in ",
                             history.series.size(), " physician-product series; at least ",
                             kMinimumTrainingRows, " are needed (more physicians or months)"));
  }
  const BoosterSettings settings = ForecastSettings();
  say("the model measured on held-out months", train.rows.size());
  absl::StatusOr<Booster> measured = Booster::Train(train.rows, settings);
  if (!measured.ok()) return measured.status();
  FamilyFit fit;
  if (absl::Status s = MeasureHeldOut(bundle, history, held, *measured, fit.model); !s.ok()) {
    return s;
  }
  say("the model on every month", all.rows.size());
  absl::StatusOr<Booster> final_model = Booster::Train(all.rows, settings);
  if (!final_model.ok()) return final_model.status();
  absl::StatusOr<std::string> bytes = final_model->Save();
  absl::StatusOr<double> scale = PotentialScale(history, layout, *final_model);
  if (!bytes.ok() || !scale.ok()) return !bytes.ok() ? bytes.status() : scale.status();
  fit.bytes = *std::move(bytes);
  fit.first_month = history.first_month;
  fit.model.set_family_id(family.id);
  for (const std::string& product : family.products) fit.model.add_products(product);
  fit.model.set_model_file(ModelFileName(family.id));
  fit.model.set_model_sha256(Sha256Hex(fit.bytes));
  fit.model.set_potential_scale(*scale);
  for (const std::string& s : layout.specialties()) fit.model.add_specialties(s);
  fit.model.set_series(static_cast<uint32_t>(history.series.size()));
  fit.model.set_training_rows(static_cast<uint32_t>(all.rows.size()));
  fit.model.set_held_out_rows(static_cast<uint32_t>(held.rows.size()));
  fit.model.set_rounds(static_cast<uint32_t>(settings.rounds));
  for (int at = w.held_out_first; at <= w.last; ++at) {
    fit.held_out_months.push_back(absl::FormatCivilTime(history.MonthAt(at)));
  }
  return fit;
}

// A product two teams promote would get two forecasts.
absl::Status CheckFamiliesDisjoint(const std::vector<ProductFamily>& families) {
  std::map<std::string, std::string> owner;
  std::vector<std::string> problems;
  for (const ProductFamily& family : families) {
    for (const std::string& product : family.products) {
      const auto [it, fresh] = owner.emplace(product, family.id);
      if (!fresh) {
        problems.push_back(absl::StrCat("product \"", product, "\" is promoted by teams \"",
                                        it->second, "\" and \"", family.id,
                                        "\"; learned potentials need each product in one "
                                        "team's family"));
      }
    }
  }
  if (problems.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrJoin(problems, "\n"));
}

absl::Status CheckHistory(const CrmBundle& bundle, absl::CivilMonth as_of) {
  const std::optional<absl::CivilMonth> last = LastPrescriptionMonth(bundle);
  if (!last) {
    return absl::InvalidArgumentError(
        "prescriptions.csv: the bundle has no prescription history; learning needs "
        "physician_id,product,month,prescriptions rows for at least 14 months");
  }
  if (as_of > *last) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--as-of ", absl::FormatCivilTime(as_of), ": prescriptions.csv ends at ",
        absl::FormatCivilTime(*last), "; learn as of that month or earlier"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<LearnedModel> Learn(const CrmBundle& bundle, absl::CivilMonth as_of,
                                   const LearnProgress& progress) {
  if (absl::Status s = CheckHistory(bundle, as_of); !s.ok()) return s;
  const std::vector<ProductFamily> families = ProductFamilies(bundle);
  if (absl::Status s = CheckFamiliesDisjoint(families); !s.ok()) return s;
  LearnedModel learned;
  std::vector<std::string> problems;
  std::optional<absl::CivilMonth> first;
  for (const ProductFamily& family : families) {
    absl::StatusOr<FamilyFit> fit = FitFamily(bundle, family, as_of, progress);
    if (!fit.ok()) {
      if (fit.status().code() != absl::StatusCode::kInvalidArgument) return fit.status();
      problems.push_back(std::string(fit.status().message()));
      continue;
    }
    if (!first || fit->first_month < *first) first = fit->first_month;
    if (learned.card.held_out_months().empty()) {
      for (const std::string& m : fit->held_out_months) learned.card.add_held_out_months(m);
    }
    learned.files[fit->model.model_file()] = std::move(fit->bytes);
    *learned.card.add_families() = std::move(fit->model);
  }
  if (!problems.empty()) return absl::InvalidArgumentError(absl::StrJoin(problems, "\n"));
  FillCard(bundle, *first, as_of, learned.card);
  SetModelId(learned.files, learned.card);
  return learned;
}

}  // namespace callplan::crm::learning
