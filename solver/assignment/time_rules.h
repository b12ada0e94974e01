// The assignment model's view of time (issue 9), from the day's
// TimeDimension: which (rep, physician) pairs no visit could ever fit
// (availability.cc reads the reasons) and each rep's working-time row
// (route_capacity.cc): service plus half the shortest drive in and out of
// each visit, within the shift less its breaks; and pairs of physicians
// whose hours no order of the two fits (proven forbidden sets). All are
// necessary conditions of a real timed route, never approximations: what
// they miss, the day router finds and the plan loop learns.
#ifndef CALLPLAN_SOLVER_ASSIGNMENT_TIME_RULES_H_
#define CALLPLAN_SOLVER_ASSIGNMENT_TIME_RULES_H_

#include <string>

#include "solver/assignment/problem.h"
#include "solver/time_dimension.h"

namespace callplan {

void AddTimeRules(const TimeDimension& time, AssignmentProblem& problem);

// Why rep `rep` can never visit `physician` today within its shift ("" when
// it might): closed today, or hours the shift cannot reach, counting only
// the drive from home, the visit and the drive back.
std::string UnreachableReason(const TimeDimension& time, int rep, int physician);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_ASSIGNMENT_TIME_RULES_H_
