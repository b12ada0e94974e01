// The constraint families of the assignment model (constraint_family.h), in
// the order their rows are added and their reasons are given. Adding a rule
// to the model is adding one file here and one line to AllFamilies().
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_FAMILIES_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_FAMILIES_H_

#include <vector>

#include "solver/assignment/constraint_family.h"

namespace callplan {

// Each physician at most (required: exactly) its daily cap of visits, never
// two from one team; the contact rules' exclusions (coverage.cc).
const ConstraintFamily& CoverageFamily();
// The physician's office hours against the rep's shift (availability.cc).
const ConstraintFamily& AvailabilityFamily();
// Visits per rep (rep_caps.cc).
const ConstraintFamily& RepCapsFamily();
// Route distance and working time: valid necessary rows (route_capacity.cc).
const ConstraintFamily& RouteCapacityFamily();
// Visit sets learnt from real routes that do not fit (forbidden_sets.cc).
const ConstraintFamily& ForbiddenSetsFamily();
// Workload and potential balance within each team (team_balance.cc).
const ConstraintFamily& TeamBalanceFamily();

// Managers' pins, forbidden visits and locked days (pins.cc).
const ConstraintFamily& PinsFamily();

const std::vector<const ConstraintFamily*>& AllFamilies();

// Every family allows the pair: the model has a column x_ij.
bool PairInModel(const AssignmentProblem& problem, int rep, int physician);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_FAMILIES_H_
