// A CRM export bundle as the plugin holds it after reading: brand teams,
// reps, physicians with their product potentials and contact rules, the
// call history, and the territory's settings (fairness bounds and contact
// rules for the sidecar, how a day is laid out in the calendar). Each
// entry keeps the line it came from, for messages that point back into the
// CRM's files.
#ifndef CALLPLAN_PLUGINS_CRM_BUNDLE_H_
#define CALLPLAN_PLUGINS_CRM_BUNDLE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "callplan/v1/constraints.pb.h"
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

struct CrmRep {
  std::string id;
  std::string name;
  std::string team_id;
  double home_latitude = 0;
  double home_longitude = 0;
  std::vector<std::string> products;  // empty = the team's products
  double max_route_km = 0;  // 0 = the territory's cap
  uint32_t max_visits = 0;  // 0 = the territory's cap
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
  int line = 0;
};

// A past call from the CRM's history (visit_history.csv).
struct CrmPastVisit {
  std::string physician_id;
  std::string team_id;
  std::string date;  // YYYY-MM-DD
  int line = 0;
};

// How visits are laid out in a rep's calendar: leave home at day_start,
// drive each leg at travel_speed_kmh, stay visit_minutes at each physician.
struct DayLayout {
  int day_start_minutes = 8 * 60 + 30;  // minutes after local midnight
  int visit_minutes = 30;
  double travel_speed_kmh = 30;
  std::string time_zone = "UTC";  // IANA name, e.g. Europe/Paris
};

struct TerritorySettings {
  std::string territory_id;
  v1::FairnessBounds fairness;
  double time_limit_seconds = 0;  // 0 = the sidecar's default
  v1::ContactRules contact_rules;  // every physician's defaults
  DayLayout layout;
};

struct CrmBundle {
  std::vector<CrmTeam> teams;  // empty = no teams.csv: one team, legacy
  std::vector<CrmRep> reps;
  std::vector<CrmPhysician> physicians;
  std::vector<CrmPastVisit> visit_history;
  TerritorySettings settings;

  const CrmTeam* FindTeam(const std::string& id) const;
  const CrmRep* FindRep(const std::string& id) const;
  const CrmPhysician* FindPhysician(const std::string& id) const;
};

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_CRM_BUNDLE_H_
