#include "solver/cycle/cycle_fairness.h"

#include <algorithm>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace callplan {
namespace {

// Each team's reps (those who work a day of the cycle).
std::map<std::string, std::vector<std::string>> TeamsOf(
    const CycleCalendar& calendar) {
  std::map<std::string, std::vector<std::string>> teams;
  for (const auto& [rep, team] : calendar.rep_teams) teams[team].push_back(rep);
  return teams;
}

}  // namespace

RepTotals TotalsOf(const CycleCalendar& calendar,
                   const std::vector<Plan>& plans) {
  RepTotals totals;
  for (const auto& [rep, team] : calendar.rep_teams) {
    totals.visits[rep] = 0;
    totals.potential[rep] = 0;
  }
  for (const Plan& plan : plans) {
    for (const RepDay& day : plan.rep_days) {
      totals.visits[day.rep_id] += static_cast<uint32_t>(day.visits.size());
      totals.potential[day.rep_id] += day.total_potential;
    }
  }
  return totals;
}

Territory CapForCycleSpread(const Territory& day, const CycleCalendar& calendar,
                            const CycleFairness& fairness,
                            const RepTotals& so_far,
                            std::vector<std::string>& idle) {
  idle.clear();
  if (!fairness.max_workload_spread && !fairness.max_potential_spread) return day;
  std::map<std::string, uint32_t> team_min;
  std::map<std::string, double> team_min_potential;
  for (const auto& [rep, team] : calendar.rep_teams) {
    const uint32_t visits = so_far.visits.at(rep);
    auto it = team_min.find(team);
    if (it == team_min.end() || visits < it->second) team_min[team] = visits;
    const double potential = so_far.potential.at(rep);
    auto low = team_min_potential.find(team);
    if (low == team_min_potential.end() || potential < low->second) {
      team_min_potential[team] = potential;
    }
  }
  Territory capped = day;
  capped.reps.clear();
  for (const Rep& rep : day.reps) {
    const std::string team = day.teams.empty() ? "" : rep.team_id;
    if (fairness.max_potential_spread) {
      Rep r = rep;
      r.max_potential = std::max(0.0, team_min_potential[team] +
                                          *fairness.max_potential_spread -
                                          so_far.potential.at(rep.id));
      capped.reps.push_back(std::move(r));
    } else {
      capped.reps.push_back(rep);
    }
  }
  if (!fairness.max_workload_spread) return capped;
  const std::vector<Rep> reps = std::move(capped.reps);
  capped.reps.clear();
  for (const Rep& rep : reps) {
    const std::string team = day.teams.empty() ? "" : rep.team_id;
    const uint32_t lead_room =
        team_min[team] + *fairness.max_workload_spread - so_far.visits.at(rep.id);
    if (lead_room == 0) {
      idle.push_back(rep.id);
      continue;
    }
    Rep r = rep;
    // The rep's own cap, else the day's bound for reps without one.
    uint32_t own = r.max_visits;
    if (own == 0) {
      const FairnessBounds* bounds = &day.fairness;
      for (const Team& t : day.teams) {
        if (t.id == rep.team_id && t.policy) bounds = &*t.policy;
      }
      own = bounds->max_visits_per_rep.value_or(0);
    }
    r.max_visits = own == 0 ? lead_room : std::min(own, lead_room);
    capped.reps.push_back(std::move(r));
  }
  return capped;
}

CycleSpreads SpreadsOf(const CycleCalendar& calendar, const RepTotals& totals) {
  CycleSpreads spreads;
  for (const auto& [team, reps] : TeamsOf(calendar)) {
    uint32_t most = 0, fewest = std::numeric_limits<uint32_t>::max();
    double high = -1, low = std::numeric_limits<double>::max();
    for (const std::string& rep : reps) {
      most = std::max(most, totals.visits.at(rep));
      fewest = std::min(fewest, totals.visits.at(rep));
      high = std::max(high, totals.potential.at(rep));
      low = std::min(low, totals.potential.at(rep));
    }
    spreads.workload = std::max(spreads.workload, most - fewest);
    spreads.potential = std::max(spreads.potential, high - low);
  }
  return spreads;
}

void CheckCycleFairness(const CycleCalendar& calendar,
                        const CycleFairness& fairness, const RepTotals& totals,
                        std::vector<std::string>& violations) {
  const CycleSpreads spreads = SpreadsOf(calendar, totals);
  if (fairness.max_workload_spread &&
      spreads.workload > *fairness.max_workload_spread) {
    violations.push_back(absl::StrCat(
        "visits over the cycle differ by ", spreads.workload,
        " between two reps of a team, over the cycle's spread of ",
        *fairness.max_workload_spread));
  }
  if (fairness.max_potential_spread &&
      spreads.potential > *fairness.max_potential_spread + 1e-6) {
    violations.push_back(absl::StrFormat(
        "potential over the cycle differs by %.1f between two reps of a team, "
        "over the cycle's spread of %.1f",
        spreads.potential, *fairness.max_potential_spread));
  }
}

}  // namespace callplan
