// A CRM export bundle as the plugin holds it after reading: brand teams,
// reps with their working day, physicians with their product potentials,
// contact rules and office hours, the call history, and the territory's
// settings (fairness bounds, contact rules, the time zone and the working
// day reps.csv does not override), and for call cycles the reps' working
// days and days off, the physicians' tiers, the tiers' call targets and
// per-physician overrides (cycle_reader.h), and for learned potentials
// the prescription history (prescriptions_reader.h). Times of day are
// seconds after local midnight in the territory's time zone, the
// contract's unit. Each entry keeps the line it came from, for messages
// that point back into the CRM's files.
#ifndef CALLPLAN_PLUGINS_CRM_BUNDLE_H_
#define CALLPLAN_PLUGINS_CRM_BUNDLE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "callplan/v1/constraints.pb.h"
#include "callplan/v1/cycle.pb.h"
#include "callplan/v1/territory.pb.h"

namespace callplan::crm {

// A brand team (teams.csv). Reps without products of their own promote the
// team's; the policy's unset bounds fall back to the territory's.
struct CrmTeam {
  std::string id;
  std::string name;
  std::vector<std::string> products;
  v1::FairnessBounds policy;
  int line = 0;
};

// A day a rep does not work (reps_days_off.csv): leave, training, holiday.
struct CrmDayOff {
  std::string date;    // YYYY-MM-DD
  std::string reason;  // "" = none given
  int line = 0;
};

struct CrmRep {
  std::string id;
  std::string name;
  std::string team_id;
  double home_latitude = 0;
  double home_longitude = 0;
  std::vector<std::string> products;  // empty = the team's products
  double max_route_km = 0;  // 0 = the territory's cap
  uint32_t max_visits = 0;  // 0 = the territory's cap
  // The rep's own working day; each part left unset takes the territory's
  // (working_day.h puts them together).
  std::optional<int64_t> shift_start_seconds;
  std::optional<int64_t> shift_end_seconds;
  std::optional<int64_t> lunch_earliest_seconds;
  std::optional<int64_t> lunch_latest_seconds;
  std::optional<int64_t> lunch_seconds;  // 0 = no lunch for this rep
  double travel_speed_kmh = 0;           // 0 = the territory's
  std::string district_id;  // reps.csv district_id; "" without the column
  // reps.csv working_days, sorted; empty = Monday to Friday.
  std::vector<v1::Weekday> working_days;
  std::vector<CrmDayOff> days_off;  // reps_days_off.csv, in file order
  int line = 0;
};

struct CrmPhysician {
  std::string id;
  std::string name;
  std::string specialty;
  std::string address;
  double latitude = 0;
  double longitude = 0;
  bool optional = false;
  std::map<std::string, double> potentials;  // product -> 0..100
  v1::ContactRules contact;  // set fields override the territory's
  int64_t visit_seconds = 0;  // 0 = the territory's visit_minutes
  // physician_hours.csv: when visits may start, by weekday, sorted and
  // disjoint; none at all = any time of the rep's shift, but a weekday
  // without hours when others have some = closed that day.
  std::vector<v1::WeeklyWindow> office_hours;
  std::vector<std::string> closed_dates;  // YYYY-MM-DD
  std::string district_id;  // physicians.csv district_id; "" without it
  std::string tier;  // physicians.csv tier, one of tiers.csv; "" = none
  // Why each product's potential is what it is, in words (a learned
  // model's drivers, learning/apply_model.h); empty = typed in.
  std::map<std::string, std::string> potential_basis;
  int line = 0;
};

// Calls over a cycle (tiers.csv, call_targets.csv); max unset = no cap.
struct CrmCalls {
  uint32_t min_calls = 0;
  uint32_t target_calls = 0;
  std::optional<uint32_t> max_calls;
};

// A tier's calls and response to repeated calls (tiers.csv).
struct CrmTier {
  std::string tier;
  CrmCalls calls;
  std::vector<double> response;  // empty = the territory's call_response
  int line = 0;
};

// One physician's own targets, overriding the tier (call_targets.csv).
struct CrmCallTarget {
  std::string physician_id;
  std::string team_id;  // "" = every team that wants the physician
  CrmCalls calls;
  int line = 0;
};

// A past call from the CRM's history (visit_history.csv).
struct CrmPastVisit {
  std::string physician_id;
  std::string team_id;
  std::string date;  // YYYY-MM-DD
  std::string product;  // the product detailed; "" = not recorded
  int line = 0;
};

// What one physician prescribed of one product in one month
// (prescriptions.csv): the history potentials are learnt from. Physician-
// level counts only; the bundle holds no patient data.
struct CrmPrescriptions {
  std::string physician_id;
  std::string product;
  std::string month;  // YYYY-MM
  int64_t prescriptions = 0;
  int line = 0;
};

// A lunch break: it starts between earliest and latest, wherever the rep
// is, and lasts `seconds`.
struct Lunch {
  int64_t earliest_seconds = 0;
  int64_t latest_seconds = 0;
  int64_t seconds = 0;
};

// The working day of reps and physicians reps.csv and physicians.csv say
// nothing else about (territory.csv).
struct DayDefaults {
  int64_t day_start_seconds = 8 * 3600 + 30 * 60;  // 08:30
  int64_t day_end_seconds = 17 * 3600 + 30 * 60;   // 17:30
  int64_t visit_seconds = 30 * 60;
  double travel_speed_kmh = 30;
  std::optional<Lunch> lunch;  // none = no lunch
};

struct TerritorySettings {
  std::string territory_id;
  v1::FairnessBounds fairness;
  double time_limit_seconds = 0;  // 0 = the sidecar's default
  v1::ContactRules contact_rules;  // every physician's defaults
  std::string time_zone = "UTC";  // IANA name, e.g. Europe/Paris
  DayDefaults day;
  // Call cycles: bounds over the whole cycle beside the day's, and the
  // response curve of physicians whose tier has none (empty = the engine's
  // 1, 0.6, 0.35, 0.2).
  v1::CycleFairness cycle_fairness;
  std::vector<double> call_response;
  double cycle_time_limit_seconds = 0;  // the whole cycle; 0 = the sidecar's
  std::map<std::string, int> lines;  // setting -> its line in territory.csv
};

struct CrmBundle {
  std::vector<CrmTeam> teams;  // empty = no teams.csv: one team, legacy
  std::vector<CrmRep> reps;
  std::vector<CrmPhysician> physicians;
  std::vector<CrmPastVisit> visit_history;
  // prescriptions.csv, each physician-product's months ascending.
  std::vector<CrmPrescriptions> prescriptions;
  std::vector<CrmTier> tiers;                // tiers.csv, in file order
  std::vector<CrmCallTarget> call_targets;   // call_targets.csv
  TerritorySettings settings;
  // reps.csv and physicians.csv have district_id: each district is planned
  // as its own territory-day (plugins/districts.h).
  bool has_districts = false;
  // The learned model whose potentials replaced potentials.csv's
  // (callplan-crm sync --model); "" = the bundle's own.
  std::string potential_model_id;

  const CrmTeam* FindTeam(const std::string& id) const;
  const CrmRep* FindRep(const std::string& id) const;
  const CrmPhysician* FindPhysician(const std::string& id) const;
  const CrmTier* FindTier(const std::string& tier) const;
};

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_CRM_BUNDLE_H_
