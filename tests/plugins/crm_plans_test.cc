// A stored plan's life through callplan-crm, as a CRM and a manager run
// it against a real sidecar: a draft changes no calendar, the review shows
// every visit against the published plan, publishing writes the calendars
// (and writes them again when re-run), and where a team requires approval
// nothing is published until a manager approves.
#include <sys/stat.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "absl/strings/match.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/ics_calendar.h"
#include "plugins/ics_folder.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/sidecar_process.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using callplan::testing::CommandResult;
using callplan::testing::RunCommand;
using testing::Crm;
using testing::Exists;
using testing::ReadText;
using testing::SampleBundle;
using testing::SampleBundleDir;

constexpr char kDate[] = "2026-03-12";

// Events in every rep's calendar file for the day.
size_t EventsWritten(const std::string& dir) {
  size_t events = 0;
  for (const CrmRep& rep : SampleBundle().reps) {
    const std::string file = RepDayFile(dir, rep.id, kDate);
    if (!Exists(file)) continue;
    absl::StatusOr<std::vector<FoundEvent>> found = ParseEvents(ReadText(file));
    EXPECT_TRUE(found.ok()) << file;
    if (found.ok()) events += found->size();
  }
  return events;
}

std::string PlanIdIn(const std::string& out) {
  std::smatch match;
  return std::regex_search(out, match, std::regex("draft (plan-[0-9a-f]+) version 1"))
             ? match[1].str()
             : "";
}

class CrmPlansTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto sidecar = callplan::testing::SidecarProcess::Start();
    ASSERT_TRUE(sidecar.ok()) << sidecar.status();
    sidecar_ = *std::move(sidecar);
    calendars_ = callplan::testing::MakeTempDir("callplan-crm-plans");
  }
  std::string Sidecar() const { return absl::StrCat(" --sidecar ", sidecar_->address()); }
  CommandResult Draft() {
    return RunCommand(Crm(absl::StrCat("draft --crm ", SampleBundleDir(), " --date ",
                                       kDate, Sidecar(), " --reason 'morning run'")));
  }
  CommandResult Publish(const std::string& plan, int version) {
    return RunCommand(Crm(absl::StrCat("publish --plan ", plan, " --version ", version,
                                       " --crm ", SampleBundleDir(), " --calendar ",
                                       calendars_, Sidecar())));
  }

  std::unique_ptr<callplan::testing::SidecarProcess> sidecar_;
  std::string calendars_;
};

TEST_F(CrmPlansTest, ADraftChangesNoCalendarUntilItIsPublished) {
  const CommandResult draft = Draft();
  ASSERT_EQ(draft.exit_code, 0) << draft.err << sidecar_->Log();
  const std::string plan = PlanIdIn(draft.out);
  ASSERT_FALSE(plan.empty()) << draft.out;
  EXPECT_THAT(draft.out, HasSubstr("no calendar was touched"));
  EXPECT_THAT(draft.out, HasSubstr("against: no published plan"));
  EXPECT_THAT(draft.out, HasSubstr("v1 DRAFT by "));
  EXPECT_THAT(draft.out, HasSubstr("morning run"));
  EXPECT_EQ(EventsWritten(calendars_), 0u);

  const size_t plannable = testing::PlannableOn(SampleBundle(), kDate);
  const CommandResult review = RunCommand(
      Crm(absl::StrCat("review --plan ", plan, " --crm ", SampleBundleDir(), Sidecar())));
  ASSERT_EQ(review.exit_code, 0) << review.err;
  EXPECT_THAT(review.out, HasSubstr(absl::StrCat(plannable, " visit changes")));
  for (const CrmRep& rep : SampleBundle().reps) {
    EXPECT_THAT(review.out, HasSubstr(rep.id)) << rep.id;
  }

  const CommandResult published = Publish(plan, 1);
  ASSERT_EQ(published.exit_code, 0) << published.err;
  EXPECT_THAT(published.out, HasSubstr("is PUBLISHED (version 2)"));
  EXPECT_EQ(EventsWritten(calendars_), plannable);
  const std::string r01 = ReadText(RepDayFile(calendars_, "R01", kDate));

  // Re-running the publish finishes (here: repeats) the calendars only.
  const CommandResult again = Publish(plan, 2);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("already published"));
  EXPECT_EQ(ReadText(RepDayFile(calendars_, "R01", kDate)), r01);

  // The same day drafted again is the same plan: nothing to review.
  const CommandResult second = Draft();
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr(absl::StrCat("against: published plan ", plan)));
  EXPECT_THAT(second.out, HasSubstr("no visit changes"));
}

TEST_F(CrmPlansTest, WhereApprovalIsRequiredNothingIsPublishedBeforeAManagerApproves) {
  const CommandResult policy = RunCommand(Crm(absl::StrCat(
      "admin set --team default --expected-version 0 --reason 'managers decide' "
      "--require-approval yes", Sidecar())));
  ASSERT_EQ(policy.exit_code, 0) << policy.err;
  EXPECT_THAT(policy.out, HasSubstr("required"));

  // sync would bypass the manager: it plans, and writes nothing.
  const CommandResult sync = RunCommand(Crm(absl::StrCat(
      "sync --crm ", SampleBundleDir(), " --date ", kDate, " --calendar ", calendars_,
      Sidecar())));
  EXPECT_EQ(sync.exit_code, 1);
  EXPECT_THAT(sync.err, HasSubstr("requires a manager's approval"));
  EXPECT_EQ(EventsWritten(calendars_), 0u);

  const CommandResult draft = Draft();
  ASSERT_EQ(draft.exit_code, 0) << draft.err;
  const std::string plan = PlanIdIn(draft.out);
  ASSERT_FALSE(plan.empty());
  const CommandResult early = Publish(plan, 1);
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_THAT(early.err, HasSubstr("approval"));
  EXPECT_THAT(early.err, HasSubstr("no calendar was touched"));
  EXPECT_EQ(EventsWritten(calendars_), 0u);

  const CommandResult reject_without_reason = RunCommand(
      Crm(absl::StrCat("reject --plan ", plan, " --version 1", Sidecar())));
  EXPECT_EQ(reject_without_reason.exit_code, 2);
  EXPECT_THAT(reject_without_reason.err, HasSubstr("reason"));

  const CommandResult approve = RunCommand(Crm(
      absl::StrCat("approve --plan ", plan, " --version 1 --reason fine", Sidecar())));
  ASSERT_EQ(approve.exit_code, 0) << approve.err;
  EXPECT_THAT(approve.out, HasSubstr("is APPROVED (version 2)"));
  const CommandResult stale = Publish(plan, 1);
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_THAT(stale.err, HasSubstr("ABORTED"));
  EXPECT_THAT(stale.err, HasSubstr("callplan-crm review"));
  EXPECT_EQ(EventsWritten(calendars_), 0u);

  const CommandResult published = Publish(plan, 2);
  ASSERT_EQ(published.exit_code, 0) << published.err;
  EXPECT_EQ(EventsWritten(calendars_), testing::PlannableOn(SampleBundle(), kDate));

  const CommandResult audit = RunCommand(
      Crm(absl::StrCat("admin audit --kind plan_step --all", Sidecar())));
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_THAT(audit.out, HasSubstr("DRAFT v1 -> APPROVED v2"));
  EXPECT_THAT(audit.out, HasSubstr("APPROVED v2 -> PUBLISHED v3"));
  EXPECT_THAT(audit.out, HasSubstr("reason: fine"));
}

// The lines of one rep's block in a review: its totals, then its changes.
std::vector<std::string> RepBlock(const std::string& review, const std::string& rep) {
  std::vector<std::string> block;
  std::istringstream lines(review);
  bool inside = false;
  for (std::string line; std::getline(lines, line);) {
    if (absl::StartsWith(line, "  R")) inside = absl::StartsWith(line, "  " + rep + " ");
    if (inside) block.push_back(line);
  }
  return block;
}

TEST_F(CrmPlansTest, AManagersPinsForbidsAndLocksShapeTheDraftAndItsReview) {
  const std::string pins = absl::StrCat(calendars_, "/pins.csv");
  testing::WriteText(pins,
                     "kind,date,rep_id,physician_id,start,done,pinned_by,reason\n"
                     "pin,2026-03-12,R01,P007,,,Ann Lee,promised the doctor\n"
                     "forbid,,R03,P016,,,Ann Lee,complaint last week\n"
                     "pin,,R04,P014,,,Ann Lee,\n"
                     "lock,,R04,,,,Ann Lee,training in the afternoon\n"
                     "pin,2026-03-13,R02,P999,,,Ann Lee,another day: left out\n");
  const CommandResult draft = RunCommand(Crm(absl::StrCat(
      "draft --crm ", SampleBundleDir(), " --date ", kDate, " --pins ", pins, Sidecar())));
  ASSERT_EQ(draft.exit_code, 0) << draft.err << sidecar_->Log();
  EXPECT_THAT(draft.out, HasSubstr("manager's decisions:"));
  EXPECT_THAT(draft.out, HasSubstr("pin   P007"));
  EXPECT_THAT(draft.out, HasSubstr("by Ann Lee: promised the doctor"));
  EXPECT_THAT(draft.out, HasSubstr("forbid R03"));
  EXPECT_THAT(draft.out, HasSubstr("lock  R04"));
  EXPECT_THAT(draft.out, Not(HasSubstr("P999")));

  const std::vector<std::string> r01 = RepBlock(draft.out, "R01");
  EXPECT_THAT(r01, ::testing::Contains(HasSubstr("+ P007"))) << draft.out;
  EXPECT_THAT(RepBlock(draft.out, "R03"), Not(::testing::Contains(HasSubstr("P016"))));
  const std::vector<std::string> r04 = RepBlock(draft.out, "R04");
  ASSERT_GE(r04.size(), 2u) << draft.out;
  EXPECT_THAT(r04[0], HasSubstr("visits  0 ->  1"));
  EXPECT_THAT(r04[1], HasSubstr("+ P014"));

  const CommandResult audit = RunCommand(
      Crm(absl::StrCat("admin audit --kind plan_step --all", Sidecar())));
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_THAT(audit.out, HasSubstr("forbidden_visits=1 locked_days=1 pins=2"));

  testing::WriteText(pins,
                     "kind,rep_id,physician_id,start,pinned_by\n"
                     "pin,R99,P007,,Ann Lee\n"
                     "forbid,R01,P007,09:00,Ann Lee\n"
                     "hold,R01,P007,,Ann Lee\n"
                     "pin,R01,P008,,\n");
  const CommandResult bad = RunCommand(Crm(absl::StrCat(
      "draft --crm ", SampleBundleDir(), " --date ", kDate, " --pins ", pins, Sidecar())));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("pins.csv:2: rep_id: no rep \"R99\""));
  EXPECT_THAT(bad.err, HasSubstr("pins.csv:3: start: only a pin has a start time"));
  EXPECT_THAT(bad.err, HasSubstr("pins.csv:4: kind: must be pin, forbid or lock"));
  EXPECT_THAT(bad.err, HasSubstr("pins.csv:5: pinned_by"));
  EXPECT_THAT(bad.err, HasSubstr("nothing was planned or stored"));
}

size_t EventsOf(const std::string& dir, const std::string& rep) {
  const std::string file = RepDayFile(dir, rep, kDate);
  if (!Exists(file)) return 0;
  absl::StatusOr<std::vector<FoundEvent>> found = ParseEvents(ReadText(file));
  return found.ok() ? found->size() : 0;
}

size_t Occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

TEST_F(CrmPlansTest, ARepWhoDropsOutAtElevenIsReplannedAndOnlyTheDiffReachesCalendars) {
  const CommandResult draft = Draft();
  ASSERT_EQ(draft.exit_code, 0) << draft.err;
  const std::string plan = PlanIdIn(draft.out);
  ASSERT_EQ(Publish(plan, 1).exit_code, 0);
  const size_t events = EventsWritten(calendars_);
  const size_t r01 = EventsOf(calendars_, "R01");

  const CommandResult replan = RunCommand(Crm(absl::StrCat(
      "replan --plan ", plan, " --now 11:00 --absent R01@11:00 --crm ", SampleBundleDir(),
      " --reason 'R01 called in sick'", Sidecar())));
  ASSERT_EQ(replan.exit_code, 0) << replan.err << sidecar_->Log();
  EXPECT_THAT(replan.out, HasSubstr(absl::StrCat("re-plan of ", plan)));
  EXPECT_THAT(replan.out, HasSubstr("absent from 11:00"));
  EXPECT_THAT(replan.out, HasSubstr("no calendar was touched"));
  const std::string replanned = PlanIdIn(replan.out);
  ASSERT_FALSE(replanned.empty()) << replan.out;
  const size_t moved = Occurrences(replan.out, "moved from R01 ");
  const size_t dropped = Occurrences(replan.out, "(dropped; was at");
  ASSERT_GT(moved + dropped, 0u) << replan.out;
  EXPECT_EQ(EventsOf(calendars_, "R01"), r01);  // a draft writes nothing

  const CommandResult published = Publish(replanned, 1);
  ASSERT_EQ(published.exit_code, 0) << published.err;
  EXPECT_EQ(EventsOf(calendars_, "R01"), r01 - moved - dropped);
  EXPECT_EQ(EventsWritten(calendars_), events - dropped);

  const CommandResult old = RunCommand(
      Crm(absl::StrCat("review --plan ", plan, Sidecar())));
  EXPECT_THAT(old.out, HasSubstr(absl::StrCat("superseded by ", replanned)));
  const CommandResult bad = RunCommand(Crm(absl::StrCat(
      "replan --plan ", plan, " --now 11h --sidecar ", sidecar_->address())));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--now"));
}

TEST_F(CrmPlansTest, AReplanPublishedAtOnceReachesTheCalendarsInTheSameRun) {
  const CommandResult draft = Draft();
  ASSERT_EQ(draft.exit_code, 0) << draft.err;
  const std::string plan = PlanIdIn(draft.out);
  ASSERT_EQ(Publish(plan, 1).exit_code, 0);
  const size_t r01 = EventsOf(calendars_, "R01");

  const CommandResult replan = RunCommand(Crm(absl::StrCat(
      "replan --plan ", plan, " --now 11:00 --absent R01@11:00 --publish --crm ",
      SampleBundleDir(), " --calendar ", calendars_, Sidecar())));
  ASSERT_EQ(replan.exit_code, 0) << replan.err << sidecar_->Log();
  EXPECT_THAT(replan.out, HasSubstr("published (re-plan of "));
  EXPECT_THAT(replan.out, Not(HasSubstr("no calendar was touched")));
  const size_t moved = Occurrences(replan.out, "moved from R01 ");
  const size_t dropped = Occurrences(replan.out, "(dropped; was at");
  ASSERT_GT(moved + dropped, 0u) << replan.out;
  EXPECT_EQ(EventsOf(calendars_, "R01"), r01 - moved - dropped);
  const CommandResult old = RunCommand(Crm(absl::StrCat("review --plan ", plan, Sidecar())));
  EXPECT_THAT(old.out, HasSubstr("superseded by "));
}

TEST_F(CrmPlansTest, BadActualsAndUrgentPhysiciansAreNamedAndNothingIsReplanned) {
  const CommandResult draft = Draft();
  ASSERT_EQ(draft.exit_code, 0) << draft.err;
  const std::string plan = PlanIdIn(draft.out);
  const std::string made = absl::StrCat(calendars_, "/visits_made.csv");
  {
    std::ofstream out(made);
    out << "rep_id,physician_id,date,start\n"
        << "R99,P001,2026-03-12,09:00\n"
        << "R01,P001,2026-03-12,9h\n"
        << "R01,P002,2026-03-13,9h\n";  // another day: left out
  }
  const CommandResult bad_made = RunCommand(Crm(absl::StrCat(
      "replan --plan ", plan, " --now 11:00 --made ", made, " --crm ", SampleBundleDir(),
      Sidecar())));
  EXPECT_EQ(bad_made.exit_code, 2) << bad_made.out;
  EXPECT_THAT(bad_made.err, HasSubstr("visits_made.csv:2: rep_id: no rep \"R99\""));
  EXPECT_THAT(bad_made.err, HasSubstr("visits_made.csv:3: start"));
  EXPECT_THAT(bad_made.err, Not(HasSubstr("visits_made.csv:4")));
  EXPECT_THAT(bad_made.err, HasSubstr("nothing was re-planned"));
  const CommandResult urgent = RunCommand(Crm(absl::StrCat(
      "replan --plan ", plan, " --now 11:00 --urgent P999 --crm ", SampleBundleDir(),
      Sidecar())));
  EXPECT_EQ(urgent.exit_code, 2);
  EXPECT_THAT(urgent.err, HasSubstr("--urgent: no physician \"P999\""));
  const CommandResult penalty = RunCommand(Crm(absl::StrCat(
      "replan --plan ", plan, " --now 11:00 --change-penalty -3", Sidecar())));
  EXPECT_EQ(penalty.exit_code, 2);
  EXPECT_THAT(penalty.err, HasSubstr("--change-penalty"));
  const CommandResult no_calendar = RunCommand(Crm(absl::StrCat(
      "replan --plan ", plan, " --now 11:00 --publish --crm ", SampleBundleDir(), Sidecar())));
  EXPECT_EQ(no_calendar.exit_code, 2);
  EXPECT_THAT(no_calendar.err, HasSubstr("--calendar is required"));
}

TEST_F(CrmPlansTest, BadPlanCommandsSayWhatIsWrong) {
  const CommandResult unknown = RunCommand(
      Crm(absl::StrCat("review --plan plan-0123", Sidecar())));
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("NOT_FOUND"));
  EXPECT_THAT(unknown.err, HasSubstr("plan-0123"));
  const CommandResult no_version = RunCommand(
      Crm(absl::StrCat("approve --plan plan-0123 --version first", Sidecar())));
  EXPECT_EQ(no_version.exit_code, 2);
  EXPECT_THAT(no_version.err, HasSubstr("--version"));
  const CommandResult missing = RunCommand(Crm(absl::StrCat(
      "publish --plan plan-0123 --version 1 --crm ", SampleBundleDir(), Sidecar())));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("--calendar is required"));
  EXPECT_EQ(EventsWritten(calendars_), 0u);
}

}  // namespace
}  // namespace callplan::crm
