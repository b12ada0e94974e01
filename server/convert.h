// The one place where protobuf messages become domain types and back. The
// solver never sees a proto; nothing else in the server converts by hand.
// Contract: inputs were validated (validate.h) first.
#ifndef CALLPLAN_SERVER_CONVERT_H_
#define CALLPLAN_SERVER_CONVERT_H_

#include "callplan/v1/schedule.pb.h"
#include "solver/plan.h"
#include "solver/router/router.h"
#include "solver/solve_options.h"
#include "solver/territory.h"

namespace callplan {

Territory TerritoryFromProto(const v1::PlanDayRequest& request);
SolveOptions SolveOptionsFromProto(const v1::SolveOptions& options);
Location LocationFromProto(const v1::Location& location);
DistanceMatrix DistanceMatrixFromProto(const v1::DistanceMatrix& matrix);
TimeWindow TimeWindowFromProto(const v1::TimeWindow& window);
std::vector<TimeWindow> TimeWindowsFromProto(
    const google::protobuf::RepeatedPtrField<v1::TimeWindow>& windows);
std::vector<Break> BreaksFromProto(
    const google::protobuf::RepeatedPtrField<v1::Break>& breaks);
v1::TimeWindow TimeWindowToProto(const TimeWindow& window);
// The physician's windows on `date`: its availability when given, else its
// office hours for that weekday (none, or a closed date: an empty list,
// closed), else nullopt (any time).
std::optional<std::vector<TimeWindow>> AvailabilityOn(
    const v1::Physician& physician, const std::string& date);
// Unset bounds stay unset; zero route and visit caps mean "none".
FairnessBounds FairnessFromProto(const v1::FairnessBounds& proto);

v1::Status StatusToProto(PlanStatus status);
v1::PlanDayResponse PlanToProto(const Plan& plan);
v1::PlanStats PlanStatsToProto(const PlanStats& stats);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_CONVERT_H_
