// The closed loop (issue 14): what the calls of a period did, from the CRM's
// own records.
//  - calls planned (read back from the calendars, planned_calls.h) against
//    calls made (visit_history.csv), per team, and how many planned calls
//    were made as planned (same physician, team and day);
//  - attainment by tier: for every physician and team that wants them (the
//    team promotes a product the physician has potential for, as the
//    cycle planner counts targets), calls made against the tier's
//    target_calls (call_targets.csv overriding), capped at the target;
//  - potential covered: the share of the territory's potential (the
//    bundle's, or a model's with --model) whose physicians were called;
//  - prescriptions of physicians called against those not called: their
//    monthly prescriptions over the period's months and over as many months
//    before, and the change. Who is called is not chosen at random, so the
//    gap between the groups is a comparison, not proof of what calls cause;
//    the report says so.
#ifndef CALLPLAN_PLUGINS_OUTCOME_REPORT_H_
#define CALLPLAN_PLUGINS_OUTCOME_REPORT_H_

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "plugins/crm_bundle.h"
#include "plugins/planned_calls.h"

namespace callplan::crm {

struct TeamCalls {
  std::string team_id;  // "" = all teams
  int planned = 0;
  int made = 0;
  int made_as_planned = 0;
};

struct TierAttainment {
  std::string tier;  // "" = physicians without a tier
  int pairs = 0;     // physician-team pairs with a target
  int target_calls = 0;
  int calls_toward_target = 0;  // made, each pair capped at its target
  int pairs_at_target = 0;
};

// Mean prescriptions per physician and month, all products of the family's
// teams together.
struct PrescriptionTrend {
  int physicians = 0;
  double before = 0;
  double during = 0;
  double Change() const { return before > 0 ? during / before - 1 : 0; }
};

struct OutcomeReport {
  std::string from, to;  // YYYY-MM-DD
  std::vector<TeamCalls> teams;
  TeamCalls total;
  std::vector<TierAttainment> tiers;
  double potential_total = 0;
  double potential_called = 0;   // by calls made
  double potential_planned = 0;  // by calls planned
  // Set when prescriptions.csv covers the period's months and as many
  // before; otherwise trend_missing says why.
  bool trend_known = false;
  std::string trend_missing;
  std::string months_before, months_during;  // "2025-09..2025-11"
  PrescriptionTrend called, not_called;
};

OutcomeReport BuildOutcomeReport(const CrmBundle& bundle,
                                 const std::vector<PlannedCall>& planned,
                                 absl::CivilDay from, absl::CivilDay to);

// The report as the tables callplan-crm report prints.
std::string OutcomeTables(const OutcomeReport& report);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_OUTCOME_REPORT_H_
