#include "plugins/learning/booster.h"

#include <xgboost/c_api.h>

#include <cmath>

#include "absl/strings/str_cat.h"

namespace callplan::crm::learning {
namespace {

absl::Status Check(int code, const char* what) {
  if (code == 0) return absl::OkStatus();
  return absl::InternalError(absl::StrCat("xgboost ", what, ": ", XGBGetLastError()));
}

// A DMatrix of the rows, freed on scope exit.
class Matrix {
 public:
  static absl::StatusOr<Matrix> Of(const Rows& rows, bool with_labels) {
    Matrix matrix;
    if (absl::Status s = Check(
            XGDMatrixCreateFromMat(rows.values.data(), rows.size(), rows.columns,
                                   std::nanf(""), &matrix.handle_),
            "cannot hold the rows");
        !s.ok()) {
      return s;
    }
    if (absl::Status s = Check(XGDMatrixSetFloatInfo(matrix.handle_, "base_margin",
                                                     rows.base_margin.data(), rows.size()),
                               "cannot take the base margins");
        !s.ok()) {
      return s;
    }
    if (with_labels) {
      if (absl::Status s = Check(XGDMatrixSetFloatInfo(matrix.handle_, "label",
                                                       rows.labels.data(), rows.size()),
                                 "cannot take the labels");
          !s.ok()) {
        return s;
      }
    }
    return matrix;
  }
  Matrix(Matrix&& other) noexcept : handle_(other.handle_) { other.handle_ = nullptr; }
  ~Matrix() {
    if (handle_ != nullptr) XGDMatrixFree(handle_);
  }
  DMatrixHandle get() const { return handle_; }

 private:
  Matrix() = default;
  DMatrixHandle handle_ = nullptr;
};

absl::StatusOr<std::vector<float>> RunPredict(void* booster, const Rows& rows, int mask) {
  absl::StatusOr<Matrix> matrix = Matrix::Of(rows, false);
  if (!matrix.ok()) return matrix.status();
  bst_ulong length = 0;
  const float* out = nullptr;
  if (absl::Status s = Check(XGBoosterPredict(booster, matrix->get(), mask, 0, 0,
                                              &length, &out),
                             "cannot predict");
      !s.ok()) {
    return s;
  }
  return std::vector<float>(out, out + length);
}

}  // namespace

void Rows::Add(const std::vector<float>& row, double margin, double label) {
  values.insert(values.end(), row.begin(), row.end());
  base_margin.push_back(static_cast<float>(margin));
  labels.push_back(static_cast<float>(label));
}

BoosterSettings ForecastSettings() {
  return {{{"objective", "count:poisson"},
           {"max_depth", "4"},
           {"eta", "0.08"},
           {"min_child_weight", "5"},
           {"subsample", "0.8"},
           {"lambda", "1"},
           {"tree_method", "hist"},
           {"seed", "7"},
           {"nthread", "1"},
           {"verbosity", "0"}},
          160};
}

Booster::~Booster() {
  if (handle_ != nullptr) XGBoosterFree(handle_);
}

Booster::Booster(Booster&& other) noexcept : handle_(other.handle_) {
  other.handle_ = nullptr;
}

absl::StatusOr<Booster> Booster::Train(const Rows& rows, const BoosterSettings& settings) {
  absl::StatusOr<Matrix> matrix = Matrix::Of(rows, true);
  if (!matrix.ok()) return matrix.status();
  DMatrixHandle data = matrix->get();
  BoosterHandle handle = nullptr;
  if (absl::Status s = Check(XGBoosterCreate(&data, 1, &handle), "cannot start a model");
      !s.ok()) {
    return s;
  }
  Booster booster(handle);
  for (const auto& [name, value] : settings.parameters) {
    if (absl::Status s = Check(XGBoosterSetParam(handle, name.c_str(), value.c_str()),
                               "refused a parameter");
        !s.ok()) {
      return s;
    }
  }
  for (int round = 0; round < settings.rounds; ++round) {
    if (absl::Status s = Check(XGBoosterUpdateOneIter(handle, round, data), "cannot train");
        !s.ok()) {
      return s;
    }
  }
  return booster;
}

absl::StatusOr<Booster> Booster::Load(const std::string& bytes, const std::string& what) {
  BoosterHandle handle = nullptr;
  if (absl::Status s = Check(XGBoosterCreate(nullptr, 0, &handle), "cannot start a model");
      !s.ok()) {
    return s;
  }
  Booster booster(handle);
  if (XGBoosterLoadModelFromBuffer(handle, bytes.data(), bytes.size()) != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": not an XGBoost model this library reads: ", XGBGetLastError()));
  }
  if (absl::Status s = Check(XGBoosterSetParam(handle, "nthread", "1"), "refused a parameter");
      !s.ok()) {
    return s;
  }
  return booster;
}

absl::StatusOr<std::string> Booster::Save() const {
  bst_ulong length = 0;
  const char* bytes = nullptr;
  if (absl::Status s = Check(XGBoosterSaveModelToBuffer(handle_, R"({"format": "json"})",
                                                        &length, &bytes),
                             "cannot save the model");
      !s.ok()) {
    return s;
  }
  return std::string(bytes, length);
}

absl::StatusOr<std::vector<float>> Booster::Predict(const Rows& rows) const {
  return RunPredict(handle_, rows, 0);
}

absl::StatusOr<std::vector<float>> Booster::Contributions(const Rows& rows) const {
  return RunPredict(handle_, rows, 4);
}

int Booster::Features() const {
  bst_ulong features = 0;
  if (XGBoosterGetNumFeature(handle_, &features) != 0) return -1;
  return static_cast<int>(features);
}

std::string LibraryVersion() {
  int major = 0, minor = 0, patch = 0;
  XGBoostVersion(&major, &minor, &patch);
  return absl::StrCat("xgboost ", major, ".", minor, ".", patch, " (C API)");
}

}  // namespace callplan::crm::learning
