// One family of the assignment model's constraints, in one place (issue 9):
// its MIP rows, its tests for the heuristics, its re-check and its
// explanations, so that a rule is written once and the warm start, the
// checker and the explanations can never drift from the model (they had:
// the warm start did not know the forbidden sets).
//
// The families (families.h) are coverage, team balance, rep caps, route and
// shift capacity, availability, forbidden sets and pins. Every user of the model
// loops over them: BuildAssignmentMip for rows, AssignmentState for the
// heuristics' tests, AssignmentViolations for the re-check, the
// explanations for WhyNot and ExplainInfeasible.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_CONSTRAINT_FAMILY_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_CONSTRAINT_FAMILY_H_

#include <functional>
#include <string>
#include <vector>

#include "solver/assignment/problem.h"
#include "solver/plan.h"

namespace callplan {

class AssignmentState;
class MipBuilder;
struct AssignmentMip;
struct MipSpec;

// What an explanation of an infeasible day may ask: whether the model with
// one family's rows relaxed (spec changed by the caller) has a plan, and its
// objective. `decided` is false when time ran out before the answer.
struct AuxAnswer {
  bool feasible = false;
  bool decided = false;
  double objective = 0;
};
using AuxSolve = std::function<AuxAnswer(const MipSpec& spec)>;

class ConstraintFamily {
 public:
  virtual ~ConstraintFamily() = default;

  // The family's rows (and any columns of its own) in the MIP.
  virtual void AddToMip(const MipSpec& spec, MipBuilder& mip) const = 0;
  // Values of the family's own columns for an assignment (a warm start).
  virtual void WarmStart(const AssignmentState& state, const AssignmentMip& mip,
                         std::vector<double>& values) const {}

  // False when the family forbids the pair outright (a column the MIP never
  // gets): a contact rule, office hours that never meet the shift.
  virtual bool AllowsPair(const AssignmentProblem& problem, int rep,
                          int physician) const {
    return true;
  }
  // Heuristics, before adding visit (rep, physician) to `state`: false when
  // the visit would break one of the family's constraints that more visits
  // can only make worse (caps, capacities, coverage, forbidden sets). The
  // balance between reps is not monotone and is left to Holds.
  virtual bool AllowsAdding(const AssignmentState& state, int rep,
                            int physician) const = 0;
  // Heuristics, after a move: the family's constraints on `rep` (and on its
  // team) hold.
  virtual bool Holds(const AssignmentState& state, int rep) const = 0;
  // True when adding visits can only break the family and removing them
  // never does, so that a state built and changed only through adds that
  // AllowsAdding approved keeps holding it (all but the team balance).
  // Local search then need not call Holds for it after each move.
  virtual bool monotone() const { return true; }

  // The re-check of a whole assignment: every violated constraint, in words.
  virtual void Check(const AssignmentState& state,
                     std::vector<std::string>& violations) const = 0;
  // Why `rep` may not also visit `physician` under this family, in the
  // user's words ("" when it may). Tries nothing on `state`.
  virtual std::string WhyNot(const AssignmentState& state, int rep,
                             int physician) const = 0;
  // For a day with no plan: this family's share of the reasons, and the
  // bounds that would make the day feasible, using `solve` for models with
  // the family relaxed.
  virtual void ExplainInfeasible(const AssignmentProblem& problem,
                                 const AuxSolve& solve,
                                 Infeasibility& out) const = 0;
};

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_CONSTRAINT_FAMILY_H_
