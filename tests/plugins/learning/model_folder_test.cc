// A learned model on disk: written whole or not at all, never over
// another folder, and read back only when every file is as learnt, the
// format is one this callplan reads and the products are the bundle's.
#include "plugins/learning/model_folder.h"

#include <sys/stat.h>

#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/learning/model_card.h"
#include "plugins/learning/scoring.h"
#include "tests/fixtures/process.h"
#include "tests/plugins/learning/learning_test_support.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm::learning {
namespace {

using ::testing::HasSubstr;
using testing::Generated;

const LearnedModel& Model() {
  static const LearnedModel* model = [] {
    absl::StatusOr<LearnedModel> learned =
        Learn(Generated().bundle, absl::CivilMonth(2026, 2));
    if (!learned.ok()) std::abort();
    return new LearnedModel(*std::move(learned));
  }();
  return *model;
}

std::string Fresh(const std::string& name) {
  return callplan::testing::MakeTempDir("callplan-model") + "/" + name;
}

bool Exists(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0;
}

void Replace(const std::string& path, const std::string& from, const std::string& to) {
  std::string text = testing::ReadText(path);
  const size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

TEST(ModelFolderTest, WrittenThenReadScoresAsTheModelJustLearnt) {
  const std::string dir = Fresh("model");
  ASSERT_TRUE(WriteModelFolder(dir, Model(), {{"MODEL_CARD.md", "# card\n"}}).ok());
  EXPECT_TRUE(Exists(dir + "/MODEL_CARD.md"));
  EXPECT_FALSE(Exists(dir + ".writing"));
  absl::StatusOr<LoadedModel> read = ReadModelFolder(dir);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->card.model_id(), Model().card.model_id());
  absl::StatusOr<LoadedModel> direct = LoadModel(Model());
  ASSERT_TRUE(direct.ok());
  const absl::CivilMonth at(2026, 2);
  const ModelScores a = *ScoreBundleAt(*read, Generated().bundle, at);
  const ModelScores b = *ScoreBundleAt(*direct, Generated().bundle, at);
  ASSERT_EQ(a.physicians.size(), b.physicians.size());
  for (size_t p = 0; p < a.physicians.size(); ++p) {
    EXPECT_EQ(a.physicians[p].tier, b.physicians[p].tier);
    for (size_t k = 0; k < a.physicians[p].products.size(); ++k) {
      EXPECT_EQ(a.physicians[p].products[k].potential, b.physicians[p].products[k].potential);
      EXPECT_EQ(a.physicians[p].products[k].words, b.physicians[p].products[k].words);
    }
  }
}

TEST(ModelFolderTest, AFolderWithAnythingInItIsNeverOverwritten) {
  const std::string dir = Fresh("taken");
  ASSERT_TRUE(WriteModelFolder(dir, Model(), {}).ok());
  const std::string card = testing::ReadText(dir + "/" + kCardFile);
  absl::Status again = WriteModelFolder(dir, Model(), {});
  EXPECT_EQ(again.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(again.message(), HasSubstr("exists and is not an empty folder; nothing was written"));
  EXPECT_EQ(testing::ReadText(dir + "/" + kCardFile), card);
}

TEST(ModelFolderTest, AModelFileChangedAfterLearningIsNamed) {
  const std::string dir = Fresh("changed");
  ASSERT_TRUE(WriteModelFolder(dir, Model(), {}).ok());
  Replace(dir + "/family_cardio.json", "\"num_trees\"", "\"num_trees\" ");
  absl::StatusOr<LoadedModel> read = ReadModelFolder(dir);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(read.status().message(),
              HasSubstr("family_cardio.json: does not match the card's model_sha256"));
}

TEST(ModelFolderTest, ACardEditedAfterLearningIsNamed) {
  const std::string dir = Fresh("edited");
  ASSERT_TRUE(WriteModelFolder(dir, Model(), {}).ok());
  Replace(dir + "/" + kCardFile, "\"as_of_month\": \"2026-02\"", "\"as_of_month\": \"2026-05\"");
  absl::StatusOr<LoadedModel> read = ReadModelFolder(dir);
  EXPECT_THAT(read.status().message(), HasSubstr("does not match the card's content"));
}

TEST(ModelFolderTest, ANewerFormatIsRefusedWithWhatToDo) {
  const std::string dir = Fresh("newer");
  ASSERT_TRUE(WriteModelFolder(dir, Model(), {}).ok());
  Replace(dir + "/" + kCardFile, "\"format_version\": 1", "\"format_version\": 2, \"new\": 1");
  absl::StatusOr<LoadedModel> read = ReadModelFolder(dir);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(read.status().message(),
              HasSubstr("format_version 2 was written by a newer callplan; this one reads up "
                        "to version 1"));
}

TEST(ModelFolderTest, NoCardIsNotFound) {
  const std::string dir = callplan::testing::MakeTempDir("callplan-no-model");
  absl::StatusOr<LoadedModel> read = ReadModelFolder(dir);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(read.status().message(), HasSubstr("no model_card.json"));
}

TEST(ModelFolderTest, AModelOfAnotherProductSetIsRefused) {
  absl::StatusOr<LoadedModel> model = LoadModel(Model());
  ASSERT_TRUE(model.ok());
  EXPECT_TRUE(CheckModelFitsBundle(*model, Generated().bundle, "m").ok());
  CrmBundle other = Generated().bundle;
  other.teams[0].products.push_back("Xylovent");
  other.teams.push_back({"oncology", "Oncology", {"Onkolin"}, {}, 0});
  absl::Status fits = CheckModelFitsBundle(*model, other, "m");
  EXPECT_EQ(fits.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(fits.message(),
              HasSubstr("--model m: learnt for another product set than the bundle's: team "
                        "\"cardio\" promotes Cardiovex, Respiral, Xylovent; the model learnt "
                        "Cardiovex, Respiral; team \"oncology\" (Onkolin) has no model"));
}

TEST(ModelFolderTest, FileNamesKeepTeamIdsApart) {
  EXPECT_EQ(ModelFileName("cardio"), "family_cardio.json");
  EXPECT_EQ(ModelFileName("a/b"), "family_a_2fb.json");
  EXPECT_NE(ModelFileName("a b"), ModelFileName("a_b"));
}

}  // namespace
}  // namespace callplan::crm::learning
