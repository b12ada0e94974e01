#include "plugins/plan_request.h"

#include "plugins/cycle_reader.h"
#include "plugins/working_day.h"

namespace callplan::crm {
namespace {

void SetLatLng(double latitude, double longitude, v1::Location* location) {
  location->mutable_lat_lng()->set_latitude(latitude);
  location->mutable_lat_lng()->set_longitude(longitude);
}

// The rep's working day: shift, lunch and speed.
void AddRepTime(const CrmRep& crm_rep, const TerritorySettings& settings,
                v1::Rep* rep) {
  *rep->mutable_shift() = ShiftOf(crm_rep, settings);
  if (const std::optional<Lunch> lunch = LunchOf(crm_rep, settings)) {
    v1::Break* pause = rep->add_breaks();
    pause->mutable_window()->set_start_seconds(lunch->earliest_seconds);
    pause->mutable_window()->set_end_seconds(lunch->latest_seconds);
    pause->set_duration_seconds(lunch->seconds);
  }
  rep->set_travel_speed_kmh(crm_rep.travel_speed_kmh);
}

// The time part of the physicians already in the request (bundle order).
void AddPhysicianTime(const CrmBundle& bundle, v1::PlanDayRequest* request) {
  for (size_t k = 0; k < bundle.physicians.size(); ++k) {
    const CrmPhysician& crm_physician = bundle.physicians[k];
    v1::Physician* physician = request->mutable_physicians(static_cast<int>(k));
    physician->set_visit_duration_seconds(crm_physician.visit_seconds);
    for (const v1::WeeklyWindow& hours : crm_physician.office_hours) {
      *physician->add_office_hours() = hours;
    }
    for (const std::string& date : crm_physician.closed_dates) {
      physician->add_closed_dates(date);
    }
  }
  request->set_default_visit_duration_seconds(bundle.settings.day.visit_seconds);
  request->set_default_travel_speed_kmh(bundle.settings.day.travel_speed_kmh);
}

}  // namespace

v1::PlanDayRequest BuildPlanDayRequest(const CrmBundle& bundle,
                                       const std::string& date) {
  v1::PlanDayRequest request;
  request.set_territory_id(bundle.settings.territory_id);
  request.set_date(date);
  request.set_potential_model_id(bundle.potential_model_id);
  for (const CrmTeam& crm_team : bundle.teams) {
    v1::Team* team = request.add_teams();
    team->set_id(crm_team.id);
    for (const std::string& product : crm_team.products) {
      team->add_products(product);
    }
    // The engine takes a team's policy whole, so bounds teams.csv leaves
    // empty are filled from the territory's; a team with no bounds at all
    // sends none, which lets the sidecar use the team's stored policy.
    if (crm_team.policy.ByteSizeLong() > 0) {
      *team->mutable_policy() = bundle.settings.fairness;
      team->mutable_policy()->MergeFrom(crm_team.policy);
    }
    team->set_display_name(crm_team.name);
  }
  for (const CrmRep& crm_rep : bundle.reps) {
    // A rep off that day (reps.csv working_days, reps_days_off.csv) is not
    // planned; the sync still clears the rep's calendar for the day.
    if (!date.empty() && !RepWorksOn(crm_rep, date)) continue;
    v1::Rep* rep = request.add_reps();
    rep->set_id(crm_rep.id);
    rep->set_team_id(crm_rep.team_id);
    SetLatLng(crm_rep.home_latitude, crm_rep.home_longitude,
              rep->mutable_home());
    for (const std::string& product : crm_rep.products) {
      rep->add_products(product);
    }
    rep->set_max_route_distance(crm_rep.max_route_km);
    rep->set_max_visits(crm_rep.max_visits);
    rep->set_display_name(crm_rep.name);
    AddRepTime(crm_rep, bundle.settings, rep);
  }
  for (const CrmPhysician& crm_physician : bundle.physicians) {
    v1::Physician* physician = request.add_physicians();
    physician->set_id(crm_physician.id);
    SetLatLng(crm_physician.latitude, crm_physician.longitude,
              physician->mutable_location());
    for (const auto& [product, potential] : crm_physician.potentials) {
      (*physician->mutable_product_potential())[product] = potential;
    }
    for (const auto& [product, words] : crm_physician.potential_basis) {
      (*physician->mutable_potential_basis())[product] = words;
    }
    physician->set_optional(crm_physician.optional);
    physician->set_display_name(crm_physician.name);
    physician->set_tier(crm_physician.tier);  // read by PlanCycle only
    if (crm_physician.contact.ByteSizeLong() > 0) {
      *physician->mutable_contact() = crm_physician.contact;
    }
  }
  for (const CrmPastVisit& crm_visit : bundle.visit_history) {
    v1::PastVisit* visit = request.add_visit_history();
    visit->set_physician_id(crm_visit.physician_id);
    visit->set_team_id(crm_visit.team_id);
    visit->set_date(crm_visit.date);
  }
  if (bundle.settings.contact_rules.ByteSizeLong() > 0) {
    *request.mutable_contact_rules() = bundle.settings.contact_rules;
  }
  *request.mutable_fairness() = bundle.settings.fairness;
  request.mutable_options()->set_time_limit_seconds(
      bundle.settings.time_limit_seconds);
  AddPhysicianTime(bundle, &request);
  return request;
}

}  // namespace callplan::crm
