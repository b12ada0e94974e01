// Pins, forbidden visits and locked days (issue 13): a manager decides and
// the engine honours it. A pin is a row x_ij = 1; other reps of a pinned
// physician, the forbidden pairs and a locked rep's unpinned physicians
// are not in the model at all (AllowsPair, from pin_rules.cc's reasons).
// Every heuristic starts from the pinned visits and no move can drop one:
// only the pinned reps may hold a pinned physician, and each already does.
// A pin that cannot hold is named with the bound it breaks, found by
// relaxing one bound at a time with that pin alone in the model.
#include "solver/assignment/pins.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "solver/assignment/families.h"
#include "solver/assignment/mip.h"
#include "solver/assignment/mip_builder.h"
#include "solver/assignment/state.h"

namespace callplan {
namespace {

const std::string& DecisionReason(const AssignmentProblem& p, int rep, int j) {
  static const std::string kNone;
  return p.decision_reason.empty() ? kNone : p.decision_reason[PairIndex(p, rep, j)];
}

bool Enforced(const MipSpec& spec, const PinnedVisit& pin, int k) {
  return pin.done ||
         (spec.enforce_pins && (spec.only_pin < 0 || spec.only_pin == k));
}

// Why another family rules the pin's pair out on any day, "" if none does.
std::string PairRuleAgainst(const AssignmentState& empty, const PinnedVisit& pin) {
  for (const ConstraintFamily* family : AllFamilies()) {
    if (family->AllowsPair(empty.problem(), pin.rep, pin.physician)) continue;
    const std::string why = family->WhyNot(empty, pin.rep, pin.physician);
    return why.empty() ? "its pair is ruled out" : why;
  }
  return "";
}

std::string RouteWords(const AssignmentProblem& p, const PinnedVisit& pin) {
  for (const ForbiddenVisitSet& set : p.forbidden_sets) {
    if (set.rep == pin.rep && set.proven &&
        std::binary_search(set.physicians.begin(), set.physicians.end(),
                           pin.physician)) {
      return absl::StrCat(RepName(p, pin.rep), "'s day: ", set.reason);
    }
  }
  if (p.route_cap[pin.rep] > 0) {
    return absl::StrFormat("%s's route would be over its cap of %g",
                           RepName(p, pin.rep), p.route_cap[pin.rep]);
  }
  return absl::StrCat(RepName(p, pin.rep), "'s day would not fit its shift");
}

// The bounds which, relaxed one at a time, let `spec`'s pins hold.
std::vector<std::string> BindingBounds(const AssignmentProblem& p,
                                       const PinnedVisit& pin, MipSpec spec,
                                       const AuxSolve& solve) {
  std::vector<std::string> bounds;
  const BalanceGroup& team = p.teams[TeamOfRep(p)[pin.rep]];
  const std::string of_team =
      p.teams.size() > 1 ? absl::StrCat(" of team ", team.team_id) : "";
  const auto relaxed_fits = [&](bool MipSpec::*flag) {
    MipSpec relaxed = spec;
    relaxed.*flag = false;
    return solve(relaxed).feasible;
  };
  if (relaxed_fits(&MipSpec::enforce_route_caps)) bounds.push_back(RouteWords(p, pin));
  if (relaxed_fits(&MipSpec::enforce_visit_caps)) {
    bounds.push_back(p.max_visits[pin.rep] > 0
                         ? absl::StrCat("with ", RepName(p, pin.rep), "'s cap of ",
                                        p.max_visits[pin.rep], " visits")
                         : "with the reps' visit caps");
  }
  if (team.max_workload_spread &&
      relaxed_fits(&MipSpec::enforce_workload_spread)) {
    bounds.push_back(absl::StrCat("with the workload spread", of_team,
                                  " of at most ", *team.max_workload_spread));
  }
  if (team.max_potential_spread &&
      relaxed_fits(&MipSpec::enforce_potential_spread)) {
    bounds.push_back(absl::StrFormat("with the potential spread%s of at most %g",
                                     of_team, *team.max_potential_spread));
  }
  if (bounds.empty()) {
    bounds.push_back(
        "with the bounds together (no one cap, route cap, shift or spread "
        "alone is to blame)");
  }
  return bounds;
}

std::string CannotHold(const std::string& who, const std::vector<std::string>& bounds) {
  std::string text = who + " cannot hold";
  for (size_t k = 0; k < bounds.size(); ++k) {
    const bool with = bounds[k].rfind("with ", 0) == 0;
    absl::StrAppend(&text, k == 0 ? "" : ";", with ? " " : ": ", bounds[k]);
  }
  return text;
}

class Pins final : public ConstraintFamily {
 public:
  void AddToMip(const MipSpec& spec, MipBuilder& mip) const override {
    const AssignmentProblem& p = mip.problem();
    for (size_t k = 0; k < p.pins.size(); ++k) {
      const PinnedVisit& pin = p.pins[k];
      if (!Enforced(spec, pin, static_cast<int>(k))) continue;
      int c = mip.X(pin.rep, pin.physician);
      // A pair another family rules out: a column fixed at 0 that must be
      // 1, so that the model says INFEASIBLE rather than drop the pin.
      if (c < 0) c = mip.AddColumn(absl::StrCat("pin_", k), 0, 0, false);
      mip.AddRow({{c, 1.0}}, 1, 1);
    }
  }

  bool AllowsPair(const AssignmentProblem& p, int rep, int j) const override {
    return DecisionReason(p, rep, j).empty();
  }
  bool AllowsAdding(const AssignmentState& s, int rep, int j) const override {
    return true;
  }
  // Removing a pinned visit breaks it: not monotone.
  bool Holds(const AssignmentState& s, int rep) const override {
    const AssignmentProblem& p = s.problem();
    if (p.pins_of_rep.empty()) return true;
    for (int k : p.pins_of_rep[rep]) {
      if (!s.Visits(rep, p.pins[k].physician)) return false;
    }
    return true;
  }
  bool monotone() const override { return false; }

  void Check(const AssignmentState& s,
             std::vector<std::string>& violations) const override {
    const AssignmentProblem& p = s.problem();
    for (const PinnedVisit& pin : p.pins) {
      if (!s.Visits(pin.rep, pin.physician)) {
        violations.push_back(PinName(p, pin) + " is not kept");
      }
    }
    if (p.decision_reason.empty()) return;
    for (int i = 0; i < p.num_reps; ++i) {
      for (int j : s.VisitsOf(i)) {
        if (AllowsPair(p, i, j)) continue;
        violations.push_back(absl::StrCat(RepName(p, i), " visits ",
                                          PhysicianName(p, j), ", but ",
                                          DecisionReason(p, i, j)));
      }
    }
  }

  std::string WhyNot(const AssignmentState& s, int rep, int j) const override {
    return DecisionReason(s.problem(), rep, j);
  }

  void ExplainInfeasible(const AssignmentProblem& p, const AuxSolve& solve,
                         Infeasibility& out) const override {
    if (p.pins.empty()) return;
    const AssignmentState empty(p);
    bool ruled_out = false;
    for (const PinnedVisit& pin : p.pins) {
      const std::string why = PairRuleAgainst(empty, pin);
      if (why.empty()) continue;
      out.reasons.push_back(absl::StrCat(PinName(p, pin), " cannot hold: ",
                                         RepName(p, pin.rep), " ", why));
      ruled_out = true;
    }
    if (ruled_out) return;
    MipSpec spec;
    spec.objective = MipObjective::kFeasibility;
    spec.enforce_pins = false;
    // A day with no plan even unpinned: the other families say why.
    if (!solve(spec).feasible) return;
    spec.enforce_pins = true;
    bool named = false;
    for (size_t k = 0; k < p.pins.size(); ++k) {
      if (p.pins[k].done) continue;
      spec.only_pin = static_cast<int>(k);
      const AuxAnswer alone = solve(spec);
      if (alone.feasible || !alone.decided) continue;
      out.reasons.push_back(
          CannotHold(PinName(p, p.pins[k]), BindingBounds(p, p.pins[k], spec, solve)));
      named = true;
    }
    if (named) return;
    spec.only_pin = -1;
    out.reasons.push_back(CannotHold(
        "the pins together (each could hold alone)",
        BindingBounds(p, p.pins.front(), spec, solve)));
  }
};

}  // namespace

const ConstraintFamily& PinsFamily() {
  static const Pins kFamily;
  return kFamily;
}

RepVisits PinnedVisits(const AssignmentProblem& p) {
  RepVisits visits(p.num_reps);
  for (const PinnedVisit& pin : p.pins) visits[pin.rep].push_back(pin.physician);
  for (std::vector<int>& mine : visits) std::sort(mine.begin(), mine.end());
  return visits;
}

const PinnedVisit* PinOf(const AssignmentProblem& p, int rep, int physician) {
  if (p.pins_of_rep.empty()) return nullptr;
  for (int k : p.pins_of_rep[rep]) {
    if (p.pins[k].physician == physician) return &p.pins[k];
  }
  return nullptr;
}

bool PinOutsideModel(const AssignmentProblem& p) {
  for (const PinnedVisit& pin : p.pins) {
    for (const ConstraintFamily* family : AllFamilies()) {
      if (!family->AllowsPair(p, pin.rep, pin.physician)) return true;
    }
  }
  return false;
}

std::string PinName(const AssignmentProblem& p, const PinnedVisit& pin) {
  return absl::StrCat("the pin of ", PhysicianName(p, pin.physician), " to ",
                      RepName(p, pin.rep),
                      pin.pinned_by.empty() ? "" : absl::StrCat(" (by ", pin.pinned_by, ")"),
                      pin.done ? " (done)" : "");
}

}  // namespace callplan
