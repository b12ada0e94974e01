// physician_hours.csv: when each physician receives reps, week by week.
//   physician_id  a physician of physicians.csv
//   weekday       Mon..Sun or Monday..Sunday, any case
//   start, end    HH:MM: a visit may start from `start` up to `end` (it
//                 may end after, as the engine plans it)
// Several rows per physician and weekday make several windows; rows that
// touch (08:00-12:00, 12:00-14:00) are one window, rows that overlap or
// end before they start are reported. A physician with rows receives reps
// only then (a weekday without rows: not that day); one without rows, at
// any time of the rep's shift.
#ifndef CALLPLAN_PLUGINS_HOURS_READER_H_
#define CALLPLAN_PLUGINS_HOURS_READER_H_

#include <optional>
#include <string>

#include "callplan/v1/territory.pb.h"
#include "plugins/crm_bundle.h"
#include "plugins/csv.h"
#include "plugins/input_problems.h"

namespace callplan::crm {

// Fills each physician's office_hours, sorted by weekday and start.
void ReadPhysicianHours(const CsvTable& table, CrmBundle* bundle,
                        InputProblems* problems);

// "tue", "Tuesday", "TUE" -> TUESDAY; nullopt for anything else.
std::optional<v1::Weekday> ParseWeekday(const std::string& text);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_HOURS_READER_H_
