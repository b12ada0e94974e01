// Rep caps: at most max_visits visits per rep (the rep's own cap, else its
// team's max_visits_per_rep), and at most max_potential of potential where
// the cycle planner sets one.
#include "absl/strings/str_cat.h"
#include "solver/assignment/families.h"
#include "solver/assignment/mip.h"
#include "solver/assignment/mip_builder.h"
#include "solver/assignment/state.h"

namespace callplan {
namespace {

bool Capped(const AssignmentProblem& p, int rep) { return p.max_visits[rep] > 0; }
bool PotentialCapped(const AssignmentProblem& p, int rep) {
  return !p.max_potential.empty() && p.max_potential[rep] >= 0;
}
// Potentials are sums of doubles: a cap met exactly must hold.
constexpr double kPotentialSlack = 1e-7;

class RepCaps final : public ConstraintFamily {
 public:
  void AddToMip(const MipSpec& spec, MipBuilder& mip) const override {
    if (!spec.enforce_visit_caps) return;
    const AssignmentProblem& p = mip.problem();
    for (int i = 0; i < p.num_reps; ++i) {
      if (!Capped(p, i)) continue;
      MipBuilder::Row row;
      for (int c : mip.RepColumns(i)) row.emplace_back(c, 1.0);
      mip.AddRow(row, -MipBuilder::kInfinity, p.max_visits[i]);
    }
    for (int i = 0; i < p.num_reps; ++i) {
      if (!PotentialCapped(p, i)) continue;
      MipBuilder::Row row;
      for (int j = 0; j < p.num_physicians; ++j) {
        const int c = mip.X(i, j);
        if (c >= 0) row.emplace_back(c, p.potential[PairIndex(p, i, j)]);
      }
      mip.AddRow(row, -MipBuilder::kInfinity, p.max_potential[i]);
    }
  }

  bool AllowsAdding(const AssignmentState& s, int rep, int j) const override {
    const AssignmentProblem& p = s.problem();
    if (PotentialCapped(p, rep) &&
        s.RepPotential(rep) + p.potential[PairIndex(p, rep, j)] >
            p.max_potential[rep] + kPotentialSlack) {
      return false;
    }
    return !Capped(p, rep) ||
           s.RepVisitCount(rep) + 1 <= static_cast<int64_t>(p.max_visits[rep]);
  }

  bool Holds(const AssignmentState& s, int rep) const override {
    const AssignmentProblem& p = s.problem();
    if (PotentialCapped(p, rep) &&
        s.RepPotential(rep) > p.max_potential[rep] + kPotentialSlack) {
      return false;
    }
    return !Capped(p, rep) ||
           s.RepVisitCount(rep) <= static_cast<int64_t>(p.max_visits[rep]);
  }

  void Check(const AssignmentState& s,
             std::vector<std::string>& violations) const override {
    const AssignmentProblem& p = s.problem();
    for (int i = 0; i < p.num_reps; ++i) {
      if (Capped(p, i) &&
          s.RepVisitCount(i) > static_cast<int64_t>(p.max_visits[i])) {
        violations.push_back(absl::StrCat(RepName(p, i), " has ",
                                          s.RepVisitCount(i), " visits, cap ",
                                          p.max_visits[i]));
      }
      if (PotentialCapped(p, i) &&
          s.RepPotential(i) > p.max_potential[i] + kPotentialSlack) {
        violations.push_back(absl::StrCat(RepName(p, i), " has potential ",
                                          s.RepPotential(i), ", cap ",
                                          p.max_potential[i]));
      }
    }
  }

  std::string WhyNot(const AssignmentState& s, int rep, int j) const override {
    if (AllowsAdding(s, rep, j)) return "";
    const AssignmentProblem& p = s.problem();
    if (Capped(p, rep) &&
        s.RepVisitCount(rep) + 1 > static_cast<int64_t>(p.max_visits[rep])) {
      return absl::StrCat("is at its cap of ", p.max_visits[rep], " visits");
    }
    return absl::StrCat("would pass its potential cap of ",
                        absl::SixDigits(p.max_potential[rep]),
                        " (the cycle's potential spread)");
  }

  void ExplainInfeasible(const AssignmentProblem& p, const AuxSolve& solve,
                         Infeasibility& out) const override {
    int64_t required = 0, capacity = 0;
    for (int j = 0; j < p.num_physicians; ++j) required += !p.physician_optional[j];
    for (int i = 0; i < p.num_reps; ++i) {
      if (!Capped(p, i)) return;  // some rep is uncapped
      capacity += p.max_visits[i];
    }
    if (required > capacity) {
      out.reasons.push_back(absl::StrCat(
          required, " required physicians but the reps' visit caps allow only ",
          capacity, " visits in all"));
    }
  }
};

}  // namespace

const ConstraintFamily& RepCapsFamily() {
  static const RepCaps kFamily;
  return kFamily;
}

}  // namespace callplan
