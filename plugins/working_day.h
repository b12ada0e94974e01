// A rep's working day as the bundle gives it: the shift and the lunch from
// the rep's own reps.csv columns, each part reps.csv leaves empty from
// territory.csv (day_start, day_end, lunch_*). One place puts them
// together, for the checks below and for the request the sidecar plans.
#ifndef CALLPLAN_PLUGINS_WORKING_DAY_H_
#define CALLPLAN_PLUGINS_WORKING_DAY_H_

#include <optional>
#include <string>

#include "callplan/v1/territory.pb.h"
#include "plugins/crm_bundle.h"
#include "plugins/input_problems.h"

namespace callplan::crm {

// Leave home at or after start, be home by end.
v1::TimeWindow ShiftOf(const CrmRep& rep, const TerritorySettings& settings);

// The rep's lunch, none when neither the rep nor the territory has one or
// the rep's lunch_minutes is 0.
std::optional<Lunch> LunchOf(const CrmRep& rep, const TerritorySettings& settings);

// Why `lunch` cannot be taken inside `shift` ("a 45-minute lunch starting
// 12:00-13:30 does not fit the shift 08:30-12:30"); nullopt when it can.
std::optional<std::string> LunchMisfit(const Lunch& lunch,
                                       const v1::TimeWindow& shift);

// Each rep's shift ends after it starts, and its lunch is whole (earliest,
// latest and minutes, from the rep or the territory), in order and inside
// the shift; problems are reported on the rep's reps.csv line.
void CheckWorkingDays(const CrmBundle& bundle, InputProblems* problems);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_WORKING_DAY_H_
