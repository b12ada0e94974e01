// DiffPlans (server/plan_diff.h) on hand-made plans whose changes are
// known: every kind of change, several visits of one physician, reps that
// appear in one plan only.
#include "server/plan_diff.h"

#include <string>
#include <tuple>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace callplan {
namespace {

void AddVisit(v1::PlanDayResponse& plan, const std::string& rep,
              const std::string& physician, int64_t start, double potential) {
  v1::RepDay* day = nullptr;
  for (v1::RepDay& d : *plan.mutable_rep_days()) {
    if (d.rep_id() == rep) day = &d;
  }
  if (day == nullptr) {
    day = plan.add_rep_days();
    day->set_rep_id(rep);
  }
  v1::Visit* visit = day->add_visits();
  visit->set_physician_id(physician);
  visit->set_start_seconds(start);
  visit->set_potential(potential);
  day->set_total_potential(day->total_potential() + potential);
}

using Row = std::tuple<v1::VisitChange::Kind, std::string, std::string, std::string>;

std::vector<Row> Rows(const v1::PlanDiff& diff) {
  std::vector<Row> rows;
  for (const v1::VisitChange& c : diff.changes()) {
    rows.emplace_back(c.kind(), c.physician_id(), c.from_rep_id(), c.to_rep_id());
  }
  return rows;
}

TEST(DiffPlans, NamesEveryKindOfChange) {
  v1::PlanDayResponse base, plan;
  AddVisit(base, "R1", "P1", 9 * 3600, 10);   // stays
  AddVisit(base, "R1", "P2", 10 * 3600, 20);  // re-timed
  AddVisit(base, "R1", "P3", 11 * 3600, 30);  // moves to R2
  AddVisit(base, "R2", "P4", 9 * 3600, 40);   // dropped
  AddVisit(plan, "R1", "P1", 9 * 3600, 10);
  AddVisit(plan, "R1", "P2", 14 * 3600, 20);
  AddVisit(plan, "R2", "P3", 10 * 3600, 30);
  AddVisit(plan, "R3", "P5", 9 * 3600, 50);  // added, by a rep new to the day
  base.mutable_stats()->set_objective(100);
  plan.mutable_stats()->set_objective(110);

  // By the rep the visit goes to (or comes from, when dropped), then physician.
  const v1::PlanDiff diff = DiffPlans(base, plan);
  EXPECT_THAT(Rows(diff),
              ::testing::ElementsAre(Row{v1::VisitChange::RETIMED, "P2", "R1", "R1"},
                                     Row{v1::VisitChange::MOVED, "P3", "R1", "R2"},
                                     Row{v1::VisitChange::DROPPED, "P4", "R2", ""},
                                     Row{v1::VisitChange::ADDED, "P5", "", "R3"}));
  EXPECT_EQ(diff.changes(0).from_start_seconds(), 10 * 3600);
  EXPECT_EQ(diff.changes(0).to_start_seconds(), 14 * 3600);
  EXPECT_DOUBLE_EQ(diff.changes(2).potential(), 40);
  ASSERT_EQ(diff.reps_size(), 3);
  EXPECT_EQ(diff.reps(0).rep_id(), "R1");
  EXPECT_EQ(diff.reps(0).visits_before(), 3u);
  EXPECT_EQ(diff.reps(0).visits_after(), 2u);
  EXPECT_EQ(diff.reps(2).rep_id(), "R3");
  EXPECT_EQ(diff.reps(2).visits_before(), 0u);
  EXPECT_DOUBLE_EQ(diff.reps(2).potential_after(), 50);
  EXPECT_DOUBLE_EQ(diff.objective_before(), 100);
  EXPECT_DOUBLE_EQ(diff.objective_after(), 110);
}

TEST(DiffPlans, SeveralVisitsOfOnePhysicianAreMatchedRepByRepFirst) {
  v1::PlanDayResponse base, plan;
  AddVisit(base, "A1", "P1", 9 * 3600, 10);   // team A keeps its visit
  AddVisit(base, "B1", "P1", 12 * 3600, 10);  // team B's moves to B2
  AddVisit(plan, "B2", "P1", 12 * 3600, 10);
  AddVisit(plan, "A1", "P1", 9 * 3600, 10);
  EXPECT_THAT(Rows(DiffPlans(base, plan)),
              ::testing::ElementsAre(Row{v1::VisitChange::MOVED, "P1", "B1", "B2"}));
}

TEST(DiffPlans, APlanAgainstItselfOrNothing) {
  v1::PlanDayResponse plan;
  AddVisit(plan, "R1", "P1", 9 * 3600, 10);
  AddVisit(plan, "R2", "P2", 9 * 3600, 20);
  EXPECT_EQ(DiffPlans(plan, plan).changes_size(), 0);
  const v1::PlanDiff fresh = DiffPlans({}, plan);
  ASSERT_EQ(fresh.changes_size(), 2);
  EXPECT_EQ(fresh.changes(0).kind(), v1::VisitChange::ADDED);
  EXPECT_EQ(fresh.changes(1).kind(), v1::VisitChange::ADDED);
}

}  // namespace
}  // namespace callplan
