#include "solver/assignment/mip.h"

#include <algorithm>

#include "CoinPackedMatrix.hpp"
#include "CoinPackedVector.hpp"
#include "OsiClpSolverInterface.hpp"
#include "absl/strings/str_cat.h"

namespace callplan {
namespace {

constexpr double kInfinity = 1e30;

// Rows under construction, loaded into the solver in one call.
class RowSet {
 public:
  explicit RowSet(int columns) : matrix_(false, 0, 0) {
    matrix_.setDimensions(0, columns);
  }
  void Add(const CoinPackedVector& row, double lower, double upper) {
    matrix_.appendRow(row);
    lower_.push_back(lower);
    upper_.push_back(upper);
  }
  CoinPackedMatrix matrix_;
  std::vector<double> lower_, upper_;
};

std::vector<std::vector<int>> ColumnsOfRep(const AssignmentProblem& p,
                                           const AssignmentMip& mip) {
  std::vector<std::vector<int>> columns(p.num_reps);
  for (size_t c = 0; c < mip.x_columns.size(); ++c) {
    columns[mip.x_columns[c].first].push_back(static_cast<int>(c));
  }
  return columns;
}

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

// Row of one rep's visit count (weights 1) or potential total (weights P_ij).
CoinPackedVector RepRow(const AssignmentProblem& p, const AssignmentMip& mip,
                        const std::vector<int>& columns, bool potential) {
  CoinPackedVector row;
  for (int c : columns) {
    const auto [i, j] = mip.x_columns[c];
    const double w =
        potential ? p.potential[static_cast<size_t>(i) * p.num_physicians + j]
                  : 1.0;
    if (w != 0) row.insert(c, w);
  }
  return row;
}

// Per-rep rows against the team's shared min/max columns, plus
// max - min <= spread.
void AddCompactBalance(const AssignmentProblem& p, const AssignmentMip& mip,
                       const std::vector<std::vector<int>>& columns,
                       const BalanceGroup& g, int lo, int hi,
                       const BalanceUse& use, bool potential, RowSet& rows) {
  for (int i : g.reps) {
    CoinPackedVector above = RepRow(p, mip, columns[i], potential);
    CoinPackedVector below = above;
    above.insert(lo, -1.0);  // total_i - min >= 0
    rows.Add(above, 0, kInfinity);
    below.insert(hi, -1.0);  // total_i - max <= 0
    rows.Add(below, -kInfinity, 0);
  }
  CoinPackedVector range;
  range.insert(hi, 1.0);
  range.insert(lo, -1.0);
  rows.Add(range, 0, use.bounded ? use.spread : kInfinity);
}

// The paper's constraints (3)-(8): |total_i - total_k| <= spread for every
// pair of reps of a team, as ranged rows (equivalent to its slack pairs).
void AddPairwiseBalance(const AssignmentProblem& p, const AssignmentMip& mip,
                        const std::vector<std::vector<int>>& columns,
                        const BalanceGroup& g, const BalanceUse& use,
                        bool potential, RowSet& rows) {
  for (size_t a = 0; a < g.reps.size(); ++a) {
    for (size_t b = a + 1; b < g.reps.size(); ++b) {
      CoinPackedVector row = RepRow(p, mip, columns[g.reps[a]], potential);
      const CoinPackedVector other =
          RepRow(p, mip, columns[g.reps[b]], potential);
      for (int n = 0; n < other.getNumElements(); ++n) {
        row.insert(other.getIndices()[n], -other.getElements()[n]);
      }
      rows.Add(row, -use.spread, use.spread);
    }
  }
}

void MakeXColumns(const AssignmentProblem& p, AssignmentMip& mip) {
  for (int i = 0; i < p.num_reps; ++i) {
    for (int j = 0; j < p.num_physicians; ++j) {
      const size_t ij = static_cast<size_t>(i) * p.num_physicians + j;
      if (!p.allowed.empty() && !p.allowed[ij]) continue;
      mip.x_columns.emplace_back(i, j);
      mip.column_names.push_back(absl::StrCat("x_", i, "_", j));
    }
  }
}

int AddColumn(AssignmentMip& mip, std::string name) {
  mip.column_names.push_back(std::move(name));
  return static_cast<int>(mip.column_names.size()) - 1;
}


void AddPhysicianRows(const AssignmentProblem& p, const AssignmentMip& mip,
                      RowSet& rows) {
  std::vector<std::vector<int>> of_physician(p.num_physicians);
  for (size_t c = 0; c < mip.x_columns.size(); ++c) {
    of_physician[mip.x_columns[c].second].push_back(static_cast<int>(c));
  }
  std::vector<int> team_of(p.num_reps, 0);
  for (size_t t = 0; t < p.teams.size(); ++t) {
    for (int i : p.teams[t].reps) team_of[i] = static_cast<int>(t);
  }
  for (int j = 0; j < p.num_physicians; ++j) {
    // Constraint (2), with the portfolio's daily cap in place of 1.
    const uint32_t cap = DailyCap(p, j);
    CoinPackedVector row;
    for (int c : of_physician[j]) row.insert(c, 1.0);
    rows.Add(row, p.physician_optional[j] ? 0.0 : 1.0, cap);
    if (cap <= 1) continue;
    // Two reps of one team never call on the same physician the same day.
    for (size_t t = 0; t < p.teams.size(); ++t) {
      CoinPackedVector team_row;
      for (int c : of_physician[j]) {
        if (team_of[mip.x_columns[c].first] == static_cast<int>(t)) {
          team_row.insert(c, 1.0);
        }
      }
      if (team_row.getNumElements() > 1) rows.Add(team_row, 0, 1);
    }
  }
}

void AddRepLimits(const AssignmentProblem& p, const MipSpec& spec,
                  const AssignmentMip& mip,
                  const std::vector<std::vector<int>>& columns, RowSet& rows) {
  for (int i = 0; i < p.num_reps; ++i) {
    // Constraint (9): f_i * sum_j D_ij x_ij <= MD_i.
    if (spec.enforce_route_caps && p.route_cap[i] > 0) {
      CoinPackedVector row;
      for (int c : columns[i]) {
        const int j = mip.x_columns[c].second;
        const double d =
            p.home_distance[static_cast<size_t>(i) * p.num_physicians + j];
        if (d > 0) row.insert(c, p.safety_factor[i] * d);
      }
      rows.Add(row, -kInfinity, p.route_cap[i]);
    }
    if (spec.enforce_visit_caps && p.max_visits[i] > 0) {
      rows.Add(RepRow(p, mip, columns[i], false), -kInfinity, p.max_visits[i]);
    }
  }
  if (!spec.enforce_route_caps) return;
  std::vector<int> column_of(static_cast<size_t>(p.num_reps) * p.num_physicians, -1);
  for (size_t c = 0; c < mip.x_columns.size(); ++c) {
    const auto [i, j] = mip.x_columns[c];
    column_of[static_cast<size_t>(i) * p.num_physicians + j] = static_cast<int>(c);
  }
  for (const ForbiddenVisitSet& set : p.forbidden_sets) {
    CoinPackedVector row;
    for (int j : set.physicians) {
      const int c = column_of[static_cast<size_t>(set.rep) * p.num_physicians + j];
      if (c >= 0) row.insert(c, 1.0);
    }
    // A set with a forbidden pair in it is already excluded.
    if (row.getNumElements() == static_cast<int>(set.physicians.size())) {
      rows.Add(row, -kInfinity, set.physicians.size() - 1.0);
    }
  }
}

}  // namespace

AssignmentMip::AssignmentMip() = default;
AssignmentMip::~AssignmentMip() = default;
AssignmentMip::AssignmentMip(AssignmentMip&&) noexcept = default;

absl::Status CheckProblem(const AssignmentProblem& p) {
  const size_t pairs = static_cast<size_t>(p.num_reps) * p.num_physicians;
  if (p.num_reps < 1) return absl::InvalidArgumentError("no reps");
  if (p.potential.size() != pairs || p.home_distance.size() != pairs ||
      (!p.allowed.empty() && p.allowed.size() != pairs)) {
    return absl::InvalidArgumentError(
        "potential, home_distance, allowed: one per (rep, physician)");
  }
  const size_t physicians = p.num_physicians;
  if (p.physician_optional.size() != physicians ||
      (!p.physician_daily_cap.empty() &&
       p.physician_daily_cap.size() != physicians) ||
      (!p.excluded_reason.empty() && p.excluded_reason.size() != physicians)) {
    return absl::InvalidArgumentError(
        "physician_optional, physician_daily_cap, excluded_reason: one per "
        "physician");
  }
  const size_t reps = p.num_reps;
  if (p.safety_factor.size() != reps || p.route_cap.size() != reps ||
      p.max_visits.size() != reps) {
    return absl::InvalidArgumentError(
        "safety_factor, route_cap, max_visits: one per rep");
  }
  std::vector<int> seen(reps, 0);
  for (const BalanceGroup& g : p.teams) {
    for (int i : g.reps) {
      if (i < 0 || i >= p.num_reps || seen[i]++) {
        return absl::InvalidArgumentError("teams: not a partition of the reps");
      }
    }
  }
  if (std::count(seen.begin(), seen.end(), 1) != p.num_reps) {
    return absl::InvalidArgumentError("teams: not a partition of the reps");
  }
  return absl::OkStatus();
}

AssignmentMip BuildAssignmentMip(const AssignmentProblem& p,
                                 const MipSpec& spec) {
  AssignmentMip mip;
  MakeXColumns(p, mip);
  std::vector<std::vector<int>> columns = ColumnsOfRep(p, mip);
  const bool compact = spec.formulation == Formulation::kCompact ||
                       spec.objective != MipObjective::kMaxPotential;
  const size_t teams = p.teams.size();
  mip.workload_min.assign(teams, -1);
  mip.workload_max.assign(teams, -1);
  mip.potential_min.assign(teams, -1);
  mip.potential_max.assign(teams, -1);
  std::vector<BalanceUse> workload(teams), potential(teams);
  for (size_t t = 0; t < teams; ++t) {
    const int team = static_cast<int>(t);
    workload[t] = Use(p.teams[t], spec, team, false);
    potential[t] = Use(p.teams[t], spec, team, true);
    if (compact && workload[t].used) {
      mip.workload_min[t] = AddColumn(mip, absl::StrCat("workload_min_", t));
      mip.workload_max[t] = AddColumn(mip, absl::StrCat("workload_max_", t));
    }
    if (compact && potential[t].used) {
      mip.potential_min[t] = AddColumn(mip, absl::StrCat("potential_min_", t));
      mip.potential_max[t] = AddColumn(mip, absl::StrCat("potential_max_", t));
    }
  }
  const int total = static_cast<int>(mip.column_names.size());
  RowSet rows(total);
  AddPhysicianRows(p, mip, rows);
  for (size_t t = 0; t < teams; ++t) {
    const BalanceGroup& g = p.teams[t];
    if (workload[t].used) {
      if (compact) {
        AddCompactBalance(p, mip, columns, g, mip.workload_min[t],
                          mip.workload_max[t], workload[t], false, rows);
      } else {
        AddPairwiseBalance(p, mip, columns, g, workload[t], false, rows);
      }
    }
    if (potential[t].used) {
      if (compact) {
        AddCompactBalance(p, mip, columns, g, mip.potential_min[t],
                          mip.potential_max[t], potential[t], true, rows);
      } else {
        AddPairwiseBalance(p, mip, columns, g, potential[t], true, rows);
      }
    }
  }
  AddRepLimits(p, spec, mip, columns, rows);

  std::vector<double> lower(total, 0), upper(total, 1), objective(total, 0);
  for (size_t c = 0; c < mip.x_columns.size(); ++c) {
    const auto [i, j] = mip.x_columns[c];
    if (spec.objective == MipObjective::kMaxPotential) {
      objective[c] = -p.potential[static_cast<size_t>(i) * p.num_physicians + j];
    }
  }
  for (size_t t = 0; t < teams; ++t) {
    for (int c : {mip.workload_min[t], mip.workload_max[t]}) {
      if (c >= 0) upper[c] = p.num_physicians;
    }
    for (int c : {mip.potential_min[t], mip.potential_max[t]}) {
      if (c >= 0) upper[c] = kInfinity;
    }
  }
  const size_t t = static_cast<size_t>(spec.team);
  if (spec.objective == MipObjective::kMinWorkloadSpread) {
    objective[mip.workload_max[t]] = 1;
    objective[mip.workload_min[t]] = -1;
  }
  if (spec.objective == MipObjective::kMinPotentialSpread) {
    objective[mip.potential_max[t]] = 1;
    objective[mip.potential_min[t]] = -1;
  }
  mip.solver = std::make_unique<OsiClpSolverInterface>();
  OsiClpSolverInterface& solver = *mip.solver;
  solver.messageHandler()->setLogLevel(0);
  solver.getModelPtr()->setLogLevel(0);
  solver.loadProblem(rows.matrix_, lower.data(), upper.data(),
                     objective.data(), rows.lower_.data(), rows.upper_.data());
  solver.setObjSense(1.0);
  for (size_t c = 0; c < mip.x_columns.size(); ++c) {
    solver.setInteger(static_cast<int>(c));
  }
  // Visit counts are integers, so their shared bounds may be too; telling
  // CBC lets it round the workload spread row.
  for (size_t k = 0; k < teams; ++k) {
    for (int c : {mip.workload_min[k], mip.workload_max[k]}) {
      if (c >= 0) solver.setInteger(c);
    }
  }
  return mip;
}

std::vector<double> ColumnValuesFor(const AssignmentProblem& p,
                                    const AssignmentMip& mip,
                                    const RepVisits& visits_of_rep) {
  std::vector<double> values(mip.column_names.size(), 0);
  std::vector<double> visits(p.num_reps, 0), potential(p.num_reps, 0);
  std::vector<bool> chosen(static_cast<size_t>(p.num_reps) * p.num_physicians);
  for (int i = 0; i < p.num_reps; ++i) {
    for (int j : visits_of_rep[i]) {
      chosen[static_cast<size_t>(i) * p.num_physicians + j] = true;
    }
  }
  for (size_t c = 0; c < mip.x_columns.size(); ++c) {
    const auto [i, j] = mip.x_columns[c];
    if (!chosen[static_cast<size_t>(i) * p.num_physicians + j]) continue;
    values[c] = 1;
    visits[i] += 1;
    potential[i] += p.potential[static_cast<size_t>(i) * p.num_physicians + j];
  }
  for (size_t t = 0; t < p.teams.size(); ++t) {
    double vmin = 1e300, vmax = -1e300, pmin = 1e300, pmax = -1e300;
    for (int i : p.teams[t].reps) {
      vmin = std::min(vmin, visits[i]);
      vmax = std::max(vmax, visits[i]);
      pmin = std::min(pmin, potential[i]);
      pmax = std::max(pmax, potential[i]);
    }
    const auto set = [&values](int column, double value) {
      if (column >= 0) values[column] = value;
    };
    set(mip.workload_min[t], vmin);
    set(mip.workload_max[t], vmax);
    set(mip.potential_min[t], pmin);
    set(mip.potential_max[t], pmax);
  }
  return values;
}

RepVisits VisitsFromSolution(const AssignmentProblem& p,
                             const AssignmentMip& mip,
                             const std::vector<double>& solution) {
  RepVisits visits(p.num_reps);
  for (size_t c = 0; c < mip.x_columns.size(); ++c) {
    if (solution[c] > 0.5) {
      visits[mip.x_columns[c].first].push_back(mip.x_columns[c].second);
    }
  }
  return visits;  // columns are rep-major, so each list is ascending
}

}  // namespace callplan
