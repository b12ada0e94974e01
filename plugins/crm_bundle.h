// A CRM export bundle as the plugin holds it after reading: reps, physicians
// with their product potentials, and the territory's settings (fairness
// bounds for the sidecar, how a day is laid out in the calendar). Each
// entry keeps the line it came from, for messages that point back into the
// CRM's files.
#ifndef CALLPLAN_PLUGINS_CRM_BUNDLE_H_
#define CALLPLAN_PLUGINS_CRM_BUNDLE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "callplan/v1/constraints.pb.h"

namespace callplan::crm {

struct CrmRep {
  std::string id;
  std::string name;
  std::string team_id;
  double home_latitude = 0;
  double home_longitude = 0;
  std::vector<std::string> products;
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
  DayLayout layout;
};

struct CrmBundle {
  std::vector<CrmRep> reps;
  std::vector<CrmPhysician> physicians;
  TerritorySettings settings;

  const CrmRep* FindRep(const std::string& id) const;
  const CrmPhysician* FindPhysician(const std::string& id) const;
};

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_CRM_BUNDLE_H_
