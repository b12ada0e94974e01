// Rep caps: at most max_visits visits per rep (the rep's own cap, else its
// team's max_visits_per_rep).
#include "absl/strings/str_cat.h"
#include "solver/assignment/families.h"
#include "solver/assignment/mip.h"
#include "solver/assignment/mip_builder.h"
#include "solver/assignment/state.h"

namespace callplan {
namespace {

bool Capped(const AssignmentProblem& p, int rep) { return p.max_visits[rep] > 0; }

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
  }

  bool AllowsAdding(const AssignmentState& s, int rep, int j) const override {
    const AssignmentProblem& p = s.problem();
    return !Capped(p, rep) ||
           s.RepVisitCount(rep) + 1 <= static_cast<int64_t>(p.max_visits[rep]);
  }

  bool Holds(const AssignmentState& s, int rep) const override {
    const AssignmentProblem& p = s.problem();
    return !Capped(p, rep) ||
           s.RepVisitCount(rep) <= static_cast<int64_t>(p.max_visits[rep]);
  }

  void Check(const AssignmentState& s,
             std::vector<std::string>& violations) const override {
    const AssignmentProblem& p = s.problem();
    for (int i = 0; i < p.num_reps; ++i) {
      if (!Holds(s, i)) {
        violations.push_back(absl::StrCat(RepName(p, i), " has ",
                                          s.RepVisitCount(i), " visits, cap ",
                                          p.max_visits[i]));
      }
    }
  }

  std::string WhyNot(const AssignmentState& s, int rep, int j) const override {
    if (AllowsAdding(s, rep, j)) return "";
    return absl::StrCat("is at its cap of ", s.problem().max_visits[rep],
                        " visits");
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
