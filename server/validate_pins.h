// Validation of a day's pins, forbidden visits and locked days (issue 13),
// for validate.cc: each names a rep and a physician of the request, no pair
// is both pinned and forbidden, a physician gets no more pins than its
// daily contact cap and never two from one team (nor two to one rep),
// pinned times are within the day and the rep's shift, a done visit says
// when it was made, a rep's day is locked at most once, and a re-plan's
// kept visits (continuity) name known pairs once with a penalty of 0 or more.
#ifndef CALLPLAN_SERVER_VALIDATE_PINS_H_
#define CALLPLAN_SERVER_VALIDATE_PINS_H_

#include "callplan/v1/schedule.pb.h"
#include "server/field_checks.h"

namespace callplan::validation {

void CheckPins(Collector& c, const v1::PlanDayRequest& request);

}  // namespace callplan::validation

#endif  // CALLPLAN_SERVER_VALIDATE_PINS_H_
