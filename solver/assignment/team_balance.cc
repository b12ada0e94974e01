// Team balance: constraints (3)-(8) of Hertel & Gautam within each team,
// visit counts (workload) and potentials of any two reps differing by at
// most the team's spreads. COMPACT states them with per-rep rows against
// shared min/max columns per team, PAIRWISE with the paper's O(reps^2) rows.
// For explanations the family can drop one of its bounds and make that
// spread the objective, to find the smallest feasible one.
#include "solver/assignment/team_balance.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "solver/assignment/families.h"
#include "solver/assignment/mip.h"
#include "solver/assignment/mip_builder.h"

namespace callplan {

std::vector<int> BalancedReps(const AssignmentProblem& problem, const BalanceGroup& team) {
  std::vector<int> reps;
  for (int i : team.reps) {
    if (InBalance(problem, i)) reps.push_back(i);
  }
  return reps;
}

namespace {

constexpr double kEpsilon = 1e-9;

// Which spread rows a team gets: none, bounded, or unbounded (its spread is
// the objective being minimised).
struct BalanceUse {
  bool used = false;
  bool bounded = false;
  double spread = 0;
};

BalanceUse Use(const BalanceGroup& g, const MipSpec& spec, int t,
               bool potential) {
  const MipObjective relaxed = potential ? MipObjective::kMinPotentialSpread
                                         : MipObjective::kMinWorkloadSpread;
  const bool enforce = potential ? spec.enforce_potential_spread
                                 : spec.enforce_workload_spread;
  const bool has = potential ? g.max_potential_spread.has_value()
                             : g.max_workload_spread.has_value();
  BalanceUse use;
  if (spec.objective == relaxed && spec.team == t) {
    use.used = true;
    return use;
  }
  use.used = use.bounded = enforce && has;
  use.spread = potential ? g.max_potential_spread.value_or(0)
                         : g.max_workload_spread.value_or(0);
  return use;
}

// One rep's visit count (weights 1) or potential total (weights P_ij).
MipBuilder::Row RepRow(MipBuilder& mip, int rep, bool potential) {
  const AssignmentProblem& p = mip.problem();
  MipBuilder::Row row;
  for (int c : mip.RepColumns(rep)) {
    const int j = mip.mip().x_columns[c].second;
    const double w = potential ? p.potential[PairIndex(p, rep, j)] : 1.0;
    if (w != 0) row.emplace_back(c, w);
  }
  return row;
}

// Per-rep rows against the team's shared min/max columns, plus
// max - min <= spread.
void AddCompact(MipBuilder& mip, const BalanceGroup& g, int lo, int hi,
                const BalanceUse& use, bool potential) {
  for (int i : BalancedReps(mip.problem(), g)) {
    MipBuilder::Row above = RepRow(mip, i, potential);
    MipBuilder::Row below = above;
    above.emplace_back(lo, -1.0);  // total_i - min >= 0
    mip.AddRow(above, 0, MipBuilder::kInfinity);
    below.emplace_back(hi, -1.0);  // total_i - max <= 0
    mip.AddRow(below, -MipBuilder::kInfinity, 0);
  }
  mip.AddRow({{hi, 1.0}, {lo, -1.0}}, 0,
             use.bounded ? use.spread : MipBuilder::kInfinity);
}

// The paper's constraints (3)-(8): |total_i - total_k| <= spread for every
// pair of reps of a team, as ranged rows (equivalent to its slack pairs).
void AddPairwise(MipBuilder& mip, const BalanceGroup& g, const BalanceUse& use,
                 bool potential) {
  const std::vector<int> reps = BalancedReps(mip.problem(), g);
  for (size_t a = 0; a < reps.size(); ++a) {
    for (size_t b = a + 1; b < reps.size(); ++b) {
      MipBuilder::Row row = RepRow(mip, reps[a], potential);
      for (const auto& [c, w] : RepRow(mip, reps[b], potential)) {
        row.emplace_back(c, -w);
      }
      mip.AddRow(row, -use.spread, use.spread);
    }
  }
}

// Adds team t's rows for one of its spreads; returns its min/max columns in
// COMPACT form (-1, -1 otherwise).
std::pair<int, int> AddSpread(MipBuilder& mip, const MipSpec& spec, int t,
                              bool potential) {
  const BalanceGroup& g = mip.problem().teams[t];
  const BalanceUse use = Use(g, spec, t, potential);
  // A team with no rep to compare today (all off or locked, or none in the
  // request) balances nothing: no rows, and no min/max columns for a warm
  // start to give an extreme over no reps (1e300 there made Clp abort on an
  // assertion when CBC checked the incumbent; the plan_day fuzzer's finding).
  if (!use.used || BalancedReps(mip.problem(), g).empty()) return {-1, -1};
  // Spread objectives are only ever asked of the compact form.
  const bool compact = spec.formulation == Formulation::kCompact ||
                       spec.objective != MipObjective::kMaxPotential;
  if (!compact) {
    AddPairwise(mip, g, use, potential);
    return {-1, -1};
  }
  const char* what = potential ? "potential" : "workload";
  // Visit counts are integers, so their shared bounds may be too; telling
  // CBC lets it round the workload spread row.
  const double top = potential ? MipBuilder::kInfinity : mip.problem().num_physicians;
  const int lo = mip.AddColumn(absl::StrCat(what, "_min_", t), 0, top, !potential);
  const int hi = mip.AddColumn(absl::StrCat(what, "_max_", t), 0, top, !potential);
  AddCompact(mip, g, lo, hi, use, potential);
  const MipObjective relaxed = potential ? MipObjective::kMinPotentialSpread
                                         : MipObjective::kMinWorkloadSpread;
  if (spec.objective == relaxed && spec.team == t) {
    mip.SetObjective(hi, 1);
    mip.SetObjective(lo, -1);
  }
  return {lo, hi};
}

// "team X: " in front of reasons when the territory has several teams.
std::string TeamPrefix(const AssignmentProblem& p, int t) {
  return p.teams.size() > 1 ? absl::StrCat("team ", p.teams[t].team_id, ": ")
                            : "";
}

class TeamBalance final : public ConstraintFamily {
 public:
  void AddToMip(const MipSpec& spec, MipBuilder& mip) const override {
    const size_t teams = mip.problem().teams.size();
    mip.mip().balance.assign(teams, BalanceColumns());
    for (size_t t = 0; t < teams; ++t) {
      const int team = static_cast<int>(t);
      BalanceColumns& columns = mip.mip().balance[t];
      std::tie(columns.workload_min, columns.workload_max) =
          AddSpread(mip, spec, team, false);
      std::tie(columns.potential_min, columns.potential_max) =
          AddSpread(mip, spec, team, true);
    }
  }

  void WarmStart(const AssignmentState& s, const AssignmentMip& mip,
                 std::vector<double>& values) const override {
    const AssignmentProblem& p = s.problem();
    for (size_t t = 0; t < mip.balance.size(); ++t) {
      double vmin = 1e300, vmax = -1e300, pmin = 1e300, pmax = -1e300;
      for (int i : BalancedReps(p, p.teams[t])) {
        vmin = std::min<double>(vmin, s.RepVisitCount(i));
        vmax = std::max<double>(vmax, s.RepVisitCount(i));
        pmin = std::min(pmin, s.RepPotential(i));
        pmax = std::max(pmax, s.RepPotential(i));
      }
      const auto set = [&values](int column, double value) {
        if (column >= 0) values[column] = value;
      };
      set(mip.balance[t].workload_min, vmin);
      set(mip.balance[t].workload_max, vmax);
      set(mip.balance[t].potential_min, pmin);
      set(mip.balance[t].potential_max, pmax);
    }
  }

  bool AllowsAdding(const AssignmentState& s, int rep, int j) const override {
    return true;
  }

  bool Holds(const AssignmentState& s, int rep) const override {
    return TeamBalanceHolds(s, s.TeamOf(rep));
  }
  bool monotone() const override { return false; }

  void Check(const AssignmentState& s,
             std::vector<std::string>& violations) const override {
    const AssignmentProblem& p = s.problem();
    for (size_t t = 0; t < p.teams.size(); ++t) {
      const BalanceGroup& g = p.teams[t];
      const auto [visit_spread, potential_spread] = s.TeamSpreads(static_cast<int>(t));
      if (g.max_workload_spread &&
          visit_spread > static_cast<int64_t>(*g.max_workload_spread)) {
        violations.push_back(absl::StrCat("team ", g.team_id, ": workload spread ",
                                          visit_spread, " exceeds ",
                                          *g.max_workload_spread));
      }
      if (g.max_potential_spread &&
          potential_spread > *g.max_potential_spread + 1e-6) {
        violations.push_back(absl::StrCat("team ", g.team_id, ": potential spread ",
                                          potential_spread, " exceeds ",
                                          *g.max_potential_spread));
      }
    }
  }

  std::string WhyNot(const AssignmentState& s, int rep, int j) const override {
    // The spreads with the visit added, from the team's totals.
    const AssignmentProblem& p = s.problem();
    const BalanceGroup& g = p.teams[s.TeamOf(rep)];
    int vmin = 1 << 30, vmax = 0;
    double pmin = 1e300, pmax = -1e300;
    if (!InBalance(p, rep)) return "";
    for (int i : BalancedReps(p, g)) {
      const int visits = s.RepVisitCount(i) + (i == rep);
      const double potential = s.RepPotential(i) + (i == rep ? s.P(rep, j) : 0);
      vmin = std::min(vmin, visits);
      vmax = std::max(vmax, visits);
      pmin = std::min(pmin, potential);
      pmax = std::max(pmax, potential);
    }
    if (g.max_workload_spread &&
        vmax - vmin > static_cast<int64_t>(*g.max_workload_spread)) {
      return absl::StrCat("would break its team's workload spread of ",
                          *g.max_workload_spread);
    }
    if (g.max_potential_spread && pmax - pmin > *g.max_potential_spread + 1e-6) {
      return absl::StrFormat("would break its team's potential spread of %g",
                             *g.max_potential_spread);
    }
    return "";
  }

  void ExplainInfeasible(const AssignmentProblem& p, const AuxSolve& solve,
                         Infeasibility& out) const override {
    for (size_t t = 0; t < p.teams.size(); ++t) {
      ExplainSpreads(p, static_cast<int>(t), solve, out);
    }
  }

 private:
  // The smallest spread of team t that keeps every other bound; the numbers
  // go into the Infeasibility fields when there is one team only.
  static void ExplainSpreads(const AssignmentProblem& p, int t,
                             const AuxSolve& solve, Infeasibility& out) {
    const BalanceGroup& team = p.teams[t];
    const bool single = p.teams.size() == 1;
    MipSpec spec;
    spec.team = t;
    if (team.max_workload_spread) {
      spec.objective = MipObjective::kMinWorkloadSpread;
      const AuxAnswer aux = solve(spec);
      if (aux.feasible) {
        const auto smallest = static_cast<uint32_t>(std::lround(aux.objective));
        if (aux.decided && single) out.min_feasible_workload_spread = smallest;
        if (smallest > *team.max_workload_spread) {
          out.reasons.push_back(absl::StrCat(
              TeamPrefix(p, t), "max_workload_spread ", *team.max_workload_spread,
              " is too tight: with every other bound kept, the smallest "
              "feasible spread is ", smallest, aux.decided ? "" : " or less"));
        }
      }
    }
    if (team.max_potential_spread) {
      spec.objective = MipObjective::kMinPotentialSpread;
      const AuxAnswer aux = solve(spec);
      if (aux.feasible) {
        // Round up in the second decimal so that the reported value is
        // itself feasible.
        const double smallest = std::ceil(aux.objective * 100 - 1e-6) / 100;
        if (aux.decided && single) out.min_feasible_potential_spread = smallest;
        if (smallest > *team.max_potential_spread + kEpsilon) {
          out.reasons.push_back(absl::StrFormat(
              "%smax_potential_spread %g is too tight: with every other bound "
              "kept, the smallest feasible spread is %g%s",
              TeamPrefix(p, t), *team.max_potential_spread, smallest,
              aux.decided ? "" : " or less"));
        }
      }
    }
  }
};

}  // namespace

bool WorkloadSpreadHolds(const AssignmentState& s, int t) {
  const BalanceGroup& g = s.problem().teams[t];
  return !g.max_workload_spread ||
         s.TeamSpreads(t).first <= static_cast<int64_t>(*g.max_workload_spread);
}

bool TeamBalanceHolds(const AssignmentState& s, int t) {
  const BalanceGroup& g = s.problem().teams[t];
  if (!g.max_workload_spread && !g.max_potential_spread) return true;
  const auto [visit_spread, potential_spread] = s.TeamSpreads(t);
  return (!g.max_workload_spread ||
          visit_spread <= static_cast<int64_t>(*g.max_workload_spread)) &&
         (!g.max_potential_spread ||
          potential_spread <= *g.max_potential_spread + kEpsilon);
}

const ConstraintFamily& TeamBalanceFamily() {
  static const TeamBalance kFamily;
  return kFamily;
}

}  // namespace callplan
