// A call cycle's protos and the solver's cycle types, converted in one
// place beside convert.h (whose TerritoryFromProto and PlanToProto it uses
// for each day). Contract: the request was validated (validate_cycle.h).
//  - One CycleDay per date first_date..last_date, day_number from 0; each
//    is the territory as PlanDay would see it with `date` set to that day
//    (office hours and closed dates become that day's availability), only
//    the reps who work that day (their working_days weekdays, Monday to
//    Friday without an entry or with no weekdays, less their days_off), and
//    every physician optional: the targets say who must be called.
//  - One PhysicianGoal per physician, in territory order: its tier's calls
//    and response (else the request's response, else DefaultResponse()),
//    then its PhysicianTarget entries (team_id empty: for every team;
//    otherwise that team's).
#ifndef CALLPLAN_SERVER_CYCLE_CONVERT_H_
#define CALLPLAN_SERVER_CYCLE_CONVERT_H_

#include "callplan/v1/cycle.pb.h"
#include "solver/cycle/cycle_plan.h"
#include "solver/cycle/cycle_territory.h"
#include "solver/solve_options.h"

namespace callplan {

// A cycle's time limit when the request sets none (PlanDay's is 10 s): a
// cycle plans many days.
inline constexpr double kDefaultCycleTimeLimitSeconds = 60;

CycleTerritory CycleTerritoryFromProto(const v1::PlanCycleRequest& request);

// The territory's options, the time limit bounding the whole cycle:
// unset = kDefaultCycleTimeLimitSeconds, never above `max_seconds` (the
// sidecar's limits.max_time_limit_seconds).
SolveOptions CycleSolveOptionsFromProto(const v1::PlanCycleRequest& request,
                                        double max_seconds);

v1::PlanCycleResponse CyclePlanToProto(const CyclePlan& plan);
v1::PlanCycleProgress CycleProgressToProto(const CycleProgress& progress);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_CYCLE_CONVERT_H_
