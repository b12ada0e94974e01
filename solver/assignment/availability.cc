// Availability: a rep may only get physicians whose office hours meet its
// shift, i.e. a visit could start inside one of the physician's windows
// after driving there from home at the shift's start and still leave time
// to drive home by its end (time_rules.cc works out the reason per pair). A necessary condition; breaks and the rest of the day are the
// router's, and what it proves does not fit comes back as forbidden sets.
// Also a physician the cycle planner gives to some teams only is
// unavailable to the others' reps (problem_builder.cc, visiting_teams).
#include "solver/assignment/families.h"
#include "solver/assignment/mip_builder.h"
#include "solver/assignment/state.h"

namespace callplan {
namespace {

const std::string& Reason(const AssignmentProblem& p, int rep, int j) {
  static const std::string kNone;
  return p.unavailable_reason.empty() ? kNone
                                      : p.unavailable_reason[PairIndex(p, rep, j)];
}

class Availability final : public ConstraintFamily {
 public:
  // The pairs it forbids are not in the model at all.
  void AddToMip(const MipSpec& spec, MipBuilder& mip) const override {}

  bool AllowsPair(const AssignmentProblem& p, int rep, int j) const override {
    return Reason(p, rep, j).empty();
  }
  bool AllowsAdding(const AssignmentState& s, int rep, int j) const override {
    return true;
  }
  bool Holds(const AssignmentState& s, int rep) const override {
    if (s.problem().unavailable_reason.empty()) return true;
    for (int j : s.VisitsOf(rep)) {
      if (!AllowsPair(s.problem(), rep, j)) return false;
    }
    return true;
  }
  void Check(const AssignmentState& s,
             std::vector<std::string>& violations) const override {
    const AssignmentProblem& p = s.problem();
    for (int i = 0; i < p.num_reps; ++i) {
      for (int j : s.VisitsOf(i)) {
        if (!AllowsPair(p, i, j)) {
          violations.push_back(RepName(p, i) + " visits " + PhysicianName(p, j) +
                               ", who " + Reason(p, i, j));
        }
      }
    }
  }
  std::string WhyNot(const AssignmentState& s, int rep, int j) const override {
    const std::string& reason = Reason(s.problem(), rep, j);
    return reason.empty() ? "" : "cannot see the physician, who " + reason;
  }
  void ExplainInfeasible(const AssignmentProblem& p, const AuxSolve& solve,
                         Infeasibility& out) const override {}
};

}  // namespace

const ConstraintFamily& AvailabilityFamily() {
  static const Availability kFamily;
  return kFamily;
}

}  // namespace callplan
