// What a call cycle (issue 12) needs from the CRM bundle beyond the day's
// files, read with the same discipline (every problem as file:line:
// column: what, all at once, nothing planned on any):
//   reps.csv        working_days  weekdays the rep works, separated by
//                   spaces or ';' ("Mon Tue Wed Thu Fri"); empty = Monday
//                   to Friday
//   physicians.csv  tier          a tier of tiers.csv; empty = none
//   reps_days_off.csv  rep_id,date[,reason]  days a rep does not work
//   tiers.csv       tier,[min_calls],target_calls,[max_calls],[response]
//                   calls over the cycle for physicians of the tier, and
//                   the value of the 1st, 2nd... call as a share of the
//                   visit's potential ("1;0.6;0.35;0.2", never rising;
//                   empty = the territory's call_response)
//   call_targets.csv  physician_id,[team_id],[min_calls],target_calls,
//                   [max_calls]  one physician's own targets, overriding
//                   the tier (team empty = every team that wants them)
// All files are optional; the day path ignores the tiers and targets but
// not the working days (plan_request.h).
#ifndef CALLPLAN_PLUGINS_CYCLE_READER_H_
#define CALLPLAN_PLUGINS_CYCLE_READER_H_

#include <optional>
#include <string>
#include <vector>

#include "plugins/crm_bundle.h"
#include "plugins/crm_fields.h"
#include "plugins/csv.h"
#include "plugins/input_problems.h"

namespace callplan::crm {

// reps.csv's working_days of this row, sorted; empty when the column is
// absent or empty.
std::vector<v1::Weekday> WorkingDaysField(FieldReader& f);

// A response curve "1;0.6;0.35;0.2" in `column`: each a number in 0..1,
// none above the one before; empty when the field is.
std::vector<double> ResponseField(FieldReader& f, const std::string& column);

void ReadTiers(const CsvTable& table, CrmBundle* bundle,
               InputProblems* problems);
void ReadCallTargets(const CsvTable& table, CrmBundle* bundle,
                     InputProblems* problems);
void ReadRepDaysOff(const CsvTable& table, CrmBundle* bundle,
                    InputProblems* problems);

// Every physician's tier is one of tiers.csv (reported on physicians.csv).
void CheckPhysicianTiers(const CrmBundle& bundle, bool has_tiers_file,
                         InputProblems* problems);

// Whether `rep` works on `date` (YYYY-MM-DD): a working weekday and not a
// day off. False for a date that does not parse.
bool RepWorksOn(const CrmRep& rep, const std::string& date);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_CYCLE_READER_H_
