#include "plugins/cycle_report.h"

#include <map>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "plugins/cycle_chart_svg.h"

namespace callplan::crm {
namespace {

constexpr char kNotCalled[] = "not called";

// Targets, how many were met, calls planned against calls wanted.
struct Attainment {
  int targets = 0;
  int met = 0;
  uint32_t calls = 0;
  uint32_t target_calls = 0;
  double value = 0;

  void Add(const v1::CallAttainment& a) {
    ++targets;
    met += a.target_met() ? 1 : 0;
    calls += a.planned_calls();
    target_calls += a.target_calls();
    value += a.value();
  }
  double share() const { return targets == 0 ? 0 : 100.0 * met / targets; }
};

std::string AttainmentHeader(const char* first_column) {
  return absl::StrFormat("%-12s %7s %5s %6s %6s %8s %9s\n", first_column,
                         "targets", "met", "met %", "calls", "wanted", "value");
}

std::string AttainmentRow(const std::string& name, const Attainment& a) {
  return absl::StrFormat("%-12s %7d %5d %5.0f%% %6d %8d %9.1f\n", name, a.targets,
                         a.met, a.share(), a.calls, a.target_calls, a.value);
}

std::string StatsSection(const CrmBundle& bundle, const v1::PlanCycleResponse& cycle,
                         const std::string& first, const std::string& last) {
  const v1::CycleStats& s = cycle.stats();
  std::string out = absl::StrCat("Call cycle ", bundle.settings.territory_id, ", ",
                                 first, " to ", last, "\n\n");
  absl::StrAppend(&out, absl::StrFormat(
      "plan: %s, objective %.1f (planned day by day: %.1f), bound %.1f, gap "
      "%.2f %%\ncalls %d, response value %.1f\n"
      "targets met %d of %d, minimums missed %d\n"
      "over the cycle: workload spread %d visits, potential spread %.1f\n",
      v1::Status_Name(s.status()), s.objective(), s.day_by_day_objective(),
      s.best_bound(), 100 * s.relative_gap(), s.calls(), s.response_value(),
      s.targets_met(), s.targets(), s.minimums_missed(),
      s.workload_spread(), s.potential_spread()));
  for (const std::string& warning : s.warnings()) {
    absl::StrAppend(&out, "warning: ", warning, "\n");
  }
  return out;
}

std::string TierSection(const v1::PlanCycleResponse& cycle) {
  std::map<std::string, Attainment> tiers;
  Attainment all;
  for (const v1::CallAttainment& a : cycle.attainment()) {
    tiers[a.tier().empty() ? "(no tier)" : a.tier()].Add(a);
    all.Add(a);
  }
  std::string out = absl::StrCat("\nAttainment by tier\n", AttainmentHeader("tier"));
  for (const auto& [tier, a] : tiers) absl::StrAppend(&out, AttainmentRow(tier, a));
  absl::StrAppend(&out, AttainmentRow("all", all));
  return out;
}

// physician-team -> the rep of that team who made most of its calls (the
// first in bundle order on a tie); absent when nobody called.
std::map<std::pair<std::string, std::string>, std::string> CallerOf(
    const CrmBundle& bundle, const v1::PlanCycleResponse& cycle) {
  std::map<std::pair<std::string, std::string>, int> calls;  // physician, rep
  for (const v1::CycleDay& day : cycle.days()) {
    for (const v1::RepDay& rep_day : day.plan().rep_days()) {
      for (const v1::Visit& visit : rep_day.visits()) {
        ++calls[{visit.physician_id(), rep_day.rep_id()}];
      }
    }
  }
  std::map<std::pair<std::string, std::string>, std::string> caller;
  for (const v1::CallAttainment& a : cycle.attainment()) {
    int most = 0;
    for (const CrmRep& rep : bundle.reps) {
      if (!a.team_id().empty() && rep.team_id != a.team_id()) continue;
      const auto found = calls.find({a.physician_id(), rep.id});
      if (found != calls.end() && found->second > most) {
        most = found->second;
        caller[{a.physician_id(), a.team_id()}] = rep.id;
      }
    }
  }
  return caller;
}

std::string RepSection(const CrmBundle& bundle, const v1::PlanCycleResponse& cycle) {
  const auto caller = CallerOf(bundle, cycle);
  std::map<std::string, Attainment> reps;
  for (const v1::CallAttainment& a : cycle.attainment()) {
    const auto found = caller.find({a.physician_id(), a.team_id()});
    reps[found == caller.end() ? kNotCalled : found->second].Add(a);
  }
  std::string out = absl::StrCat("\nAttainment by rep (targets whose calls the rep "
                                 "made most of)\n", AttainmentHeader("rep"));
  for (const CrmRep& rep : bundle.reps) {
    absl::StrAppend(&out, AttainmentRow(rep.id, reps[rep.id]));
  }
  if (reps.count(kNotCalled) > 0) {
    absl::StrAppend(&out, AttainmentRow(kNotCalled, reps[kNotCalled]));
  }
  return out;
}

std::string WeekSection(const CrmBundle& bundle, const v1::PlanCycleResponse& cycle,
                        const std::string& first, const std::string& last) {
  std::map<std::pair<std::string, std::string>, std::pair<uint32_t, double>> weeks;
  for (const v1::RepWeek& w : cycle.rep_weeks()) {
    auto& cell = weeks[{w.rep_id(), w.week_start()}];
    cell.first += w.visits();
    cell.second += w.potential();
  }
  const std::vector<std::string> mondays = CycleWeeks(first, last);
  std::string out = absl::StrFormat("\nVisits / potential per week (weeks from "
                                    "Monday)\n%-10s", "rep");
  for (const std::string& monday : mondays) {
    absl::StrAppend(&out, absl::StrFormat(" %14s", monday));
  }
  absl::StrAppend(&out, "\n");
  for (const CrmRep& rep : bundle.reps) {
    absl::StrAppend(&out, absl::StrFormat("%-10s", rep.id));
    for (const std::string& monday : mondays) {
      const auto& cell = weeks[{rep.id, monday}];
      absl::StrAppend(&out, absl::StrFormat(" %14s", absl::StrFormat(
                                                         "%d / %.1f", cell.first,
                                                         cell.second)));
    }
    absl::StrAppend(&out, "\n");
  }
  return out;
}

std::string UnmetSection(const CrmBundle& bundle, const v1::PlanCycleResponse& cycle) {
  std::string out = "\nTargets not met\n";
  int unmet = 0;
  for (const v1::CallAttainment& a : cycle.attainment()) {
    if (a.target_met()) continue;
    ++unmet;
    const CrmPhysician* physician = bundle.FindPhysician(a.physician_id());
    absl::StrAppend(&out, absl::StrFormat(
        "%s %s, tier %s, team %s: %d of %d calls (min %d): %s\n", a.physician_id(),
        physician == nullptr ? "" : physician->name,
        a.tier().empty() ? "none" : a.tier(),
        a.team_id().empty() ? "any" : a.team_id(), a.planned_calls(),
        a.target_calls(), a.min_calls(),
        a.reason().empty() ? "no reason given" : a.reason()));
  }
  if (unmet == 0) absl::StrAppend(&out, "every target was met\n");
  return out;
}

}  // namespace

std::string CycleReport(const CrmBundle& bundle, const v1::PlanCycleResponse& cycle,
                        const std::string& first_date,
                        const std::string& last_date) {
  return absl::StrCat(StatsSection(bundle, cycle, first_date, last_date),
                      TierSection(cycle), RepSection(bundle, cycle),
                      WeekSection(bundle, cycle, first_date, last_date),
                      UnmetSection(bundle, cycle));
}

std::string CycleSummary(const v1::PlanCycleResponse& cycle) {
  const v1::CycleStats& s = cycle.stats();
  std::map<std::string, Attainment> tiers;
  for (const v1::CallAttainment& a : cycle.attainment()) {
    tiers[a.tier().empty() ? "no tier" : a.tier()].Add(a);
  }
  std::string out = absl::StrFormat(
      "cycle: %s, %d calls, targets met %d of %d, minimums missed %d, objective "
      "%.1f (planned day by day: %.1f), %.1f s\n",
      v1::Status_Name(s.status()), s.calls(), s.targets_met(), s.targets(),
      s.minimums_missed(), s.objective(), s.day_by_day_objective(),
      s.solve_seconds());
  absl::StrAppend(&out, "  by tier:");
  for (const auto& [tier, a] : tiers) {
    absl::StrAppend(&out, absl::StrFormat(" %s %d/%d", tier, a.met, a.targets));
  }
  absl::StrAppend(&out, "\n");
  return out;
}

}  // namespace callplan::crm
