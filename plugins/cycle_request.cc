#include "plugins/cycle_request.h"

#include "plugins/plan_request.h"

namespace callplan::crm {
namespace {

void SetCalls(const CrmCalls& calls, v1::CallTargets* out) {
  out->set_min_calls(calls.min_calls);
  out->set_target_calls(calls.target_calls);
  if (calls.max_calls) out->set_max_calls(*calls.max_calls);
}

// Only reps whose week differs from the contract's default (Monday to
// Friday, no day off) get an entry.
void AddWorkingDays(const CrmBundle& bundle, v1::PlanCycleRequest* request) {
  for (const CrmRep& rep : bundle.reps) {
    if (rep.working_days.empty() && rep.days_off.empty()) continue;
    v1::RepWorkingDays* days = request->add_working_days();
    days->set_rep_id(rep.id);
    for (v1::Weekday weekday : rep.working_days) days->add_weekdays(weekday);
    for (const CrmDayOff& off : rep.days_off) days->add_days_off(off.date);
  }
}

}  // namespace

v1::PlanCycleRequest BuildPlanCycleRequest(const CrmBundle& bundle,
                                           const std::string& first_date,
                                           const std::string& last_date) {
  v1::PlanCycleRequest request;
  *request.mutable_territory() = BuildPlanDayRequest(bundle, "");
  // The day's budget is for one day; a cycle has its own (0 = 60 s).
  request.mutable_territory()->mutable_options()->set_time_limit_seconds(
      bundle.settings.cycle_time_limit_seconds);
  request.set_first_date(first_date);
  request.set_last_date(last_date);
  AddWorkingDays(bundle, &request);
  for (const CrmTier& crm_tier : bundle.tiers) {
    v1::TierTargets* tier = request.add_tiers();
    tier->set_tier(crm_tier.tier);
    SetCalls(crm_tier.calls, tier->mutable_calls());
    for (double value : crm_tier.response) tier->add_response(value);
  }
  for (const CrmCallTarget& crm_target : bundle.call_targets) {
    v1::PhysicianTarget* target = request.add_targets();
    target->set_physician_id(crm_target.physician_id);
    target->set_team_id(crm_target.team_id);
    SetCalls(crm_target.calls, target->mutable_calls());
  }
  *request.mutable_cycle_fairness() = bundle.settings.cycle_fairness;
  for (double value : bundle.settings.call_response) request.add_response(value);
  return request;
}

}  // namespace callplan::crm
