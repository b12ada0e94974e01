// The one-shot subcommands, run as the real binary.
#include <map>
#include <string>

#include "gtest/gtest.h"
#include "callplan/v1/cycle.pb.h"
#include "callplan/v1/schedule.pb.h"
#include "server/json_io.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/cycle_request.h"
#include "tests/fixtures/paths.h"

namespace callplan {
namespace {

using ::callplan::testing::BinDir;
using ::callplan::testing::RunCommand;
using ::callplan::testing::SmallCycleRequest;
using ::callplan::testing::WriteTempFile;
using ::callplan::testing::SourceDir;

std::string Sidecar() { return BinDir() + "/callplan-sidecar"; }

TEST(SolveCommand, PlansTheSampleTerritory) {
  const auto result = RunCommand(Sidecar() + " solve --request " + SourceDir() +
                                 "/config/sample-territory.json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  v1::PlanDayResponse response;
  ASSERT_TRUE(ParseJson(result.out, &response).ok()) << result.out;
  EXPECT_EQ(response.stats().status(), v1::OPTIMAL);
  EXPECT_EQ(response.rep_days_size(), 7);
  int visits = 0;
  for (const auto& day : response.rep_days()) {
    visits += day.visits_size();
    EXPECT_LE(day.route_distance(), 405 + 1e-6) << day.rep_id();
  }
  EXPECT_EQ(visits, 20);  // every physician of the sample is required
}

TEST(SolveCommand, PrintsATableForPeople) {
  const auto result = RunCommand(Sidecar() + " solve --format table --request " +
                                 SourceDir() + "/config/sample-territory.json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("R1 "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("status OPTIMAL"), std::string::npos) << result.out;
}

TEST(SolveCommand, PlansTheSamplePortfolioWithoutDoubleBooking) {
  const auto result = RunCommand(Sidecar() + " solve --request " + SourceDir() +
                                 "/config/sample-portfolio.json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  v1::PlanDayResponse response;
  ASSERT_TRUE(ParseJson(result.out, &response).ok()) << result.out;
  ASSERT_NE(response.stats().status(), v1::INFEASIBLE);
  std::map<std::string, int> visits_of;
  for (const auto& day : response.rep_days()) {
    for (const auto& visit : day.visits()) ++visits_of[visit.physician_id()];
  }
  for (const auto& [physician, visits] : visits_of) EXPECT_EQ(visits, 1) << physician;
  // P02 was visited 4 days before the plan date; the minimum gap is 7.
  EXPECT_EQ(visits_of.count("P02"), 0u);
  ASSERT_EQ(response.stats().team_stats_size(), 2);
  double teams_total = 0;
  for (const auto& team : response.stats().team_stats()) {
    teams_total += team.objective();
  }
  EXPECT_NEAR(teams_total, response.stats().objective(), 1e-6);
  EXPECT_GT(response.conflicts_size(), 0);
  const auto table = RunCommand(Sidecar() + " solve --format table --request " +
                                SourceDir() + "/config/sample-portfolio.json");
  EXPECT_NE(table.out.find("conflict P02 -> nobody: contact rule"),
            std::string::npos) << table.out;
}

TEST(SolveCommand, BadTeamOfARepIsNamed) {
  const std::string request =
      R"({"teams":[{"id":"cardio"}],)"
      R"("reps":[{"id":"R1","team_id":"oncology","home":{"planar":{"x":0,"y":0}}}],)"
      R"("physicians":[{"id":"P1","location":{"planar":{"x":3,"y":4}}}],)"
      R"("visit_history":[{"physician_id":"P1","team_id":"cardio","date":"2026-13-01"}]})";
  const auto result = RunCommand(Sidecar() + " solve --request -", request);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("reps[0].team_id"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("visit_history[0].date"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("date: is required"), std::string::npos) << result.err;
}

TEST(SolveCommand, ReadsStandardInput) {
  const std::string request =
      R"({"reps":[{"id":"R1","home":{"planar":{"x":0,"y":0}},"products":["D1"]}],)"
      R"("physicians":[{"id":"P1","location":{"planar":{"x":3,"y":4}},)"
      R"("product_potential":{"D1":40}}]})";
  const auto result = RunCommand(Sidecar() + " solve --request -", request);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  v1::PlanDayResponse response;
  ASSERT_TRUE(ParseJson(result.out, &response).ok());
  ASSERT_EQ(response.rep_days(0).visits_size(), 1);
  EXPECT_DOUBLE_EQ(response.rep_days(0).route_distance(), 10.0);
  EXPECT_DOUBLE_EQ(response.stats().objective(), 40.0);
}

TEST(SolveCommand, BadInputExitsTwoNamingTheField) {
  const std::string request =
      R"({"reps":[{"id":"R1","home":{"planar":{"x":0,"y":0}}}],)"
      R"("physicians":[{"id":"P1","location":{"planar":{"x":3,"y":4}},)"
      R"("product_potential":{"D1":-5}}]})";
  const auto result = RunCommand(Sidecar() + " solve --request -", request);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(
                "physicians[0].product_potential[\"D1\"]: must be between 0 "
                "and 100, got -5"),
            std::string::npos)
      << result.err;
  EXPECT_TRUE(result.out.empty());
}

TEST(SolveCommand, MalformedJsonAndMissingFileExitTwo) {
  EXPECT_EQ(RunCommand(Sidecar() + " solve --request -", "{not json").exit_code, 2);
  const auto missing = RunCommand(Sidecar() + " solve --request /nonexistent.json");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/nonexistent.json"), std::string::npos);
  EXPECT_EQ(RunCommand(Sidecar() + " frobnicate").exit_code, 2);
}

TEST(SolveCommand, InfeasibleIsAnAnswerWithAnExplanation) {
  // Two required physicians, one rep allowed one visit.
  const std::string request =
      R"({"reps":[{"id":"R1","home":{"planar":{"x":0,"y":0}},"products":["D1"],"max_visits":1}],)"
      R"("physicians":[{"id":"P1","location":{"planar":{"x":1,"y":0}},"product_potential":{"D1":10}},)"
      R"({"id":"P2","location":{"planar":{"x":2,"y":0}},"product_potential":{"D1":20}}]})";
  const auto result = RunCommand(Sidecar() + " solve --request -", request);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  v1::PlanDayResponse response;
  ASSERT_TRUE(ParseJson(result.out, &response).ok());
  EXPECT_EQ(response.stats().status(), v1::INFEASIBLE);
  EXPECT_GT(response.stats().infeasibility().reasons_size(), 0);
}

TEST(RouteCommand, OrdersStopsAndReturnsToStart) {
  const std::string request =
      R"({"start_id":"H","places":[{"id":"H","location":{"planar":{"x":0,"y":0}}},)"
      R"({"id":"B","location":{"planar":{"x":2,"y":0}}},)"
      R"({"id":"A","location":{"planar":{"x":1,"y":0}}}]})";
  const auto result = RunCommand(Sidecar() + " route --request -", request);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  v1::RouteResponse response;
  ASSERT_TRUE(ParseJson(result.out, &response).ok());
  ASSERT_EQ(response.order_size(), 4);
  EXPECT_EQ(response.order(0), "H");
  EXPECT_EQ(response.order(3), "H");
  EXPECT_DOUBLE_EQ(response.distance(), 4.0);
  EXPECT_TRUE(response.proven_optimal());
}

TEST(RouteCommand, UnknownStartExitsTwo) {
  const auto result = RunCommand(
      Sidecar() + " route --request -",
      R"({"start_id":"X","places":[{"id":"H","location":{"planar":{}}}]})");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("start_id: unknown place \"X\""), std::string::npos)
      << result.err;
}

TEST(PlanCycleCommand, PlansACycleFromAJsonFile) {
  const std::string file = WriteTempFile("cycle.json", ToJson(SmallCycleRequest()));
  const auto result = RunCommand(Sidecar() + " plan-cycle --request " + file);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  v1::PlanCycleResponse response;
  ASSERT_TRUE(ParseJson(result.out, &response).ok()) << result.out;
  ASSERT_EQ(response.days_size(), 14);
  EXPECT_EQ(response.days(0).date(), "2026-03-02");
  EXPECT_EQ(response.days(13).date(), "2026-03-15");
  ASSERT_EQ(response.attainment_size(), 8);
  uint32_t calls = 0;
  for (const auto& row : response.attainment()) calls += row.planned_calls();
  EXPECT_EQ(calls, response.stats().calls());

  const auto table =
      RunCommand(Sidecar() + " plan-cycle --format table --request " + file);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("cycle 2026-03-02 .. 2026-03-15"), std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("targets met"), std::string::npos) << table.out;
}

// The README's sample: tier A physicians open on two weekdays with a 4-day
// gap cannot get their third call, and say so.
TEST(PlanCycleCommand, PlansTheSampleCycle) {
  const auto result = RunCommand(Sidecar() + " plan-cycle --request " +
                                 SourceDir() + "/config/sample-cycle.json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  v1::PlanCycleResponse response;
  ASSERT_TRUE(ParseJson(result.out, &response).ok()) << result.out;
  ASSERT_EQ(response.days_size(), 14);
  for (const auto& day : response.days()) {
    for (const auto& rep_day : day.plan().rep_days()) {
      if (day.date() == "2027-01-08") {
        EXPECT_NE(rep_day.rep_id(), "R3");
      }
    }
  }
  int unmet = 0;
  for (const auto& row : response.attainment()) {
    EXPECT_EQ(row.target_met(), row.reason().empty()) << row.physician_id();
    if (!row.target_met()) {
      ++unmet;
      EXPECT_NE(row.reason().find("4 days apart"), std::string::npos)
          << row.physician_id() << ": " << row.reason();
    }
  }
  EXPECT_GT(unmet, 0);
  EXPECT_EQ(response.stats().minimums_missed(), 0u);
}

TEST(PlanCycleCommand, BadCycleExitsTwoNamingEveryField) {
  v1::PlanCycleRequest request = SmallCycleRequest();
  request.mutable_territory()->set_date("2026-03-02");
  request.set_first_date("2026-03-16");
  const auto result = RunCommand(Sidecar() + " plan-cycle --request -", ToJson(request));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("territory.date: must be empty in a cycle"),
            std::string::npos) << result.err;
  EXPECT_NE(result.err.find("last_date: \"2026-03-15\" is before first_date"),
            std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty());
}

}  // namespace
}  // namespace callplan
