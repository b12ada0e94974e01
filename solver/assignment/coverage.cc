// Coverage: constraint (2) of Hertel & Gautam, each physician visited at
// most once today (exactly once when required), with the portfolio's daily
// cap in place of 1 and never twice by one team; and the contact rules'
// exclusions (a minimum gap since any team's last call).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "solver/assignment/families.h"
#include "solver/assignment/mip_builder.h"
#include "solver/assignment/state.h"

namespace callplan {
namespace {

bool Excluded(const AssignmentProblem& p, int j) {
  return !p.excluded_reason.empty() && !p.excluded_reason[j].empty();
}

// Another rep of `rep`'s team visits j already.
bool TeamVisits(const AssignmentState& s, int rep, int j) {
  return s.TeamVisitCount(s.TeamOf(rep), j) > (s.Visits(rep, j) ? 1 : 0);
}

class Coverage final : public ConstraintFamily {
 public:
  void AddToMip(const MipSpec& spec, MipBuilder& mip) const override {
    const AssignmentProblem& p = mip.problem();
    const std::vector<int> team_of = TeamOfRep(p);
    for (int j = 0; j < p.num_physicians; ++j) {
      const uint32_t cap = DailyCap(p, j);
      MipBuilder::Row row;
      for (int c : mip.PhysicianColumns(j)) row.emplace_back(c, 1.0);
      mip.AddRow(row, p.physician_optional[j] ? 0.0 : 1.0, cap);
      if (cap <= 1) continue;
      for (size_t t = 0; t < p.teams.size(); ++t) {
        MipBuilder::Row team_row;
        for (int c : mip.PhysicianColumns(j)) {
          if (team_of[mip.mip().x_columns[c].first] == static_cast<int>(t)) {
            team_row.emplace_back(c, 1.0);
          }
        }
        if (team_row.size() > 1) mip.AddRow(team_row, 0, 1);
      }
    }
  }

  bool AllowsPair(const AssignmentProblem& p, int rep, int j) const override {
    return p.allowed.empty() || p.allowed[PairIndex(p, rep, j)];
  }

  bool AllowsAdding(const AssignmentState& s, int rep, int j) const override {
    const int visits = s.VisitCount(j);
    if (visits >= static_cast<int64_t>(DailyCap(s.problem(), j))) return false;
    return visits == 0 || !TeamVisits(s, rep, j);
  }

  bool Holds(const AssignmentState& s, int rep) const override {
    for (int j : s.VisitsOf(rep)) {
      if (s.VisitCount(j) > static_cast<int64_t>(DailyCap(s.problem(), j)) ||
          TeamVisits(s, rep, j)) {
        return false;
      }
    }
    return true;
  }

  void Check(const AssignmentState& s,
             std::vector<std::string>& violations) const override {
    const AssignmentProblem& p = s.problem();
    for (int j = 0; j < p.num_physicians; ++j) {
      const std::string name = PhysicianName(p, j);
      if (s.VisitCount(j) == 0 && !p.physician_optional[j]) {
        violations.push_back(absl::StrCat("required physician ", name,
                                          " is not visited"));
      }
      if (s.VisitCount(j) > static_cast<int64_t>(DailyCap(p, j))) {
        violations.push_back(absl::StrCat("physician ", name, " has ",
                                          s.VisitCount(j), " visits, daily cap ",
                                          DailyCap(p, j)));
      }
      std::vector<int> teams;
      for (int i = 0; i < p.num_reps; ++i) {
        if (!s.Visits(i, j)) continue;
        teams.push_back(s.TeamOf(i));
        if (!AllowsPair(p, i, j)) {
          violations.push_back(absl::StrCat(RepName(p, i), " may not visit ", name,
                                            " today"));
        }
      }
      std::sort(teams.begin(), teams.end());
      if (std::adjacent_find(teams.begin(), teams.end()) != teams.end()) {
        violations.push_back(absl::StrCat("physician ", name,
                                          " is visited twice by one team"));
      }
    }
  }

  std::string WhyNot(const AssignmentState& s, int rep, int j) const override {
    const AssignmentProblem& p = s.problem();
    if (Excluded(p, j)) return p.excluded_reason[j];
    if (!AllowsPair(p, rep, j)) return "a contact rule forbids this pair";
    if (s.VisitCount(j) >= static_cast<int64_t>(DailyCap(p, j))) {
      return absl::StrCat("the physician's daily cap of ", DailyCap(p, j),
                          " visits is taken");
    }
    if (TeamVisits(s, rep, j)) {
      return "another rep of the same team visits this physician today";
    }
    return "";
  }

  // Excluded required physicians are named by ExplainInfeasibility's
  // unreachable check, with every family's reason.
  void ExplainInfeasible(const AssignmentProblem& p, const AuxSolve& solve,
                         Infeasibility& out) const override {}
};

}  // namespace

const ConstraintFamily& CoverageFamily() {
  static const Coverage kFamily;
  return kFamily;
}

}  // namespace callplan
