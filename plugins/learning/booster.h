// XGBoost through its C API (Debian's libxgboost-dev), held by RAII types
// whose errors are absl::Status values naming what failed. Training is
// deterministic: one thread, a fixed seed, the histogram tree method, so the
// same rows give the same model bytes. Nothing here knows of physicians.
#ifndef CALLPLAN_PLUGINS_LEARNING_BOOSTER_H_
#define CALLPLAN_PLUGINS_LEARNING_BOOSTER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace callplan::crm::learning {

// Rows of features, row-major; NaN = missing. Each row has a base margin
// (the forecast's starting point, log scale) and, for training, a label.
struct Rows {
  int columns = 0;
  std::vector<float> values;
  std::vector<float> base_margin;
  std::vector<float> labels;
  int size() const { return static_cast<int>(base_margin.size()); }
  void Add(const std::vector<float>& row, double margin, double label);
};

struct BoosterSettings {
  std::map<std::string, std::string> parameters;
  int rounds = 0;
};

// The settings learned potentials use: Poisson regression of counts (the
// forecast is exp(base margin + trees)), shallow trees, one thread.
BoosterSettings ForecastSettings();

class Booster {
 public:
  ~Booster();
  Booster(Booster&& other) noexcept;
  Booster& operator=(Booster&&) = delete;
  Booster(const Booster&) = delete;

  static absl::StatusOr<Booster> Train(const Rows& rows, const BoosterSettings& settings);
  // From bytes Save wrote; `what` names them in errors (a file's path).
  static absl::StatusOr<Booster> Load(const std::string& bytes, const std::string& what);

  // XGBoost's JSON model: the same model, the same bytes.
  absl::StatusOr<std::string> Save() const;
  // Forecasts, on the label's scale.
  absl::StatusOr<std::vector<float>> Predict(const Rows& rows) const;
  // Per row, each feature's share of the margin (SHAP values): columns+1
  // numbers a row, the last the bias, which holds the row's base margin;
  // together they add up to the margin.
  absl::StatusOr<std::vector<float>> Contributions(const Rows& rows) const;
  int Features() const;

 private:
  explicit Booster(void* handle) : handle_(handle) {}
  void* handle_ = nullptr;
};

// "xgboost 1.7.4 (C API)".
std::string LibraryVersion();

}  // namespace callplan::crm::learning

#endif  // CALLPLAN_PLUGINS_LEARNING_BOOSTER_H_
