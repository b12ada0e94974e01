// Validation of the contract's time fields (issue 9), for validate.cc:
// windows within the day and in order, breaks that fit their shifts,
// durations and speeds in range, office hours and closed dates.
#ifndef CALLPLAN_SERVER_VALIDATE_TIME_H_
#define CALLPLAN_SERVER_VALIDATE_TIME_H_

#include <string>

#include "callplan/v1/schedule.pb.h"
#include "server/field_checks.h"

namespace callplan::validation {

// Both ends within the day (0..86400), the end not before the start; true
// when the window is fine.
bool CheckTimeWindow(Collector& c, const std::string& field,
                     const v1::TimeWindow& window);
// Each window valid, in order, none overlapping the one before.
void CheckWindows(Collector& c, const std::string& field,
                  const google::protobuf::RepeatedPtrField<v1::TimeWindow>& windows);
// Each break valid and, with a shift, able to be taken inside it.
void CheckBreaks(Collector& c, const std::string& field,
                 const google::protobuf::RepeatedPtrField<v1::Break>& breaks,
                 const v1::TimeWindow* shift);
// MONDAY..SUNDAY (not WEEKDAY_UNSPECIFIED); true when it is one.
bool CheckWeekday(Collector& c, const std::string& field, int weekday);
// 0 (the default) or a speed in km/h.
void CheckSpeed(Collector& c, const std::string& field, double speed);
// A physician's availability, visit length, office hours and closed dates.
void CheckPhysicianHours(Collector& c, const std::string& field,
                         const v1::Physician& physician, const std::string& date);

}  // namespace callplan::validation

#endif  // CALLPLAN_SERVER_VALIDATE_TIME_H_
