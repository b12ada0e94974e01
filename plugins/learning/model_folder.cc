#include "plugins/learning/model_folder.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/json_util.h"
#include "plugins/learning/model_card.h"
#include "plugins/product_families.h"

namespace callplan::crm::learning {
namespace {

// 0 = no such path, 1 = an empty folder, 2 = anything else.
int PathState(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return 0;
  if (!S_ISDIR(info.st_mode)) return 2;
  DIR* dir = opendir(path.c_str());
  if (dir == nullptr) return 2;
  int entries = 0;
  while (const dirent* entry = readdir(dir)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") ++entries;
  }
  closedir(dir);
  return entries == 0 ? 1 : 2;
}

absl::Status WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) return absl::InternalError(absl::StrCat(path, ": cannot write"));
  return absl::OkStatus();
}

void RemoveScratch(const std::string& scratch, const std::vector<std::string>& names) {
  for (const std::string& name : names) std::remove((scratch + "/" + name).c_str());
  rmdir(scratch.c_str());
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read"));
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

absl::StatusOr<v1::PotentialModelCard> ParseCard(const std::string& dir,
                                                 const std::string& json) {
  const std::string where = absl::StrCat(dir, "/", kCardFile);
  v1::PotentialModelCard card;
  google::protobuf::util::JsonParseOptions lenient;
  lenient.ignore_unknown_fields = true;
  if (!google::protobuf::util::JsonStringToMessage(json, &card, lenient).ok()) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": not a model card"));
  }
  if (card.format_version() > kModelFormatVersion) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, ": format_version ", card.format_version(),
        " was written by a newer callplan; this one reads up to version ",
        kModelFormatVersion, ": learn the model again or update callplan-crm"));
  }
  if (card.format_version() == 0) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": format_version is missing"));
  }
  card.Clear();
  if (auto parsed = google::protobuf::util::JsonStringToMessage(json, &card); !parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": not a version ", kModelFormatVersion,
                     " model card: ", parsed.ToString()));
  }
  return card;
}

// The family's model from its bytes, its features checked against the card.
absl::StatusOr<LoadedFamily> FamilyFromBytes(const v1::FamilyModel& family,
                                             const std::string& bytes,
                                             const std::string& where) {
  absl::StatusOr<Booster> booster = Booster::Load(bytes, where);
  if (!booster.ok()) return booster.status();
  FeatureLayout layout({family.specialties().begin(), family.specialties().end()},
                       {family.products().begin(), family.products().end()});
  if (booster->Features() != layout.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, ": the model reads ", booster->Features(), " features, the card describes ",
        layout.size()));
  }
  return LoadedFamily{family, std::move(layout), *std::move(booster)};
}

absl::StatusOr<LoadedFamily> LoadFamily(const std::string& dir,
                                        const v1::FamilyModel& family,
                                        std::map<std::string, std::string>& files) {
  const std::string path = absl::StrCat(dir, "/", family.model_file());
  absl::StatusOr<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": missing; the card lists it for team \"", family.family_id(), "\""));
  }
  if (Sha256Hex(*bytes) != family.model_sha256()) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": does not match the card's model_sha256; the file was changed after "
              "learning"));
  }
  files[family.model_file()] = *bytes;
  return FamilyFromBytes(family, *bytes, path);
}

}  // namespace

absl::Status WriteModelFolder(const std::string& dir, const LearnedModel& model,
                              const std::map<std::string, std::string>& extra) {
  const int state = PathState(dir);
  if (state == 2) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--out ", dir, ": exists and is not an empty folder; nothing was written "
                       "(choose a new folder: a model is never overwritten)"));
  }
  const std::string scratch = dir + ".writing";
  if (state == 1) rmdir(dir.c_str());
  if (mkdir(scratch.c_str(), 0755) != 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--out ", dir, ": cannot create ", scratch,
        " (a folder left by an interrupted learn? remove it); nothing was written"));
  }
  std::map<std::string, std::string> files = model.files;
  files[kCardFile] = CardJson(model.card);
  files.insert(extra.begin(), extra.end());
  std::vector<std::string> names;
  for (const auto& [name, bytes] : files) {
    names.push_back(name);
    if (absl::Status s = WriteFile(scratch + "/" + name, bytes); !s.ok()) {
      RemoveScratch(scratch, names);
      return s;
    }
  }
  if (rename(scratch.c_str(), dir.c_str()) != 0) {
    RemoveScratch(scratch, names);
    return absl::InternalError(absl::StrCat("--out ", dir, ": cannot move the model into place"));
  }
  return absl::OkStatus();
}

absl::StatusOr<LoadedModel> ReadModelFolder(const std::string& dir) {
  absl::StatusOr<std::string> json = ReadFile(absl::StrCat(dir, "/", kCardFile));
  if (!json.ok()) {
    return absl::NotFoundError(absl::StrCat(
        "--model ", dir, ": no ", kCardFile, " (a folder written by callplan-crm learn)"));
  }
  absl::StatusOr<v1::PotentialModelCard> card = ParseCard(dir, *json);
  if (!card.ok()) return card.status();
  LoadedModel model{*card, {}};
  std::map<std::string, std::string> files;
  for (const v1::FamilyModel& family : card->families()) {
    absl::StatusOr<LoadedFamily> loaded = LoadFamily(dir, family, files);
    if (!loaded.ok()) return loaded.status();
    model.families.push_back(*std::move(loaded));
  }
  v1::PotentialModelCard check = *card;
  SetModelId(files, check);
  if (check.model_id() != card->model_id()) {
    return absl::InvalidArgumentError(absl::StrCat(
        dir, "/", kCardFile, ": model_id ", card->model_id(),
        " does not match the card's content (", check.model_id(),
        "); the card was edited after learning"));
  }
  return model;
}

absl::StatusOr<LoadedModel> LoadModel(const LearnedModel& learned) {
  LoadedModel model{learned.card, {}};
  for (const v1::FamilyModel& family : learned.card.families()) {
    const auto bytes = learned.files.find(family.model_file());
    if (bytes == learned.files.end()) {
      return absl::InternalError(absl::StrCat("no model file ", family.model_file()));
    }
    absl::StatusOr<LoadedFamily> loaded =
        FamilyFromBytes(family, bytes->second, family.model_file());
    if (!loaded.ok()) return loaded.status();
    model.families.push_back(*std::move(loaded));
  }
  return model;
}

absl::Status CheckModelFitsBundle(const LoadedModel& model, const CrmBundle& bundle,
                                  const std::string& dir) {
  std::map<std::string, std::vector<std::string>> learnt, now;
  for (const LoadedFamily& family : model.families) {
    learnt[family.model.family_id()] = {family.model.products().begin(),
                                        family.model.products().end()};
  }
  for (const ProductFamily& family : ProductFamilies(bundle)) now[family.id] = family.products;
  std::vector<std::string> problems;
  for (const auto& [team, products] : now) {
    const auto it = learnt.find(team);
    if (it == learnt.end()) {
      problems.push_back(absl::StrCat("team \"", team, "\" (", absl::StrJoin(products, ", "),
                                      ") has no model"));
    } else if (it->second != products) {
      problems.push_back(absl::StrCat("team \"", team, "\" promotes ",
                                      absl::StrJoin(products, ", "), "; the model learnt ",
                                      absl::StrJoin(it->second, ", ")));
    }
  }
  for (const auto& [team, products] : learnt) {
    if (now.count(team) == 0) {
      problems.push_back(absl::StrCat("the model's team \"", team, "\" is not in the bundle"));
    }
  }
  if (problems.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "--model ", dir, ": learnt for another product set than the bundle's: ",
      absl::StrJoin(problems, "; "), "; learn a model from this bundle"));
}

}  // namespace callplan::crm::learning
