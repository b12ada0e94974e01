// Learned potentials as a CRM runs them (issue 14), against a real
// sidecar: `learn` on the sample bundle's generated history writes a model
// folder, `sync --model` plans the day on its potentials with every visit
// saying in words why the model values it, the plan and the audit record
// name the model, the cycle plans with its tiers, and bad history or a
// model of another product set writes nothing. `report` then reads what
// was planned back from the calendars against the calls made.
#include <sys/stat.h>

#include <regex>

#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/ics_calendar.h"
#include "plugins/ics_folder.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/process.h"
#include "tests/fixtures/radicale_process.h"
#include "tests/fixtures/sidecar_process.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using callplan::testing::CommandResult;
using callplan::testing::MakeTempDir;
using callplan::testing::RunCommand;
using testing::Crm;
using testing::Exists;
using testing::ReadText;
using testing::SampleBundleDir;
using testing::WriteText;

constexpr char kDate[] = "2026-03-12";

// The sample bundle's model, learnt once per test binary.
const std::string& SampleModel() {
  static const std::string* dir = [] {
    auto* model = new std::string(MakeTempDir("callplan-learn") + "/model");
    const CommandResult learnt = RunCommand(
        Crm(absl::StrCat("learn --crm ", SampleBundleDir(), " --as-of 2026-02 --out ", *model)));
    if (learnt.exit_code != 0) std::abort();
    return model;
  }();
  return *dir;
}

// Every event written into the sample reps' calendars for kDate.
std::vector<FoundEvent> EventsOfTheDay(const std::string& calendars) {
  std::vector<FoundEvent> events;
  for (const CrmRep& rep : testing::SampleBundle().reps) {
    const std::string file = RepDayFile(calendars, rep.id, kDate);
    if (!Exists(file)) continue;
    absl::StatusOr<std::vector<FoundEvent>> found = ParseEvents(ReadText(file));
    EXPECT_TRUE(found.ok()) << file;
    if (found.ok()) events.insert(events.end(), found->begin(), found->end());
  }
  return events;
}

TEST(CrmLearn, LearnWritesTheModelItsCardAndItsScores) {
  const std::string out = MakeTempDir("callplan-learn-out") + "/model";
  const CommandResult learnt = RunCommand(
      Crm(absl::StrCat("learn --crm ", SampleBundleDir(), " --as-of 2026-02 --out ", out)));
  ASSERT_EQ(learnt.exit_code, 0) << learnt.err;
  EXPECT_THAT(learnt.out, ::testing::ContainsRegex("model pm-[0-9a-f]{16} learnt from 2023-03 "
                                                   "to 2026-02"));
  for (const char* row : {"cardio     model", "cardio     typed-in potentials",
                          "diabetes   last three months"}) {
    EXPECT_THAT(learnt.out, HasSubstr(row));
  }
  EXPECT_THAT(learnt.out, HasSubstr("tiers at 2026-02: A 8, B 12, C 20"));
  // Progress on stderr, a line per model trained.
  EXPECT_THAT(learnt.err, HasSubstr("learning team cardio: the model measured on held-out "
                                    "months, 1840 forecasts\n"));
  EXPECT_THAT(learnt.err, HasSubstr("learning team diabetes: the model on every month"));
  for (const char* file : {"model_card.json", "MODEL_CARD.md", "learned_potentials.csv",
                           "family_cardio.json", "family_diabetes.json"}) {
    EXPECT_TRUE(Exists(out + "/" + file)) << file;
  }
  const std::string card = ReadText(out + "/MODEL_CARD.md");
  EXPECT_THAT(card, HasSubstr("no patient data is read or kept"));
  EXPECT_THAT(card, HasSubstr("xgboost 1.7"));
  EXPECT_THAT(ReadText(out + "/learned_potentials.csv"),
              HasSubstr("physician_id,product,forecast,potential,tier,decile,why\nP001,"));
  // The same bundle learns the same model.
  const std::string again = MakeTempDir("callplan-learn-again") + "/model";
  ASSERT_EQ(RunCommand(Crm(absl::StrCat("learn --crm ", SampleBundleDir(),
                                        " --as-of 2026-02 --out ", again)))
                .exit_code,
            0);
  EXPECT_EQ(ReadText(again + "/model_card.json"), ReadText(out + "/model_card.json"));
  EXPECT_EQ(ReadText(again + "/family_cardio.json"), ReadText(out + "/family_cardio.json"));
}

TEST(CrmLearn, SyncPlansTheDayOnLearnedPotentialsAndSaysWhy) {
  auto sidecar = callplan::testing::SidecarProcess::Start();
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const std::string calendars = MakeTempDir("callplan-learn-cal");
  const CommandResult sync = RunCommand(Crm(absl::StrCat(
      "sync --crm ", SampleBundleDir(), " --date ", kDate, " --sidecar ", (*sidecar)->address(),
      " --calendar ", calendars, " --model ", SampleModel())));
  ASSERT_EQ(sync.exit_code, 0) << sync.err << (*sidecar)->Log();
  EXPECT_THAT(sync.out, ::testing::ContainsRegex(
                            "potentials from model pm-[0-9a-f]{16} \\(learnt to 2026-02, "
                            "forecast from 2026-02\\): 40 physicians scored; tiers A 8, B 12, C "
                            "20"));
  EXPECT_THAT(sync.out, ::testing::ContainsRegex("plan: OPTIMAL.*potentials of model pm-"));
  // The day as printed says why under every visit, in the model's words.
  EXPECT_THAT(sync.out, ::testing::ContainsRegex(
                            "\n  1\\. [^\n]*\n       why: promotes [^\n]*prescriptions in 3 "
                            "months"));
  const std::vector<FoundEvent> events = EventsOfTheDay(calendars);
  for (const FoundEvent& event : events) {
    // Every visit says in words why the model values it.
    EXPECT_THAT(event.vevent, HasSubstr("prescriptions in 3 months")) << event.uid;
    EXPECT_THAT(event.vevent, HasSubstr("of predicted value")) << event.uid;
  }
  EXPECT_GT(events.size(), 20u);
  const CommandResult audit = RunCommand(
      Crm(absl::StrCat("admin audit --sidecar ", (*sidecar)->address(), " --all")));
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_THAT(audit.out, ::testing::ContainsRegex("potential_model=pm-[0-9a-f]{16}"));
}

// A manager reviews what the reps will get: a draft made on the learned
// potentials says so, and publishing it writes the model's words into the
// calendars, as sync does.
TEST(CrmLearn, ADraftOnLearnedPotentialsIsPublishedWithTheModelsWords) {
  auto sidecar = callplan::testing::SidecarProcess::Start();
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const std::string address = (*sidecar)->address();
  const CommandResult draft = RunCommand(Crm(absl::StrCat(
      "draft --crm ", SampleBundleDir(), " --date ", kDate, " --sidecar ", address,
      " --model ", SampleModel())));
  ASSERT_EQ(draft.exit_code, 0) << draft.err << (*sidecar)->Log();
  EXPECT_THAT(draft.out, ::testing::ContainsRegex("potentials from model pm-[0-9a-f]{16}"));
  EXPECT_THAT(draft.out, ::testing::ContainsRegex("plan: OPTIMAL.*potentials of model pm-"));
  std::smatch match;
  ASSERT_TRUE(std::regex_search(draft.out, match,
                                std::regex("draft (plan-[0-9a-f]+) version 1")))
      << draft.out;
  const std::string calendars = MakeTempDir("callplan-learn-draft");
  const CommandResult published = RunCommand(Crm(absl::StrCat(
      "publish --plan ", match[1].str(), " --version 1 --crm ", SampleBundleDir(),
      " --calendar ", calendars, " --sidecar ", address)));
  ASSERT_EQ(published.exit_code, 0) << published.err;
  const std::vector<FoundEvent> events = EventsOfTheDay(calendars);
  for (const FoundEvent& event : events) {
    EXPECT_THAT(event.vevent, HasSubstr("prescriptions in 3 months")) << event.uid;
  }
  EXPECT_GT(events.size(), 20u);

  // Its re-plan keeps the model's potentials: they are in the stored day.
  const CommandResult replanned = RunCommand(Crm(absl::StrCat(
      "replan --plan ", match[1].str(), " --now 11:00 --absent R01 --sidecar ", address)));
  ASSERT_EQ(replanned.exit_code, 0) << replanned.err;
  EXPECT_THAT(replanned.out, ::testing::ContainsRegex("potentials of model pm-[0-9a-f]{16}"));

  // A folder that holds no model drafts nothing, and says which file is
  // missing.
  const CommandResult refused = RunCommand(Crm(absl::StrCat(
      "draft --crm ", SampleBundleDir(), " --date ", kDate, " --sidecar ", address,
      " --model ", SampleBundleDir())));
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_THAT(refused.err, HasSubstr("model_card.json"));
  EXPECT_THAT(refused.err, HasSubstr("nothing was planned or stored"));
}

TEST(CrmLearn, TheCyclePlansWithTheLearnedTiers) {
  auto sidecar = callplan::testing::SidecarProcess::Start();
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const std::string calendars = MakeTempDir("callplan-learn-cycle");
  const CommandResult sync = RunCommand(Crm(absl::StrCat(
      "sync --crm ", SampleBundleDir(), " --from 2026-03-16 --to 2026-03-27 --sidecar ",
      (*sidecar)->address(), " --calendar ", calendars, " --model ", SampleModel())));
  ASSERT_EQ(sync.exit_code, 0) << sync.err << (*sidecar)->Log();
  EXPECT_THAT(sync.out, HasSubstr("tiers A 8, B 12, C 20"));
  const CommandResult audit = RunCommand(
      Crm(absl::StrCat("admin audit --sidecar ", (*sidecar)->address(), " --all")));
  EXPECT_THAT(audit.out, ::testing::ContainsRegex("cycle=2026-03-16..2026-03-27.*potential_model="
                                                  "pm-"));
}

TEST(CrmLearn, BadHistoryWritesNoModelAndNamesEveryRow) {
  const std::string bundle = testing::CopySampleBundle("callplan-learn-bundle");
  std::string prescriptions = ReadText(bundle + "/prescriptions.csv");
  prescriptions += "P001,Cardiovex,2024-01,5\nP002,Cardiovex,2026-01,-4\n";
  WriteText(bundle + "/prescriptions.csv", prescriptions);
  const std::string out = MakeTempDir("callplan-learn-bad") + "/model";
  const CommandResult learnt =
      RunCommand(Crm(absl::StrCat("learn --crm ", bundle, " --as-of 2026-02 --out ", out)));
  EXPECT_EQ(learnt.exit_code, 2);
  EXPECT_THAT(learnt.err, HasSubstr("prescriptions.csv:5762: month: 2024-01 comes after 2026-02"));
  EXPECT_THAT(learnt.err, HasSubstr("prescriptions.csv:5763: prescriptions: cannot be negative"));
  EXPECT_THAT(learnt.err, HasSubstr("no model was written"));
  EXPECT_FALSE(Exists(out));
  const CommandResult month =
      RunCommand(Crm(absl::StrCat("learn --crm ", SampleBundleDir(), " --as-of 2026-13 --out ",
                                  out)));
  EXPECT_EQ(month.exit_code, 2);
  EXPECT_THAT(month.err, HasSubstr("--as-of: month \"2026-13\" is not a month YYYY-MM"));
  EXPECT_FALSE(Exists(out));
}

TEST(CrmLearn, AModelOfAnotherProductSetPlansNothing) {
  const std::string bundle = testing::CopySampleBundle("callplan-learn-bundle");
  WriteText(bundle + "/teams.csv",
            "team_id,name,products\ncardio,Cardio,Cardiovex;Respiral;Xylovent\n"
            "diabetes,Diabetes,Glucora;Neurolin\n");
  const std::string calendars = MakeTempDir("callplan-learn-other");
  const CommandResult sync = RunCommand(Crm(absl::StrCat(
      "sync --crm ", bundle, " --date ", kDate, " --sidecar 127.0.0.1:1 --calendar ", calendars,
      " --model ", SampleModel())));
  EXPECT_EQ(sync.exit_code, 2);
  EXPECT_THAT(sync.err, HasSubstr("learnt for another product set than the bundle's: team "
                                  "\"cardio\" promotes Cardiovex, Respiral, Xylovent"));
  EXPECT_THAT(sync.err, HasSubstr("nothing was planned or written"));
  EXPECT_FALSE(Exists(RepDayFile(calendars, "R01", kDate)));
}

// What was planned into the calendars against what the CRM says was made.
TEST(CrmReport, CallsPlannedAgainstMadeAttainmentCoverageAndTrend) {
  auto sidecar = callplan::testing::SidecarProcess::Start();
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const std::string bundle = testing::CopySampleBundle("callplan-learn-bundle");
  const std::string calendars = MakeTempDir("callplan-report-cal");
  const CommandResult sync = RunCommand(Crm(absl::StrCat(
      "sync --crm ", bundle, " --date ", kDate, " --sidecar ", (*sidecar)->address(),
      " --calendar ", calendars)));
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  // The CRM records one of R01's planned visits as made.
  absl::StatusOr<std::vector<FoundEvent>> r01 =
      ParseEvents(ReadText(RepDayFile(calendars, "R01", kDate)));
  ASSERT_TRUE(r01.ok() && !r01->empty());
  const std::string uid = (*r01)[0].uid;  // callplan-2026-03-12-R01-P...@callplan
  const std::string physician = uid.substr(uid.rfind('-') + 1, uid.find('@') - uid.rfind('-') - 1);
  WriteText(bundle + "/visit_history.csv",
            ReadText(bundle + "/visit_history.csv") + physician + ",cardio," + kDate + ",\n");
  const std::string reports = MakeTempDir("callplan-report-out");
  const CommandResult report = RunCommand(Crm(absl::StrCat(
      "report --crm ", bundle, " --from 2026-03-01 --to 2026-03-31 --calendar ", calendars,
      " --report ", reports)));
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_THAT(report.out, ::testing::ContainsRegex("cardio +[0-9]+ +4 +1\n"));
  EXPECT_THAT(report.out, HasSubstr("attainment by tier"));
  EXPECT_THAT(report.out, HasSubstr("potential covered:"));
  EXPECT_THAT(report.out, HasSubstr("not known (prescriptions.csv covers 2023-03..2026-02; the "
                                    "comparison needs 2026-02..2026-03)"));
  EXPECT_THAT(ReadText(reports + "/outcome_2026-03-01_2026-03-31.svg"), HasSubstr("</svg>"));
  EXPECT_THAT(ReadText(reports + "/outcome-report_2026-03-01_2026-03-31.txt"),
              HasSubstr("made as planned"));

  // A past quarter: the prescriptions of physicians called and not called.
  const CommandResult past = RunCommand(Crm(absl::StrCat(
      "report --crm ", bundle, " --from 2025-12-01 --to 2026-02-28 --model ", SampleModel())));
  ASSERT_EQ(past.exit_code, 0) << past.err;
  EXPECT_THAT(past.out, HasSubstr("prescriptions per physician a month, 2025-12..2026-02 "
                                  "against 2025-09..2025-11"));
  EXPECT_THAT(past.out, ::testing::ContainsRegex("called +[0-9]+ +[0-9.]+ +[0-9.]+ +[-+][0-9.]+%"));
  EXPECT_THAT(past.out, HasSubstr("does not prove what the calls caused"));
  EXPECT_THAT(past.out, HasSubstr("(no --calendar: calls planned are not counted)"));
}

// The same read from CalDAV collections (a real Radicale): every event sync
// wrote there is a planned call.
TEST(CrmReport, ReadsThePlannedCallsBackFromCalDav) {
  auto sidecar = callplan::testing::SidecarProcess::Start();
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  auto radicale = callplan::testing::RadicaleProcess::Start();
  ASSERT_TRUE(radicale.ok()) << radicale.status();
  const std::string calendar = (*radicale)->url() + "/{rep_id}/visits/";
  const CommandResult sync = RunCommand(Crm(absl::StrCat(
      "sync --crm ", SampleBundleDir(), " --date ", kDate, " --sidecar ", (*sidecar)->address(),
      " --calendar '", calendar, "'")));
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  const CommandResult report = RunCommand(Crm(absl::StrCat(
      "report --crm ", SampleBundleDir(), " --from ", kDate, " --to ", kDate, " --calendar '",
      calendar, "'")));
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_THAT(report.out,
              HasSubstr(absl::StrCat("all ", std::string(12 - 3, ' '),
                                     absl::StrFormat("%8d %8d %16d", static_cast<int>(
                                         testing::PlannableOn(testing::SampleBundle(), kDate)),
                                                     0, 0))));
  // A CalDAV report writes its files only where --report says.
  EXPECT_THAT(report.out, Not(HasSubstr("chart:")));
}

TEST(CrmReport, BadPeriodsAreNamed) {
  const CommandResult reversed = RunCommand(Crm(absl::StrCat(
      "report --crm ", SampleBundleDir(), " --from 2026-03-31 --to 2026-03-01")));
  EXPECT_EQ(reversed.exit_code, 2);
  EXPECT_THAT(reversed.err, HasSubstr("--to 2026-03-01 is before --from 2026-03-31"));
  const CommandResult bad = RunCommand(Crm(absl::StrCat(
      "report --crm ", SampleBundleDir(), " --from 2026-02-30 --to 2026-03-01")));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--from: date \"2026-02-30\" is not a day YYYY-MM-DD"));
}

}  // namespace
}  // namespace callplan::crm
