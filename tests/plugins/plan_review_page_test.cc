// The HTML review page on a hand-made plan and diff: every rep of either
// plan and every change is on it, names and reasons are escaped, and it
// refers to nothing outside itself.
#include "plugins/plan_review_page.h"

#include <iterator>
#include <regex>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kHostile[] = "<script>alert(1)</script> & \"x\"";
constexpr char kHostileEscaped[] =
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;";

v1::VisitChange Change(v1::VisitChange::Kind kind, const std::string& physician,
                       const std::string& from_rep, const std::string& to_rep,
                       int64_t from_start, int64_t to_start, double potential) {
  v1::VisitChange c;
  c.set_kind(kind);
  c.set_physician_id(physician);
  c.set_from_rep_id(from_rep);
  c.set_to_rep_id(to_rep);
  c.set_from_start_seconds(from_start);
  c.set_to_start_seconds(to_start);
  c.set_potential(potential);
  return c;
}

class PlanReviewPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bundle_ = testing::SampleBundle();
    ASSERT_GE(bundle_.reps.size(), 4u);
    ASSERT_GE(bundle_.physicians.size(), 6u);
    bundle_.physicians[0].name = kHostile;
    bundle_.reps[1].name = "Julien <b>Bernard</b>";

    v1::PlanSummary* s = plan_.mutable_summary();
    s->set_plan_id("plan-00ab");
    s->set_territory_id(bundle_.settings.territory_id);
    s->set_date("2026-03-12");
    s->add_team_ids("cardio");
    s->set_state(v1::APPROVED);
    s->set_version(2);
    s->set_objective(60);
    s->set_visits(4);
    s->set_created_by("planner-bot");
    s->set_updated_by("anne.manager");
    *plan_.mutable_response() = testing::TestPlan(bundle_, 2, 2);
    v1::PlanStep* draft = plan_.add_history();
    draft->set_version(1);
    draft->set_state(v1::DRAFT);
    draft->set_actor("planner-bot");
    draft->set_reason("morning run");
    v1::PlanStep* approve = plan_.add_history();
    approve->set_version(2);
    approve->set_state(v1::APPROVED);
    approve->set_actor("anne.manager");
    approve->set_reason(kHostile);

    // R01 and R02 in the plan, R03 unchanged, R99 only in the published plan.
    const std::string p0 = bundle_.physicians[0].id, p1 = bundle_.physicians[1].id,
                      p2 = bundle_.physicians[2].id, p3 = bundle_.physicians[3].id,
                      p5 = bundle_.physicians[5].id;
    diff_.set_base_plan_id("plan-0001");
    diff_.set_plan_id("plan-00ab");
    *diff_.add_changes() = Change(v1::VisitChange::ADDED, p0, "", "R01", 0, 9 * 3600, 10);
    *diff_.add_changes() = Change(v1::VisitChange::RETIMED, p1, "R01", "R01", 10 * 3600,
                                  9 * 3600 + 2700, 20);
    *diff_.add_changes() =
        Change(v1::VisitChange::MOVED, p2, "R99", "R02", 11 * 3600, 9 * 3600, 10);
    *diff_.add_changes() =
        Change(v1::VisitChange::ADDED, p3, "", "R02", 0, 9 * 3600 + 2700, 20);
    *diff_.add_changes() =
        Change(v1::VisitChange::DROPPED, p5, "R99", "", 14 * 3600 + 1800, 0, 35);
    for (const char* rep : {"R01", "R02", "R03", "R99"}) {
      v1::RepDayChange* day = diff_.add_reps();
      day->set_rep_id(rep);
    }
    diff_.mutable_reps(0)->set_visits_after(2);
    diff_.mutable_reps(1)->set_visits_after(2);
    diff_.mutable_reps(2)->set_visits_before(1);
    diff_.mutable_reps(2)->set_visits_after(1);
    diff_.mutable_reps(3)->set_visits_before(2);
    diff_.set_objective_before(45);
    diff_.set_objective_after(60);
    diff_.set_workload_spread_before(2);
    diff_.set_workload_spread_after(1);
    diff_.set_potential_spread_before(35.5);
    diff_.set_potential_spread_after(12.4);
  }

  CrmBundle bundle_;
  v1::StoredPlan plan_;
  v1::PlanDiff diff_;
};

// `rep`'s section, from its opening tag to its end.
std::string SectionOf(const std::string& page, const std::string& rep) {
  const size_t start = page.find(absl::StrCat("<section class=\"rep\" data-rep=\"", rep));
  if (start == std::string::npos) return "";
  return page.substr(start, page.find("</section>", start) - start);
}

TEST_F(PlanReviewPageTest, EveryRepOfEitherPlanHasASection) {
  const std::string page = PlanReviewPage(plan_, diff_, &bundle_);
  for (const v1::RepDayChange& rep : diff_.reps()) {
    EXPECT_THAT(SectionOf(page, rep.rep_id()), HasSubstr(rep.rep_id())) << rep.rep_id();
  }
  EXPECT_THAT(SectionOf(page, "R03"), HasSubstr("No change for this rep"));
  EXPECT_THAT(SectionOf(page, "R03"), HasSubstr("Visits 1 &rarr; 1"));
  EXPECT_THAT(SectionOf(page, "R01"), Not(HasSubstr("No change")));
  EXPECT_THAT(SectionOf(page, "R01"), HasSubstr(bundle_.reps[0].name));
}

TEST_F(PlanReviewPageTest, EveryChangeHasARowInTheTableOfEachRepItTouches) {
  const std::string page = PlanReviewPage(plan_, diff_, &bundle_);
  const auto row = [](const std::string& kind, const std::string& rep,
                      const std::string& physician) {
    return absl::StrCat("data-kind=\"", kind, "\" data-rep=\"", rep,
                        "\" data-physician=\"", physician, "\"");
  };
  const std::string p2 = bundle_.physicians[2].id;
  EXPECT_THAT(SectionOf(page, "R01"),
              HasSubstr(row("added", "R01", bundle_.physicians[0].id)));
  EXPECT_THAT(SectionOf(page, "R01"),
              HasSubstr(row("retimed", "R01", bundle_.physicians[1].id)));
  EXPECT_THAT(SectionOf(page, "R02"), HasSubstr(row("moved-in", "R02", p2)));
  EXPECT_THAT(SectionOf(page, "R99"), HasSubstr(row("moved-out", "R99", p2)));
  EXPECT_THAT(SectionOf(page, "R02"),
              HasSubstr(row("added", "R02", bundle_.physicians[3].id)));
  EXPECT_THAT(SectionOf(page, "R99"),
              HasSubstr(row("dropped", "R99", bundle_.physicians[5].id)));
  // Five changes, the move shown twice, nothing else.
  const std::regex change_row("<tr class=\"change ");
  EXPECT_EQ(std::distance(std::sregex_iterator(page.begin(), page.end(), change_row),
                          std::sregex_iterator()),
            6);
  // Times and potentials as the manager reads them.
  EXPECT_THAT(SectionOf(page, "R01"), HasSubstr("at 10:00</td><td><b>R01</b>"));
  EXPECT_THAT(SectionOf(page, "R01"), HasSubstr(" at 09:45</td><td class=\"num\">20.0"));
  EXPECT_THAT(SectionOf(page, "R99"), HasSubstr("at 14:30</td><td>&mdash;</td>"));
  EXPECT_THAT(SectionOf(page, "R99"), HasSubstr("35.0"));
}

TEST_F(PlanReviewPageTest, ShowsStateHistoryAndFairnessBeforeAndAfter) {
  const std::string page = PlanReviewPage(plan_, diff_, &bundle_);
  EXPECT_THAT(page, HasSubstr("state-APPROVED\">APPROVED</span> version 2"));
  EXPECT_THAT(page, HasSubstr("published plan plan-0001"));
  EXPECT_THAT(page, HasSubstr("<td>1</td><td>DRAFT</td><td>planner-bot</td>"));
  EXPECT_THAT(page, HasSubstr("morning run"));
  EXPECT_THAT(page, HasSubstr("<td>2</td><td>APPROVED</td><td>anne.manager</td>"));
  EXPECT_THAT(
      page,
      HasSubstr(">45.0</td><td class=\"num\">60.0</td><td class=\"num better\">+15.0"));
  EXPECT_THAT(page,
              HasSubstr(">2</td><td class=\"num\">1</td><td class=\"num better\">-1"));
  EXPECT_THAT(
      page,
      HasSubstr(">35.5</td><td class=\"num\">12.4</td><td class=\"num better\">-23.1"));
  EXPECT_THAT(page, HasSubstr(">3</td><td class=\"num\">5</td><td class=\"num \">+2"));
  EXPECT_THAT(page, HasSubstr("5 visit changes"));
  EXPECT_THAT(page, HasSubstr("--plan plan-00ab --version 2"));
}

TEST_F(PlanReviewPageTest, EscapesEveryNameAndReason) {
  const std::string page = PlanReviewPage(plan_, diff_, &bundle_);
  EXPECT_THAT(page, Not(HasSubstr(kHostile)));
  EXPECT_THAT(page, Not(HasSubstr("<script")));
  EXPECT_THAT(page, Not(HasSubstr("<b>Bernard")));
  EXPECT_THAT(SectionOf(page, "R01"), HasSubstr(kHostileEscaped));  // the physician
  EXPECT_THAT(page, HasSubstr(absl::StrCat("<td>", kHostileEscaped, "</td>")));  // reason
  EXPECT_THAT(page, HasSubstr("Julien &lt;b&gt;Bernard&lt;/b&gt;"));

  // Ids are people's input too.
  diff_.mutable_changes(0)->set_physician_id("P\"><i>");
  EXPECT_THAT(PlanReviewPage(plan_, diff_, &bundle_),
              HasSubstr("data-physician=\"P&quot;&gt;&lt;i&gt;\""));
}

TEST_F(PlanReviewPageTest, ListsEveryManagersDecisionWithWhoAndWhy) {
  EXPECT_THAT(PlanReviewPage(plan_, diff_, &bundle_),
              HasSubstr("No pins, forbidden visits or locked days."));
  v1::PlanDayRequest* request = plan_.mutable_request();
  v1::VisitPin* pin = request->add_pins();
  pin->set_physician_id(bundle_.physicians[0].id);
  pin->set_rep_id("R01");
  pin->set_start_seconds(10 * 3600 + 1800);
  pin->set_pinned_by("Ann Lee");
  pin->set_reason(kHostile);
  v1::ForbiddenVisit* forbid = request->add_forbidden_visits();
  forbid->set_physician_id(bundle_.physicians[1].id);
  forbid->set_rep_id("R02");
  forbid->set_pinned_by("Ann Lee");
  forbid->set_reason("complaint last week");
  v1::LockedDay* lock = request->add_locked_days();
  lock->set_rep_id("R03");
  lock->set_pinned_by("Bob Roy");
  lock->set_reason("training");
  const std::string page = PlanReviewPage(plan_, diff_, &bundle_);
  const size_t start = page.find("<table class=\"decisions\">");
  ASSERT_NE(start, std::string::npos);
  const std::string table = page.substr(start, page.find("</table>", start) - start);
  EXPECT_THAT(table, HasSubstr("<td>pin</td>"));
  EXPECT_THAT(table, HasSubstr("10:30"));
  EXPECT_THAT(table, HasSubstr(kHostileEscaped));
  EXPECT_THAT(table, Not(HasSubstr(kHostile)));
  EXPECT_THAT(table, HasSubstr("<td>forbidden</td>"));
  EXPECT_THAT(table, HasSubstr("complaint last week"));
  EXPECT_THAT(table, HasSubstr("<td>locked day</td>"));
  EXPECT_THAT(table, HasSubstr("Bob Roy"));
  EXPECT_THAT(table, HasSubstr(bundle_.physicians[1].id));
}

TEST_F(PlanReviewPageTest, RefersToNothingOutsideItself) {
  const std::string page = PlanReviewPage(plan_, diff_, &bundle_);
  EXPECT_THAT(page, HasSubstr("<svg"));  // the route map, inline
  EXPECT_THAT(page, HasSubstr("<style>"));
  EXPECT_THAT(page, HasSubstr("default-src 'none'"));
  const std::regex external(R"((src|href|action)\s*=\s*["']?\s*([a-z]+:)?//)",
                            std::regex::icase);
  EXPECT_FALSE(std::regex_search(page, external));
  EXPECT_THAT(page, Not(HasSubstr("<link")));
  EXPECT_THAT(page, Not(HasSubstr("@import")));
  EXPECT_THAT(page, Not(HasSubstr("url(")));
  EXPECT_THAT(page, Not(HasSubstr("<img")));
  EXPECT_THAT(page, Not(HasSubstr("<iframe")));
}

TEST_F(PlanReviewPageTest, WithoutABundleNamesComeFromThePlansRequestAndThereIsNoMap) {
  v1::Rep* rep = plan_.mutable_request()->add_reps();
  rep->set_id("R01");
  rep->set_display_name("Claire & Co");
  const std::string page = PlanReviewPage(plan_, diff_, nullptr);
  EXPECT_THAT(SectionOf(page, "R01"), HasSubstr("<b>R01</b> Claire &amp; Co"));
  EXPECT_THAT(page, Not(HasSubstr("<svg")));
  EXPECT_THAT(page, HasSubstr("No route map: run the review with --crm DIR"));
  for (const v1::RepDayChange& day : diff_.reps()) {
    EXPECT_THAT(SectionOf(page, day.rep_id()), Not(::testing::IsEmpty())) << day.rep_id();
  }
}

}  // namespace
}  // namespace callplan::crm
