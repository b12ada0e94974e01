// The review page as a manager sees it: `callplan-crm draft --html` and
// `review --html` against a real sidecar, the page opened in a real
// headless Chromium (Debian's `chromium`). The rendered DOM shows every rep
// of either plan and every change the sidecar's diff names, names that
// look like markup stay text, the page logs nothing to the console (no
// script, nothing blocked by its Content-Security-Policy) and it paints.
//
// The day: a published plan, then the same day with rep R01 off ill, so
// R01's visits move to other reps or drop, and R01 is only in the base.
#include <grpcpp/client_context.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <sstream>

#include "callplan/v1/plan_service.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/process.h"
#include "tests/fixtures/sidecar_process.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using callplan::testing::CommandResult;
using callplan::testing::MakeTempDir;
using callplan::testing::RunCommand;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::Crm;
using testing::Exists;
using testing::ReadText;
using testing::SampleBundleDir;
using testing::WriteText;

constexpr char kDate[] = "2026-03-12";
constexpr char kChromium[] = "/usr/bin/chromium";
constexpr char kHostile[] = "<script>alert(1)</script> & \"x\"";

std::string PlanIdIn(const std::string& out) {
  std::smatch match;
  return std::regex_search(out, match, std::regex("draft (plan-[0-9a-f]+) version 1"))
             ? match[1].str()
             : "";
}

// What Chromium made of a page: the serialised DOM (or nothing), and the
// page's console messages, one per line.
struct Rendered {
  int exit_code = -1;
  std::string dom;
  std::vector<std::string> console;
  std::string log;
};

// Headless Chromium on `page` with `action` (--dump-dom, --screenshot=...).
// A fresh profile per run, nothing reached beyond this machine (every name
// resolves to nothing, any proxy use goes to a closed loopback port), and
// killed with its process group if it hangs: the machine may be busy, so
// the limit is generous.
Rendered RunChromium(const std::string& page, const std::string& action) {
  const std::string profile = MakeTempDir("callplan-chromium");
  const CommandResult run = RunCommand(absl::StrCat(
      "timeout -k 15 240 ", kChromium,
      " --headless=new --disable-gpu --no-sandbox --user-data-dir=", profile,
      " --no-first-run --no-default-browser-check --disable-extensions"
      " --disable-background-networking --disable-component-update --disable-sync"
      " --disable-default-apps --metrics-recording-only --no-pings"
      " --proxy-server=127.0.0.1:9 '--host-resolver-rules=MAP * ~NOTFOUND'"
      " --window-size=1280,2000 --enable-logging=stderr --v=0 ",
      action, " file://", page));
  std::filesystem::remove_all(profile);  // a profile is megabytes; keep none
  Rendered rendered{run.exit_code, run.out, {}, run.err};
  std::istringstream lines(run.err);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(":CONSOLE") != std::string::npos ||
        line.find("Uncaught") != std::string::npos) {
      rendered.console.push_back(line);
    }
  }
  return rendered;
}

void RequireChromium() {
  ASSERT_TRUE(Exists(kChromium))
      << kChromium << " is missing: the review page is tested in a real browser; "
      << ".ci/install-deps installs it (Debian package chromium)";
}

// A copy of the sample bundle in which every physician's name looks like
// markup and a rep's name holds tags and an ampersand.
std::string HostileBundle() {
  const std::string dir = MakeTempDir("callplan-review-bundle");
  EXPECT_EQ(RunCommand(absl::StrCat("cp -r ", SampleBundleDir(), "/. ", dir)).exit_code,
            0);
  std::istringstream lines(ReadText(absl::StrCat(dir, "/physicians.csv")));
  std::string physicians, line;
  std::getline(lines, line);
  absl::StrAppend(&physicians, line, "\n");
  while (std::getline(lines, line)) {
    // physician_id,name,...: names in the sample are not quoted.
    const size_t id_end = line.find(','), name_end = line.find(',', id_end + 1);
    EXPECT_NE(line[id_end + 1], '"') << line;
    absl::StrAppend(&physicians, line.substr(0, id_end + 1),
                    "\"<script>alert(1)</script> & \"\"x\"\" ",
                    line.substr(id_end + 1, name_end - id_end - 1), "\"",
                    line.substr(name_end), "\n");
  }
  WriteText(absl::StrCat(dir, "/physicians.csv"), physicians);
  std::string reps = ReadText(absl::StrCat(dir, "/reps.csv"));
  const size_t bernard = reps.find("Julien Bernard");
  EXPECT_NE(bernard, std::string::npos);
  reps.replace(bernard, 14, "Julien <i>Bernard</i> & Co");
  WriteText(absl::StrCat(dir, "/reps.csv"), reps);
  return dir;
}

class CrmReviewPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(RequireChromium());
    auto sidecar = callplan::testing::SidecarProcess::Start();
    ASSERT_TRUE(sidecar.ok()) << sidecar.status();
    sidecar_ = *std::move(sidecar);
    dir_ = MakeTempDir("callplan-review-page");
  }
  std::string Sidecar() const { return absl::StrCat(" --sidecar ", sidecar_->address()); }

  // The sidecar's own diff of `plan` against the published plan: what the
  // page must show.
  v1::PlanDiff DiffOf(const std::string& plan) {
    auto stub = v1::PlanService::NewStub(sidecar_->NewChannel());
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    v1::DiffPlansRequest request;
    request.set_plan_id(plan);
    v1::PlanDiff diff;
    const grpc::Status status = stub->DiffPlans(&context, request, &diff);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return diff;
  }

  std::unique_ptr<callplan::testing::SidecarProcess> sidecar_;
  std::string dir_;
};

// Every rep of `diff` has a section and every change a row in the DOM of
// each rep it touches (a move: the rep who takes it and the one who had it).
void ExpectEveryRepAndChange(const std::string& dom, const v1::PlanDiff& diff) {
  for (const v1::RepDayChange& rep : diff.reps()) {
    EXPECT_THAT(dom, HasSubstr(absl::StrCat("<section class=\"rep\" data-rep=\"",
                                            rep.rep_id(), "\">")))
        << rep.rep_id();
  }
  size_t rows = 0;
  const auto expect_row = [&](const std::string& kind, const std::string& rep,
                              const std::string& physician) {
    ++rows;
    EXPECT_THAT(dom, HasSubstr(absl::StrCat("data-kind=\"", kind, "\" data-rep=\"", rep,
                                            "\" data-physician=\"", physician, "\"")))
        << kind << " " << rep << " " << physician;
  };
  for (const v1::VisitChange& c : diff.changes()) {
    switch (c.kind()) {
      case v1::VisitChange::ADDED:
        expect_row("added", c.to_rep_id(), c.physician_id());
        break;
      case v1::VisitChange::DROPPED:
        expect_row("dropped", c.from_rep_id(), c.physician_id());
        break;
      case v1::VisitChange::RETIMED:
        expect_row("retimed", c.to_rep_id(), c.physician_id());
        break;
      case v1::VisitChange::MOVED:
        expect_row("moved-in", c.to_rep_id(), c.physician_id());
        expect_row("moved-out", c.from_rep_id(), c.physician_id());
        break;
      default:
        ADD_FAILURE() << "unknown change kind " << c.kind();
    }
  }
  const std::regex change_row("<tr class=\"change ");
  EXPECT_EQ(static_cast<size_t>(
                std::distance(std::sregex_iterator(dom.begin(), dom.end(), change_row),
                              std::sregex_iterator())),
            rows);
}

TEST_F(CrmReviewPageTest, AManagerSeesEveryRepAndEveryChangeInARealBrowser) {
  const std::string bundle = HostileBundle();
  const CommandResult first = RunCommand(Crm(absl::StrCat(
      "draft --crm ", bundle, " --date ", kDate, Sidecar(), " --reason 'morning run'")));
  ASSERT_EQ(first.exit_code, 0) << first.err << sidecar_->Log();
  const std::string base = PlanIdIn(first.out);
  ASSERT_FALSE(base.empty()) << first.out;
  const CommandResult published = RunCommand(Crm(
      absl::StrCat("publish --plan ", base, " --version 1 --crm ", bundle, " --calendar ",
                   MakeTempDir("callplan-review-calendars"), Sidecar())));
  ASSERT_EQ(published.exit_code, 0) << published.err;

  // R01 falls ill: the day is drafted again, with the page.
  WriteText(absl::StrCat(bundle, "/reps_days_off.csv"),
            absl::StrCat(ReadText(absl::StrCat(bundle, "/reps_days_off.csv")), "R01,",
                         kDate, ",ill\n"));
  const std::string draft_page = absl::StrCat(dir_, "/draft.html");
  const CommandResult second =
      RunCommand(Crm(absl::StrCat("draft --crm ", bundle, " --date ", kDate, Sidecar(),
                                  " --reason 'R01 is ill' --html ", draft_page)));
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr(absl::StrCat("review page: ", draft_page)));
  const std::string plan = PlanIdIn(second.out);
  ASSERT_FALSE(plan.empty()) << second.out;
  const std::string review_page = absl::StrCat(dir_, "/review.html");
  const CommandResult review = RunCommand(Crm(absl::StrCat(
      "review --plan ", plan, " --crm ", bundle, Sidecar(), " --html ", review_page)));
  ASSERT_EQ(review.exit_code, 0) << review.err;

  const v1::PlanDiff diff = DiffOf(plan);
  EXPECT_EQ(diff.base_plan_id(), base);
  bool r01_gave_up_a_visit = false;
  for (const v1::VisitChange& c : diff.changes()) {
    r01_gave_up_a_visit = r01_gave_up_a_visit || c.from_rep_id() == "R01";
  }
  ASSERT_TRUE(r01_gave_up_a_visit)
      << "R01 had no visit to give up: the day tests nothing";

  for (const std::string& page : {draft_page, review_page}) {
    SCOPED_TRACE(page);
    ASSERT_TRUE(Exists(page));
    const Rendered rendered = RunChromium(page, "--dump-dom");
    ASSERT_EQ(rendered.exit_code, 0) << rendered.log;
    ASSERT_THAT(rendered.dom, HasSubstr("</html>")) << rendered.log;
    ExpectEveryRepAndChange(rendered.dom, diff);
    EXPECT_THAT(rendered.dom, HasSubstr(absl::StrCat("Review of plan ", plan)));
    EXPECT_THAT(rendered.dom, HasSubstr("R01 is ill"));
    EXPECT_THAT(rendered.dom, HasSubstr("<svg"));  // the route map, inline
    // Markup in names stays text: no element was made of it.
    EXPECT_THAT(rendered.dom, Not(HasSubstr("<script")));
    EXPECT_THAT(rendered.dom, Not(HasSubstr("<i>Bernard")));
    EXPECT_THAT(rendered.dom,
                HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"x\""));
    EXPECT_THAT(rendered.dom, HasSubstr("Julien &lt;i&gt;Bernard&lt;/i&gt; &amp; Co"));
    EXPECT_THAT(rendered.console, ::testing::IsEmpty()) << rendered.log;
  }

  const std::string png = absl::StrCat(dir_, "/review.png");
  const Rendered shot = RunChromium(review_page, absl::StrCat("--screenshot=", png));
  ASSERT_EQ(shot.exit_code, 0) << shot.log;
  EXPECT_THAT(shot.console, ::testing::IsEmpty()) << shot.log;
  const std::string image = ReadText(png);
  ASSERT_GE(image.size(), 24u) << png;
  EXPECT_EQ(image.substr(0, 8), "\x89PNG\r\n\x1a\n");
  // IHDR: the window's size, big-endian.
  EXPECT_EQ(image.substr(16, 8), std::string("\0\0\x05\x00\0\0\x07\xd0", 8));
  // Tables, text and the map compress to far more than a blank page does.
  EXPECT_GT(image.size(), 40000u) << png;
}

// The console check itself: a page whose script fails and whose image the
// policy blocks is caught, so a quiet console above means a quiet page.
TEST(ChromiumConsoleTest, SeesScriptErrorsAndBlockedLoads) {
  ASSERT_NO_FATAL_FAILURE(RequireChromium());
  const std::string page = absl::StrCat(MakeTempDir("callplan-console"), "/bad.html");
  WriteText(page,
            "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
            "content=\"default-src 'none'; script-src 'unsafe-inline'\"></head><body>"
            "<p>x</p><script>no_such_function();</script>"
            "<img src=\"https://example.invalid/a.png\"></body></html>");
  const Rendered rendered = RunChromium(page, "--dump-dom");
  ASSERT_EQ(rendered.exit_code, 0) << rendered.log;
  EXPECT_THAT(rendered.dom, HasSubstr("<p>x</p>"));
  ASSERT_GE(rendered.console.size(), 2u) << rendered.log;
  EXPECT_THAT(rendered.console[0] + rendered.console[1], HasSubstr("no_such_function"));
  EXPECT_THAT(rendered.console[0] + rendered.console[1], HasSubstr("example.invalid"));
}

}  // namespace
}  // namespace callplan::crm
