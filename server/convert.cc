#include "server/convert.h"

#include <algorithm>

#include "absl/time/civil_time.h"

namespace callplan {

v1::Status StatusToProto(PlanStatus status) {
  switch (status) {
    case PlanStatus::kOptimal:
      return v1::OPTIMAL;
    case PlanStatus::kFeasible:
      return v1::FEASIBLE;
    case PlanStatus::kInfeasible:
      return v1::INFEASIBLE;
  }
  return v1::STATUS_UNSPECIFIED;
}

namespace {

void InfeasibilityToProto(const Infeasibility& in, v1::Infeasibility* out) {
  for (const std::string& reason : in.reasons) out->add_reasons(reason);
  if (in.min_feasible_workload_spread) {
    out->set_min_feasible_workload_spread(*in.min_feasible_workload_spread);
  }
  if (in.min_feasible_potential_spread) {
    out->set_min_feasible_potential_spread(*in.min_feasible_potential_spread);
  }
  for (const std::string& id : in.unreachable_physician_ids) {
    out->add_unreachable_physician_ids(id);
  }
}

}  // namespace

FairnessBounds FairnessFromProto(const v1::FairnessBounds& proto) {
  FairnessBounds bounds;
  if (proto.has_max_workload_spread()) {
    bounds.max_workload_spread = proto.max_workload_spread();
  }
  if (proto.has_max_potential_spread()) {
    bounds.max_potential_spread = proto.max_potential_spread();
  }
  if (proto.has_max_route_distance() && proto.max_route_distance() > 0) {
    bounds.max_route_distance = proto.max_route_distance();
  }
  if (proto.has_distance_safety_factor()) {
    bounds.distance_safety_factor = proto.distance_safety_factor();
  }
  if (proto.has_max_visits_per_rep() && proto.max_visits_per_rep() > 0) {
    bounds.max_visits_per_rep = proto.max_visits_per_rep();
  }
  return bounds;
}

Location LocationFromProto(const v1::Location& location) {
  if (location.has_lat_lng()) {
    return LatLng{location.lat_lng().latitude(), location.lat_lng().longitude()};
  }
  return PlanarPoint{location.planar().x(), location.planar().y()};
}

DistanceMatrix DistanceMatrixFromProto(const v1::DistanceMatrix& matrix) {
  DistanceMatrix out;
  out.ids.assign(matrix.ids().begin(), matrix.ids().end());
  out.distances.assign(matrix.distances().begin(), matrix.distances().end());
  out.durations_seconds.assign(matrix.durations_seconds().begin(),
                               matrix.durations_seconds().end());
  return out;
}

TimeWindow TimeWindowFromProto(const v1::TimeWindow& window) {
  return TimeWindow{window.start_seconds(), window.end_seconds()};
}

std::vector<TimeWindow> TimeWindowsFromProto(
    const google::protobuf::RepeatedPtrField<v1::TimeWindow>& windows) {
  std::vector<TimeWindow> out;
  for (const v1::TimeWindow& window : windows) {
    out.push_back(TimeWindowFromProto(window));
  }
  return out;
}

std::vector<Break> BreaksFromProto(
    const google::protobuf::RepeatedPtrField<v1::Break>& breaks) {
  std::vector<Break> out;
  for (const v1::Break& b : breaks) {
    out.push_back(Break{TimeWindowFromProto(b.window()), b.duration_seconds()});
  }
  return out;
}

v1::TimeWindow TimeWindowToProto(const TimeWindow& window) {
  v1::TimeWindow out;
  out.set_start_seconds(window.start_seconds);
  out.set_end_seconds(window.end_seconds);
  return out;
}

std::optional<std::vector<TimeWindow>> AvailabilityOn(
    const v1::Physician& physician, const std::string& date) {
  if (physician.availability_size() > 0) {
    return TimeWindowsFromProto(physician.availability());
  }
  if (physician.office_hours().empty() && physician.closed_dates().empty()) {
    return std::nullopt;  // any time
  }
  absl::CivilDay day;
  if (!absl::ParseCivilTime(date, &day)) return std::nullopt;  // validated
  if (std::find(physician.closed_dates().begin(), physician.closed_dates().end(),
                date) != physician.closed_dates().end()) {
    return std::vector<TimeWindow>();  // closed today
  }
  if (physician.office_hours().empty()) return std::nullopt;
  // absl's Weekday starts at Monday = 0, the contract's at MONDAY = 1.
  const int weekday = static_cast<int>(absl::GetWeekday(day)) + 1;
  std::vector<TimeWindow> windows;
  for (const v1::WeeklyWindow& hours : physician.office_hours()) {
    if (static_cast<int>(hours.weekday()) == weekday) {
      windows.push_back(TimeWindowFromProto(hours.window()));
    }
  }
  std::sort(windows.begin(), windows.end(),
            [](const TimeWindow& a, const TimeWindow& b) {
              return a.start_seconds < b.start_seconds;
            });
  return windows;  // none that weekday: closed today
}

namespace {

ContactRules ContactRulesFromProto(const v1::ContactRules& proto) {
  ContactRules rules;
  if (proto.has_max_visits_per_day()) {
    rules.max_visits_per_day = proto.max_visits_per_day();
  }
  if (proto.has_min_days_between_visits()) {
    rules.min_days_between_visits = proto.min_days_between_visits();
  }
  return rules;
}

void PortfolioFromProto(const v1::PlanDayRequest& request,
                        Territory& territory) {
  for (const v1::Team& proto : request.teams()) {
    Team team;
    team.id = proto.id();
    team.products.assign(proto.products().begin(), proto.products().end());
    if (proto.has_policy()) team.policy = FairnessFromProto(proto.policy());
    territory.teams.push_back(std::move(team));
  }
  territory.contact_rules = ContactRulesFromProto(request.contact_rules());
  for (const v1::PastVisit& proto : request.visit_history()) {
    territory.visit_history.push_back(
        {proto.physician_id(), proto.team_id(), proto.date()});
  }
}

}  // namespace

namespace {

// The managers' decisions (issue 13), as they came.
void PinsFromProto(const v1::PlanDayRequest& request, Territory& territory) {
  for (const v1::VisitPin& proto : request.pins()) {
    VisitPin pin;
    pin.physician_id = proto.physician_id();
    pin.rep_id = proto.rep_id();
    if (proto.has_start_seconds()) pin.start_seconds = proto.start_seconds();
    pin.done = proto.done();
    pin.pinned_by = proto.pinned_by();
    pin.reason = proto.reason();
    territory.pins.push_back(std::move(pin));
  }
  for (const v1::ForbiddenVisit& proto : request.forbidden_visits()) {
    territory.forbidden_visits.push_back(
        {proto.physician_id(), proto.rep_id(), proto.pinned_by(), proto.reason()});
  }
  for (const v1::LockedDay& proto : request.locked_days()) {
    territory.locked_days.push_back({proto.rep_id(), proto.pinned_by(), proto.reason()});
  }
}

}  // namespace

Territory TerritoryFromProto(const v1::PlanDayRequest& request) {
  Territory territory;
  territory.territory_id = request.territory_id();
  territory.date = request.date();
  for (const v1::Rep& proto : request.reps()) {
    Rep rep;
    rep.id = proto.id();
    rep.team_id = proto.team_id();
    rep.home = LocationFromProto(proto.home());
    rep.products.assign(proto.products().begin(), proto.products().end());
    rep.max_route_distance = proto.max_route_distance();
    rep.max_visits = proto.max_visits();
    if (proto.has_shift()) rep.shift = TimeWindowFromProto(proto.shift());
    rep.breaks = BreaksFromProto(proto.breaks());
    rep.travel_speed_kmh = proto.travel_speed_kmh();
    territory.reps.push_back(std::move(rep));
  }
  for (const v1::Physician& proto : request.physicians()) {
    Physician physician;
    physician.id = proto.id();
    physician.location = LocationFromProto(proto.location());
    physician.product_potential.insert(proto.product_potential().begin(),
                                       proto.product_potential().end());
    physician.potential_basis.insert(proto.potential_basis().begin(),
                                     proto.potential_basis().end());
    physician.optional = proto.optional();
    physician.contact = ContactRulesFromProto(proto.contact());
    physician.availability = AvailabilityOn(proto, request.date());
    physician.visit_duration_seconds = proto.visit_duration_seconds();
    territory.physicians.push_back(std::move(physician));
  }
  territory.fairness = FairnessFromProto(request.fairness());
  territory.distances = DistanceMatrixFromProto(request.distances());
  PortfolioFromProto(request, territory);
  if (request.default_visit_duration_seconds() > 0) {
    territory.default_visit_duration_seconds =
        request.default_visit_duration_seconds();
  }
  if (request.default_travel_speed_kmh() > 0) {
    territory.default_travel_speed_kmh = request.default_travel_speed_kmh();
  }
  PinsFromProto(request, territory);
  for (const v1::KeptVisit& kept : request.continuity().visits()) {
    territory.continuity.visits.push_back({kept.physician_id(), kept.rep_id()});
  }
  territory.continuity.change_penalty = request.continuity().change_penalty();
  return territory;
}

SolveOptions SolveOptionsFromProto(const v1::SolveOptions& proto) {
  SolveOptions options;
  if (proto.time_limit_seconds() > 0) {
    options.time_limit_seconds = proto.time_limit_seconds();
  }
  if (proto.relative_gap() > 0) options.relative_gap = proto.relative_gap();
  options.formulation = proto.formulation() == v1::PAIRWISE
                            ? Formulation::kPairwise
                            : Formulation::kCompact;
  if (proto.max_distance_iterations() > 0) {
    options.max_distance_iterations = proto.max_distance_iterations();
  }
  return options;
}

v1::PlanStats PlanStatsToProto(const PlanStats& stats) {
  v1::PlanStats out;
  out.set_status(StatusToProto(stats.status));
  out.set_objective(stats.objective);
  out.set_best_bound(stats.best_bound);
  out.set_relative_gap(stats.relative_gap);
  out.set_distance_iterations(stats.distance_iterations);
  out.set_solve_seconds(stats.solve_seconds);
  if (stats.status == PlanStatus::kInfeasible) {
    InfeasibilityToProto(stats.infeasibility, out.mutable_infeasibility());
  }
  for (const std::string& id : stats.reps_over_route_cap) {
    out.add_reps_over_route_cap(id);
  }
  for (const std::string& warning : stats.warnings) out.add_warnings(warning);
  out.set_workload_spread(stats.workload_spread);
  out.set_potential_spread(stats.potential_spread);
  out.set_visits_changed(stats.visits_changed);
  for (const TeamStats& team : stats.team_stats) {
    v1::TeamStats* t = out.add_team_stats();
    t->set_team_id(team.team_id);
    t->set_objective(team.objective);
    t->set_visits(team.visits);
    t->set_workload_spread(team.workload_spread);
    t->set_potential_spread(team.potential_spread);
  }
  return out;
}

v1::PlanDayResponse PlanToProto(const Plan& plan) {
  v1::PlanDayResponse response;
  for (const RepDay& day : plan.rep_days) {
    v1::RepDay* out = response.add_rep_days();
    out->set_rep_id(day.rep_id);
    out->set_route_distance(day.route_distance);
    out->set_total_potential(day.total_potential);
    out->set_return_distance(day.return_distance);
    out->set_route_cap(day.route_cap);
    out->set_start_seconds(day.start_seconds);
    out->set_end_seconds(day.end_seconds);
    out->set_working_seconds(day.end_seconds - day.start_seconds);
    if (day.shift) *out->mutable_shift() = TimeWindowToProto(*day.shift);
    for (const DayBreak& placed : day.breaks) {
      v1::PlacedBreak* b = out->add_breaks();
      b->set_start_seconds(placed.start_seconds);
      b->set_end_seconds(placed.end_seconds);
      b->set_after_visits(placed.after_visits);
      b->set_at_id(placed.at_id);
    }
    for (const Visit& visit : day.visits) {
      v1::Visit* v = out->add_visits();
      v->set_physician_id(visit.physician_id);
      v->set_potential(visit.potential);
      v->set_leg_distance(visit.leg_distance);
      v->set_reason(visit.reason);
      v->set_arrival_seconds(visit.arrival_seconds);
      v->set_start_seconds(visit.start_seconds);
      v->set_end_seconds(visit.end_seconds);
      v->set_wait_seconds(visit.wait_seconds);
    }
  }
  for (const Unassigned& u : plan.unassigned) {
    v1::Unassigned* out = response.add_unassigned();
    out->set_physician_id(u.physician_id);
    out->set_reason(u.reason);
  }
  *response.mutable_stats() = PlanStatsToProto(plan.stats);
  for (const Conflict& conflict : plan.conflicts) {
    v1::Conflict* out = response.add_conflicts();
    out->set_physician_id(conflict.physician_id);
    for (const auto& [team, potential] : conflict.team_potential) {
      (*out->mutable_team_potential())[team] = potential;
    }
    out->set_assigned_team_id(conflict.assigned_team_id);
    out->set_assigned_rep_id(conflict.assigned_rep_id);
    out->set_reason(conflict.reason);
  }
  return response;
}

}  // namespace callplan
