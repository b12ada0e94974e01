// The two-team sample bundle (config/sample-crm) planned by a real sidecar
// and synced into .ics files in one run: no physician gets more rep visits
// than its daily cap, every physician the call history keeps out is absent
// from the calendars and listed as not visited with the gap as the reason,
// and both teams' stats are printed and add up to the plan.
#include <map>
#include <set>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/ics_calendar.h"
#include "plugins/ics_folder.h"
#include "plugins/plan_request.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/process.h"
#include "tests/fixtures/sidecar_process.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::testing::HasSubstr;
using callplan::testing::CommandResult;
using callplan::testing::RunCommand;
using testing::ReadText;
using testing::SampleBundle;
using testing::SampleBundleDir;

constexpr char kDate[] = "2026-03-12";

// Physician id -> reps visiting it on kDate, read back from the .ics files
// (event uids are callplan-<date>-<rep>-<physician>@callplan).
std::map<std::string, std::vector<std::string>> VisitsInCalendars(
    const CrmBundle& bundle, const std::string& folder) {
  std::map<std::string, std::vector<std::string>> visits;
  for (const CrmRep& rep : bundle.reps) {
    const std::string text = ReadText(RepDayFile(folder, rep.id, kDate));
    if (text.empty()) continue;
    absl::StatusOr<std::vector<FoundEvent>> events = ParseEvents(text);
    EXPECT_TRUE(events.ok()) << rep.id << ": " << events.status();
    if (!events.ok()) continue;
    const std::string prefix = absl::StrCat("callplan-", kDate, "-", rep.id, "-");
    for (const FoundEvent& event : *events) {
      absl::string_view id = event.uid;
      EXPECT_TRUE(absl::ConsumePrefix(&id, prefix)) << event.uid;
      EXPECT_TRUE(absl::ConsumeSuffix(&id, "@callplan")) << event.uid;
      visits[std::string(id)].push_back(rep.id);
    }
  }
  return visits;
}

// The output's line about `physician` in the "not visited today" list.
std::string NotVisitedLine(const std::string& out,
                           const std::string& physician) {
  const size_t list = out.find("not visited today:");
  if (list == std::string::npos) return "";
  for (absl::string_view line : absl::StrSplit(out.substr(list), '\n')) {
    if (absl::StartsWith(line, absl::StrCat("  ", physician, " "))) {
      return std::string(line);
    }
  }
  return "";
}

uint32_t DailyCap(const CrmBundle& bundle, const CrmPhysician& physician) {
  if (physician.contact.has_max_visits_per_day()) {
    return physician.contact.max_visits_per_day();
  }
  const v1::ContactRules& rules = bundle.settings.contact_rules;
  return rules.has_max_visits_per_day() ? rules.max_visits_per_day() : 1;
}

TEST(CrmPortfolio, TwoTeamSampleIsDeconflictedInOneSync) {
  const CrmBundle bundle = SampleBundle();
  ASSERT_EQ(bundle.teams.size(), 2u);
  const std::set<std::string> excluded = testing::ExcludedByHistory(bundle, kDate);
  ASSERT_GE(excluded.size(), 3u) << "the sample should exercise the gap rule";
  auto sidecar = callplan::testing::SidecarProcess::Start();
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const std::string out = callplan::testing::MakeTempDir("callplan-portfolio");
  const CommandResult sync = RunCommand(absl::StrCat(
      CALLPLAN_BINARY_DIR, "/bin/callplan-crm sync --crm ", SampleBundleDir(),
      " --date ", kDate, " --sidecar ", (*sidecar)->address(),
      " --calendar ", out));
  ASSERT_EQ(sync.exit_code, 0) << sync.err << (*sidecar)->Log();
  EXPECT_THAT(sync.out, ::testing::ContainsRegex("plan: (OPTIMAL|FEASIBLE)"));

  // Every team's reps got their calendars in this one run.
  std::set<std::string> teams_with_visits;
  const auto visits = VisitsInCalendars(bundle, out);
  for (const auto& [physician_id, reps] : visits) {
    const CrmPhysician* physician = bundle.FindPhysician(physician_id);
    ASSERT_NE(physician, nullptr) << physician_id;
    EXPECT_LE(reps.size(), DailyCap(bundle, *physician))
        << physician_id << " is visited by " << absl::StrJoin(reps, ", ");
    for (const std::string& rep : reps) {
      teams_with_visits.insert(bundle.FindRep(rep)->team_id);
    }
  }
  EXPECT_THAT(teams_with_visits, ::testing::ElementsAre("cardio", "diabetes"));
  for (const std::string& physician : excluded) {
    EXPECT_EQ(visits.count(physician), 0u) << physician << " is in a calendar";
    EXPECT_THAT(NotVisitedLine(sync.out, physician),
                HasSubstr("the minimum gap is"))
        << physician << " not listed with the gap\n" << sync.out;
  }
  for (const char* heading : {"team ", "deconfliction: ", "\ncardio ",
                              "\ndiabetes ", "\ntotal "}) {
    EXPECT_THAT(sync.out, HasSubstr(heading));
  }
}

TEST(CrmPortfolio, TeamStatsAddUpAndConflictsNameTheWinner) {
  const CrmBundle bundle = SampleBundle();
  auto sidecar = callplan::testing::SidecarProcess::Start();
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const v1::PlanDayRequest request = BuildPlanDayRequest(bundle, kDate);
  v1::PlanDayResponse plan;
  grpc::ClientContext context;
  const grpc::Status status =
      (*sidecar)->NewStub()->PlanDay(&context, request, &plan);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_NE(plan.stats().status(), v1::INFEASIBLE);

  std::map<std::string, std::string> team_of_rep;
  for (const CrmRep& rep : bundle.reps) team_of_rep[rep.id] = rep.team_id;
  std::map<std::string, double> potential_of_team;
  std::map<std::string, uint32_t> visits_of_team;
  std::map<std::string, std::string> rep_of_physician;
  for (const v1::RepDay& day : plan.rep_days()) {
    potential_of_team[team_of_rep[day.rep_id()]] += day.total_potential();
    visits_of_team[team_of_rep[day.rep_id()]] += day.visits_size();
    for (const v1::Visit& visit : day.visits()) {
      EXPECT_TRUE(rep_of_physician.emplace(visit.physician_id(), day.rep_id()).second)
          << visit.physician_id() << " visited twice";
    }
  }
  ASSERT_EQ(plan.stats().team_stats_size(), 2);
  double total = 0;
  for (const v1::TeamStats& team : plan.stats().team_stats()) {
    EXPECT_THAT(team.team_id(), ::testing::AnyOf("cardio", "diabetes"));
    EXPECT_NEAR(team.objective(), potential_of_team[team.team_id()], 1e-6);
    EXPECT_EQ(team.visits(), visits_of_team[team.team_id()]);
    total += team.objective();
  }
  EXPECT_NEAR(total, plan.stats().objective(), 1e-6);

  const std::set<std::string> excluded = testing::ExcludedByHistory(bundle, kDate);
  std::set<std::string> unassigned;
  for (const v1::Unassigned& u : plan.unassigned()) {
    unassigned.insert(u.physician_id());
    if (excluded.count(u.physician_id()) > 0) {
      EXPECT_THAT(u.reason(), HasSubstr("minimum gap")) << u.physician_id();
    }
  }
  for (const std::string& physician : excluded) {
    EXPECT_EQ(unassigned.count(physician), 1u) << physician;
  }
  ASSERT_GT(plan.conflicts_size(), 0) << "the teams' physicians overlap";
  for (const v1::Conflict& conflict : plan.conflicts()) {
    EXPECT_GE(conflict.team_potential_size(), 2) << conflict.physician_id();
    EXPECT_FALSE(conflict.reason().empty()) << conflict.physician_id();
    const auto visited = rep_of_physician.find(conflict.physician_id());
    if (conflict.assigned_rep_id().empty()) {
      EXPECT_EQ(visited, rep_of_physician.end()) << conflict.physician_id();
    } else {
      ASSERT_NE(visited, rep_of_physician.end()) << conflict.physician_id();
      EXPECT_EQ(visited->second, conflict.assigned_rep_id());
      EXPECT_EQ(team_of_rep[visited->second], conflict.assigned_team_id());
    }
  }
}

}  // namespace
}  // namespace callplan::crm
