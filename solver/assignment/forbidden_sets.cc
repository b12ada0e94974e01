// Forbidden sets: what the plan loop learns from real routes (planner.cc).
// A set (rep, S) says rep may not visit all of S on one day: its exact
// route over S breaks the route cap or does not fit the shift and office
// hours. Closed upward (triangle inequality), it rules out every day
// containing S:       sum_{j in S} x_ij <= |S| - 1;
// otherwise only the day S itself:
//   sum_{j in S} x_ij - sum_{j not in S} x_ij <= |S| - 1.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "solver/assignment/families.h"
#include "solver/assignment/mip.h"
#include "solver/assignment/mip_builder.h"
#include "solver/assignment/state.h"

namespace callplan {
namespace {

bool Contains(const ForbiddenVisitSet& set, int j) {
  return std::binary_search(set.physicians.begin(), set.physicians.end(), j);
}

// Rep set.rep visits all of the set except possibly `but` (-1: none).
bool VisitsAllBut(const AssignmentState& s, const ForbiddenVisitSet& set,
                  int but) {
  for (int j : set.physicians) {
    if (j != but && !s.Visits(set.rep, j)) return false;
  }
  return true;
}

// The day the set rules out would be the rep's day, with `extra` more visits.
bool Realised(const AssignmentState& s, const ForbiddenVisitSet& set,
              int but, int extra) {
  if (!VisitsAllBut(s, set, but)) return false;
  return set.closed_upward ||
         s.RepVisitCount(set.rep) + extra == static_cast<int>(set.physicians.size());
}

class ForbiddenSets final : public ConstraintFamily {
 public:
  void AddToMip(const MipSpec& spec, MipBuilder& mip) const override {
    if (!spec.enforce_route_caps) return;
    const AssignmentProblem& p = mip.problem();
    for (const ForbiddenVisitSet& set : p.forbidden_sets) {
      MipBuilder::Row row;
      for (int j : set.physicians) {
        const int c = mip.X(set.rep, j);
        if (c >= 0) row.emplace_back(c, 1.0);
      }
      // A set with a pair not in the model is already impossible.
      if (row.size() != set.physicians.size()) continue;
      if (!set.closed_upward) {
        for (int c : mip.RepColumns(set.rep)) {
          if (!Contains(set, mip.mip().x_columns[c].second)) row.emplace_back(c, -1.0);
        }
      }
      mip.AddRow(row, -MipBuilder::kInfinity, set.physicians.size() - 1.0);
    }
  }

  bool AllowsAdding(const AssignmentState& s, int rep, int j) const override {
    for (const ForbiddenVisitSet& set : s.problem().forbidden_sets) {
      if (set.rep == rep && Contains(set, j) && Realised(s, set, j, 1)) {
        return false;
      }
    }
    return true;
  }

  bool Holds(const AssignmentState& s, int rep) const override {
    for (const ForbiddenVisitSet& set : s.problem().forbidden_sets) {
      if (set.rep == rep && Realised(s, set, -1, 0)) return false;
    }
    return true;
  }

  void Check(const AssignmentState& s,
             std::vector<std::string>& violations) const override {
    const AssignmentProblem& p = s.problem();
    for (const ForbiddenVisitSet& set : p.forbidden_sets) {
      if (Realised(s, set, -1, 0)) {
        violations.push_back(absl::StrCat(RepName(p, set.rep), " visits ",
                                          set.physicians.size(),
                                          " physicians whose route does not fit: ",
                                          set.reason));
      }
    }
  }

  std::string WhyNot(const AssignmentState& s, int rep, int j) const override {
    for (const ForbiddenVisitSet& set : s.problem().forbidden_sets) {
      if (set.rep == rep && Contains(set, j) && Realised(s, set, j, 1)) {
        return set.physicians.size() == 1
                   ? set.reason
                   : absl::StrCat("with the visits planned, ", set.reason);
      }
    }
    return "";
  }

  void ExplainInfeasible(const AssignmentProblem& p, const AuxSolve& solve,
                         Infeasibility& out) const override {}
};

}  // namespace

const ConstraintFamily& ForbiddenSetsFamily() {
  static const ForbiddenSets kFamily;
  return kFamily;
}

}  // namespace callplan
