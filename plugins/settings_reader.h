// territory.csv: one setting per row under the header "setting,value".
//   territory_id             name sent to the sidecar (default: the folder)
//   time_zone                IANA zone of the reps' day (default UTC)
//   day_start, day_end       HH:MM: the shift of reps without their own
//                            (default 08:30-17:30)
//   lunch_earliest, lunch_latest, lunch_minutes
//                            the reps' lunch: it starts between the two
//                            times and lasts lunch_minutes (default: none)
//   visit_minutes            length of a visit (default 30)
//   travel_speed_kmh         average speed between stops (default 30)
//   max_workload_spread      fairness: visit counts differ by at most this
//   max_potential_spread     fairness: potentials differ by at most this
//   max_route_km             route cap for reps without their own
//   max_visits_per_rep       visit cap for reps without their own
//   distance_safety_factor   starting factor of the distance approximation
//   time_limit_seconds       the sidecar's solve budget
//   max_visits_per_day       contact rule: rep visits a physician may get
//                            in one day, all teams together (default 1)
//   min_days_between_visits  contact rule: days after any team's visit
//                            before the next one (default 0, no gap); a
//                            call cycle's days between calls too
//   cycle_max_workload_spread, cycle_max_potential_spread
//                            call cycles: visits and potential of a team's
//                            reps over the whole cycle differ by at most
//                            this (default: no bound over the cycle)
//   cycle_time_limit_seconds call cycles: the solve budget of the whole
//                            cycle (default: the sidecar's, 60 s)
//   call_response            call cycles: value of the 1st, 2nd... call,
//                            "1;0.6;0.35;0.2", for tiers without their own
// Unknown or repeated settings are reported: a typo must not silently fall
// back to a default. So are a day that ends before it starts and a lunch
// given in part, out of order or outside the day.
#ifndef CALLPLAN_PLUGINS_SETTINGS_READER_H_
#define CALLPLAN_PLUGINS_SETTINGS_READER_H_

#include "plugins/crm_bundle.h"
#include "plugins/csv.h"
#include "plugins/input_problems.h"

namespace callplan::crm {

TerritorySettings ReadTerritorySettings(const CsvTable& table,
                                        InputProblems* problems);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_SETTINGS_READER_H_
