#include "plugins/outcome_report.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "plugins/crm_fields.h"
#include "plugins/product_families.h"

namespace callplan::crm {
namespace {

using CallKey = std::tuple<std::string, std::string, std::string>;  // physician, team, date

std::vector<CrmPastVisit> CallsMade(const CrmBundle& bundle, absl::CivilDay from,
                                    absl::CivilDay to) {
  std::vector<CrmPastVisit> made;
  for (const CrmPastVisit& visit : bundle.visit_history) {
    const absl::StatusOr<absl::CivilDay> day = ParseDate(visit.date);
    if (day.ok() && *day >= from && *day <= to) made.push_back(visit);
  }
  return made;
}

void CountCalls(const CrmBundle& bundle, const std::vector<PlannedCall>& planned,
                const std::vector<CrmPastVisit>& made, OutcomeReport& report) {
  std::map<std::string, TeamCalls> teams;
  for (const ProductFamily& family : ProductFamilies(bundle)) teams[family.id].team_id = family.id;
  std::set<CallKey> made_keys;
  for (const CrmPastVisit& visit : made) {
    ++teams[visit.team_id].made;
    made_keys.emplace(visit.physician_id, visit.team_id, visit.date);
  }
  for (const PlannedCall& call : planned) {
    const CrmRep* rep = bundle.FindRep(call.rep_id);
    TeamCalls& team = teams[rep->team_id];
    ++team.planned;
    if (made_keys.count({call.physician_id, rep->team_id, call.date}) > 0) {
      ++team.made_as_planned;
    }
  }
  for (auto& [id, team] : teams) {
    team.team_id = id;
    report.total.planned += team.planned;
    report.total.made += team.made;
    report.total.made_as_planned += team.made_as_planned;
    report.teams.push_back(team);
  }
}

// The pair's target: call_targets.csv for the physician (its team's row, or
// a row for every team), else the physician's tier; 0 = none.
int TargetOf(const CrmBundle& bundle, const CrmPhysician& physician, const std::string& team) {
  std::optional<int> any_team;
  for (const CrmCallTarget& target : bundle.call_targets) {
    if (target.physician_id != physician.id) continue;
    if (target.team_id == team) return static_cast<int>(target.calls.target_calls);
    if (target.team_id.empty()) any_team = static_cast<int>(target.calls.target_calls);
  }
  if (any_team) return *any_team;
  const CrmTier* tier = bundle.FindTier(physician.tier);
  return tier == nullptr ? 0 : static_cast<int>(tier->calls.target_calls);
}

bool Wants(const ProductFamily& family, const CrmPhysician& physician) {
  for (const std::string& product : family.products) {
    const auto it = physician.potentials.find(product);
    if (it != physician.potentials.end() && it->second > 0) return true;
  }
  return false;
}

void Attainment(const CrmBundle& bundle, const std::vector<CrmPastVisit>& made,
                OutcomeReport& report) {
  std::map<std::pair<std::string, std::string>, int> calls;  // physician, team
  for (const CrmPastVisit& visit : made) ++calls[{visit.physician_id, visit.team_id}];
  std::map<std::string, TierAttainment> tiers;
  const std::vector<ProductFamily> families = ProductFamilies(bundle);
  for (const CrmPhysician& physician : bundle.physicians) {
    for (const ProductFamily& family : families) {
      const int target = Wants(family, physician) ? TargetOf(bundle, physician, family.id) : 0;
      if (target <= 0) continue;
      TierAttainment& tier = tiers[physician.tier];
      const int done = calls[{physician.id, family.id}];
      ++tier.pairs;
      tier.target_calls += target;
      tier.calls_toward_target += std::min(done, target);
      if (done >= target) ++tier.pairs_at_target;
    }
  }
  for (auto& [name, tier] : tiers) {
    tier.tier = name;
    report.tiers.push_back(tier);
  }
}

double TotalPotential(const CrmPhysician& physician) {
  double total = 0;
  for (const auto& [product, potential] : physician.potentials) total += potential;
  return total;
}

void Coverage(const CrmBundle& bundle, const std::vector<PlannedCall>& planned,
              const std::set<std::string>& called, OutcomeReport& report) {
  std::set<std::string> planned_ids;
  for (const PlannedCall& call : planned) planned_ids.insert(call.physician_id);
  for (const CrmPhysician& physician : bundle.physicians) {
    const double potential = TotalPotential(physician);
    report.potential_total += potential;
    if (called.count(physician.id) > 0) report.potential_called += potential;
    if (planned_ids.count(physician.id) > 0) report.potential_planned += potential;
  }
}

std::string MonthRange(absl::CivilMonth first, absl::CivilMonth last) {
  return absl::StrCat(absl::FormatCivilTime(first), "..", absl::FormatCivilTime(last));
}

void Trend(const CrmBundle& bundle, const std::set<std::string>& called,
           absl::CivilDay from, absl::CivilDay to, OutcomeReport& report) {
  const absl::CivilMonth first(from), last(to);
  const int months = static_cast<int>(last - first) + 1;
  const absl::CivilMonth before = first - months;
  report.months_before = MonthRange(before, first - 1);
  report.months_during = MonthRange(first, last);
  std::map<std::string, std::pair<double, double>> sums;  // physician -> before, during
  std::optional<absl::CivilMonth> known_first, known_last;
  for (const CrmPrescriptions& entry : bundle.prescriptions) {
    const absl::StatusOr<absl::CivilMonth> month = ParseMonth(entry.month);
    if (!month.ok()) continue;
    if (!known_first || *month < *known_first) known_first = *month;
    if (!known_last || *month > *known_last) known_last = *month;
    auto& [sum_before, sum_during] = sums[entry.physician_id];
    if (*month >= before && *month < first) sum_before += entry.prescriptions;
    if (*month >= first && *month <= last) sum_during += entry.prescriptions;
  }
  if (!known_first || *known_first > before || *known_last < last) {
    report.trend_missing =
        known_first ? absl::StrCat("prescriptions.csv covers ",
                                   MonthRange(*known_first, *known_last), "; the comparison needs ",
                                   MonthRange(before, last))
                    : "the bundle has no prescriptions.csv";
    return;
  }
  for (const auto& [id, sum] : sums) {
    PrescriptionTrend& group = called.count(id) > 0 ? report.called : report.not_called;
    ++group.physicians;
    group.before += sum.first / months;
    group.during += sum.second / months;
  }
  for (PrescriptionTrend* group : {&report.called, &report.not_called}) {
    if (group->physicians == 0) continue;
    group->before /= group->physicians;
    group->during /= group->physicians;
  }
  report.trend_known = true;
}

}  // namespace

OutcomeReport BuildOutcomeReport(const CrmBundle& bundle,
                                 const std::vector<PlannedCall>& planned,
                                 absl::CivilDay from, absl::CivilDay to) {
  OutcomeReport report;
  report.from = absl::FormatCivilTime(from);
  report.to = absl::FormatCivilTime(to);
  const std::vector<CrmPastVisit> made = CallsMade(bundle, from, to);
  CountCalls(bundle, planned, made, report);
  Attainment(bundle, made, report);
  std::set<std::string> called;  // physicians with a call made in the period
  for (const CrmPastVisit& visit : made) called.insert(visit.physician_id);
  Coverage(bundle, planned, called, report);
  Trend(bundle, called, from, to, report);
  return report;
}

std::string OutcomeTables(const OutcomeReport& r) {
  std::string out = absl::StrFormat("calls %s..%s\n%-12s %8s %8s %16s\n", r.from, r.to, "team",
                                    "planned", "made", "made as planned");
  for (const TeamCalls& team : r.teams) {
    absl::StrAppendFormat(&out, "%-12s %8d %8d %16d\n", team.team_id, team.planned, team.made,
                          team.made_as_planned);
  }
  absl::StrAppendFormat(&out, "%-12s %8d %8d %16d\n\n", "all", r.total.planned, r.total.made,
                        r.total.made_as_planned);
  absl::StrAppendFormat(&out, "attainment by tier (tiers.csv targets, call_targets.csv first)\n"
                              "%-6s %8s %8s %12s %11s %10s\n",
                        "tier", "pairs", "target", "made toward", "attainment", "at target");
  for (const TierAttainment& t : r.tiers) {
    absl::StrAppendFormat(&out, "%-6s %8d %8d %12d %10.0f%% %10d\n",
                          t.tier.empty() ? "-" : t.tier, t.pairs, t.target_calls,
                          t.calls_toward_target,
                          t.target_calls > 0 ? 100.0 * t.calls_toward_target / t.target_calls
                                             : 0.0,
                          t.pairs_at_target);
  }
  const double total = std::max(r.potential_total, 1e-9);
  absl::StrAppendFormat(&out,
                        "\npotential covered: %.0f%% by calls made (%.0f of %.0f), %.0f%% by "
                        "calls planned\n\n",
                        100 * r.potential_called / total, r.potential_called,
                        r.potential_total, 100 * r.potential_planned / total);
  if (!r.trend_known) {
    return absl::StrCat(out, "prescriptions of physicians called against not called: not known (",
                        r.trend_missing, ")\n");
  }
  absl::StrAppendFormat(&out, "prescriptions per physician a month, %s against %s\n"
                              "%-12s %10s %8s %8s %8s\n",
                        r.months_during, r.months_before, "group", "physicians", "before",
                        "during", "change");
  for (const auto& [name, g] : {std::pair("called", r.called), {"not called", r.not_called}}) {
    absl::StrAppendFormat(&out, "%-12s %10d %8.1f %8.1f %+7.1f%%\n", name, g.physicians,
                          g.before, g.during, 100 * g.Change());
  }
  absl::StrAppendFormat(&out,
                        "physicians called changed %+.1f%%, those not called %+.1f%%; who is "
                        "called is not chosen at random, so this compares the groups, it does "
                        "not prove what the calls caused\n",
                        100 * r.called.Change(), 100 * r.not_called.Change());
  return out;
}

}  // namespace callplan::crm
