// Reads a CRM export bundle: a folder of CSV files as CRMs export them.
//   reps.csv        rep_id,name,team_id,home_latitude,home_longitude,
//                   products,max_route_km,max_visits[,shift_start]
//                   [,shift_end][,lunch_earliest,lunch_latest,lunch_minutes]
//                   [,travel_speed_kmh][,district_id]
//                   (products may be empty when the team lists some; empty
//                   time columns = the territory's, working_day.h)
//   physicians.csv  physician_id,name,specialty,address,latitude,longitude,
//                   optional[,max_visits_per_day][,min_days_between_visits]
//                   [,visit_minutes][,closed_dates][,district_id]
//                   (empty contact columns = the territory's rules)
//   potentials.csv  physician_id,product,potential
//   physician_hours.csv  physician_id,weekday,start,end (optional;
//                   hours_reader.h)
//   territory.csv   setting,value          (optional; see settings_reader.h)
//   teams.csv, visit_history.csv           (optional; portfolio_reader.h)
//   prescriptions.csv  physician_id,product,month,prescriptions (optional;
//                   learned potentials' history, prescriptions_reader.h)
//   reps_days_off.csv, tiers.csv, call_targets.csv, and the columns
//   reps.csv working_days and physicians.csv tier (optional; the call
//   cycle's, cycle_reader.h)
// district_id on reps.csv and physicians.csv (both or neither) splits the
// bundle into districts planned apart (districts.h).
// Every bad row is reported, all at once, as file:line: column: what is
// wrong, and a bundle with any problem is not returned at all, so nothing
// downstream (the sidecar, a calendar) ever sees half of a territory.
#ifndef CALLPLAN_PLUGINS_CRM_READER_H_
#define CALLPLAN_PLUGINS_CRM_READER_H_

#include <string>

#include "absl/status/statusor.h"
#include "plugins/crm_bundle.h"

namespace callplan::crm {

// InvalidArgument listing every problem, one per line; NotFound when `dir`
// is not a folder.
absl::StatusOr<CrmBundle> ReadCrmBundle(const std::string& dir);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_CRM_READER_H_
