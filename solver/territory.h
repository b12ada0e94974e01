// Plain domain types of a territory-day: who the reps are, which physicians
// they may visit, and the fairness bounds an admin sets. No protobuf here: the
// server converts its messages into these once, at the edge.
//
// Contract: a Territory handed to the solver is valid (the server validates
// every request before any work); the solver still returns InvalidArgument
// rather than crashing when it is not.
#ifndef CALLPLAN_SOLVER_TERRITORY_H_
#define CALLPLAN_SOLVER_TERRITORY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "solver/time_window.h"

namespace callplan {

struct PlanarPoint {
  double x = 0;
  double y = 0;
};

struct LatLng {
  double latitude = 0;
  double longitude = 0;
};

// Planar distances are Euclidean in the caller's unit; lat/lng distances are
// great-circle kilometres.
using Location = std::variant<PlanarPoint, LatLng>;

struct Rep {
  std::string id;
  std::string team_id;
  Location home;
  std::vector<std::string> products;
  double max_route_distance = 0;  // 0 = the fairness bounds' cap
  uint32_t max_visits = 0;        // 0 = the fairness bounds' cap
  // Leave home at or after shift.start, be home by shift.end; unset = time
  // does not bound the day (it starts at 00:00).
  std::optional<TimeWindow> shift;
  std::vector<Break> breaks;
  double travel_speed_kmh = 0;  // 0 = the territory's default
  // Most potential the rep's visits may add up to today; unset = none. Not
  // in the contract: the cycle planner sets it to keep its potential
  // spread over the cycle (solver/cycle/cycle_fairness.h).
  std::optional<double> max_potential;
};

// How often the whole company may call on one physician, across teams.
struct ContactRules {
  std::optional<uint32_t> max_visits_per_day;       // unset = 1
  std::optional<uint32_t> min_days_between_visits;  // unset = no gap
};

struct Physician {
  std::string id;
  Location location;
  std::map<std::string, double> product_potential;  // 0..100 per product
  bool optional = false;
  ContactRules contact;  // unset fields: the territory's contact_rules
  // When a visit may start today: sorted, disjoint windows. nullopt = any
  // time in the rep's shift; an empty list = closed today.
  std::optional<std::vector<TimeWindow>> availability;
  int64_t visit_duration_seconds = 0;  // 0 = the territory's default
  // Teams whose reps may visit today; empty = any. Not in the contract: the
  // cycle planner gives a day's call on a physician to the teams it chose.
  std::vector<std::string> visiting_teams;
  // Why each product's potential is what it is, in words (a learned
  // model's drivers); the visit's reason repeats those of the products it
  // counts.
  std::map<std::string, std::string> potential_basis;
};

// Explicit distances (road network); row-major over ids. Rep ids stand for
// their homes.
struct DistanceMatrix {
  std::vector<std::string> ids;
  std::vector<double> distances;
  std::vector<double> durations_seconds;  // empty = distance / speed
  bool empty() const { return ids.empty(); }
};

// Unset = unbounded.
struct FairnessBounds {
  std::optional<uint32_t> max_workload_spread;
  std::optional<double> max_potential_spread;
  std::optional<double> max_route_distance;
  // The paper's starting factor f of its route approximation. Kept in the
  // contract and the stored policies, but no longer used: the engine's
  // route rows are necessary conditions of real routes (issue 9).
  double distance_safety_factor = 1.25;
  std::optional<uint32_t> max_visits_per_rep;
};

// A brand team. A rep with no products of its own promotes its team's.
struct Team {
  std::string id;
  std::vector<std::string> products;
  std::optional<FairnessBounds> policy;  // unset = the territory's fairness
};

struct PastVisit {
  std::string physician_id;
  std::string team_id;
  std::string date;  // YYYY-MM-DD
};

// A manager's decision the engine must honour (issue 13): rep `rep_id`
// visits physician `physician_id` today, at `start_seconds` when given.
// A done visit is a fact (a re-plan's actuals): it stays at its time
// whatever the office hours, contact rules or caps say now.
struct VisitPin {
  std::string physician_id;
  std::string rep_id;
  std::optional<int64_t> start_seconds;
  bool done = false;
  std::string pinned_by;  // who decided, as the review shows them
  std::string reason;     // their words
};

// Rep `rep_id` must not visit physician `physician_id` today.
struct ForbiddenVisit {
  std::string physician_id;
  std::string rep_id;
  std::string pinned_by;
  std::string reason;
};

// The rep visits exactly its pinned physicians, nothing is added.
struct LockedDay {
  std::string rep_id;
  std::string pinned_by;
  std::string reason;
};

// A re-plan's wish to change little (issue 13): the visits of the plan it
// replaces. The engine maximises potential minus `change_penalty` for each
// of these visits not kept with its rep (solver/assignment/continuity.cc);
// the plan still reports its true potential.
struct KeptVisit {
  std::string physician_id;
  std::string rep_id;
};
struct Continuity {
  std::vector<KeptVisit> visits;
  double change_penalty = 0;  // potential points per changed visit
};

struct Territory {
  std::string territory_id;
  std::string date;
  std::vector<Rep> reps;
  std::vector<Physician> physicians;
  FairnessBounds fairness;
  DistanceMatrix distances;
  // Portfolio planning. No teams: all reps are one team bound by `fairness`.
  std::vector<Team> teams;
  ContactRules contact_rules;
  std::vector<PastVisit> visit_history;
  // Time: visit length and driving speed where a physician or rep gives none.
  int64_t default_visit_duration_seconds = 30 * 60;
  double default_travel_speed_kmh = 30;
  // Managers' decisions (issue 13): solver/assignment/pins.cc honours them.
  std::vector<VisitPin> pins;
  std::vector<ForbiddenVisit> forbidden_visits;
  std::vector<LockedDay> locked_days;
  Continuity continuity;
};

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_TERRITORY_H_
