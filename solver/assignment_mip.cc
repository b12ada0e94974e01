#include "solver/assignment_mip.h"

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

struct Layout {
  std::vector<std::vector<int>> columns_of_rep;        // x columns per rep
  std::vector<std::vector<int>> columns_of_physician;  // x columns per physician
  int wmin = -1, wmax = -1, pmin = -1, pmax = -1;
  int total = 0;
};

bool UsesWorkloadBounds(const AssignmentProblem& p, const MipSpec& spec) {
  return spec.objective == MipObjective::kMinWorkloadSpread ||
         (spec.enforce_workload_spread && p.max_workload_spread.has_value());
}
bool UsesPotentialBounds(const AssignmentProblem& p, const MipSpec& spec) {
  return spec.objective == MipObjective::kMinPotentialSpread ||
         (spec.enforce_potential_spread && p.max_potential_spread.has_value());
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

// Per-rep rows against shared min/max columns, plus max - min <= spread
// (dropped when the spread itself is the objective).
void AddCompactBalance(const AssignmentProblem& p, const AssignmentMip& mip,
                       const Layout& layout, bool potential, bool bounded,
                       double spread, RowSet& rows) {
  const int lo = potential ? layout.pmin : layout.wmin;
  const int hi = potential ? layout.pmax : layout.wmax;
  for (int i = 0; i < p.num_reps; ++i) {
    CoinPackedVector above = RepRow(p, mip, layout.columns_of_rep[i], potential);
    CoinPackedVector below = above;
    above.insert(lo, -1.0);  // total_i - min >= 0
    rows.Add(above, 0, kInfinity);
    below.insert(hi, -1.0);  // total_i - max <= 0
    rows.Add(below, -kInfinity, 0);
  }
  CoinPackedVector range;
  range.insert(hi, 1.0);
  range.insert(lo, -1.0);
  rows.Add(range, 0, bounded ? spread : kInfinity);
}

// The paper's constraints (3)-(8): |total_i - total_k| <= spread for every
// pair of reps, as ranged rows (equivalent to its two slack variables).
void AddPairwiseBalance(const AssignmentProblem& p, const AssignmentMip& mip,
                        const Layout& layout, bool potential, double spread,
                        RowSet& rows) {
  for (int i = 0; i < p.num_reps; ++i) {
    for (int k = i + 1; k < p.num_reps; ++k) {
      CoinPackedVector row =
          RepRow(p, mip, layout.columns_of_rep[i], potential);
      const CoinPackedVector other =
          RepRow(p, mip, layout.columns_of_rep[k], potential);
      for (int n = 0; n < other.getNumElements(); ++n) {
        row.insert(other.getIndices()[n], -other.getElements()[n]);
      }
      rows.Add(row, -spread, spread);
    }
  }
}

Layout MakeColumns(const AssignmentProblem& p, const MipSpec& spec,
                   AssignmentMip& mip) {
  Layout layout;
  layout.columns_of_rep.resize(p.num_reps);
  layout.columns_of_physician.resize(p.num_physicians);
  for (int i = 0; i < p.num_reps; ++i) {
    for (int j = 0; j < p.num_physicians; ++j) {
      const size_t ij = static_cast<size_t>(i) * p.num_physicians + j;
      if (!p.allowed.empty() && !p.allowed[ij]) continue;
      const int c = static_cast<int>(mip.x_columns.size());
      mip.x_columns.emplace_back(i, j);
      mip.column_names.push_back(absl::StrCat("x_", i, "_", j));
      layout.columns_of_rep[i].push_back(c);
      layout.columns_of_physician[j].push_back(c);
    }
  }
  layout.total = static_cast<int>(mip.x_columns.size());
  const bool compact = spec.formulation == Formulation::kCompact ||
                       spec.objective != MipObjective::kMaxPotential;
  if (compact && UsesWorkloadBounds(p, spec)) {
    layout.wmin = layout.total++;
    layout.wmax = layout.total++;
    mip.column_names.push_back("workload_min");
    mip.column_names.push_back("workload_max");
  }
  if (compact && UsesPotentialBounds(p, spec)) {
    layout.pmin = layout.total++;
    layout.pmax = layout.total++;
    mip.column_names.push_back("potential_min");
    mip.column_names.push_back("potential_max");
  }
  mip.workload_min = layout.wmin;
  mip.workload_max = layout.wmax;
  mip.potential_min = layout.pmin;
  mip.potential_max = layout.pmax;
  return layout;
}

void AddRepLimits(const AssignmentProblem& p, const MipSpec& spec,
                  const AssignmentMip& mip, const Layout& layout,
                  RowSet& rows) {
  for (int i = 0; i < p.num_reps; ++i) {
    // Constraint (9): f_i * sum_j D_ij x_ij <= MD_i.
    if (spec.enforce_route_caps && p.route_cap[i] > 0) {
      CoinPackedVector row;
      for (int c : layout.columns_of_rep[i]) {
        const int j = mip.x_columns[c].second;
        const double d =
            p.home_distance[static_cast<size_t>(i) * p.num_physicians + j];
        if (d > 0) row.insert(c, p.safety_factor[i] * d);
      }
      rows.Add(row, -kInfinity, p.route_cap[i]);
    }
    if (spec.enforce_visit_caps && p.max_visits[i] > 0) {
      rows.Add(RepRow(p, mip, layout.columns_of_rep[i], false), -kInfinity,
               p.max_visits[i]);
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
  if (p.potential.size() != pairs) {
    return absl::InvalidArgumentError("potential: one per (rep, physician)");
  }
  if (p.home_distance.size() != pairs) {
    return absl::InvalidArgumentError("home_distance: one per (rep, physician)");
  }
  if (!p.allowed.empty() && p.allowed.size() != pairs) {
    return absl::InvalidArgumentError("allowed: one per (rep, physician)");
  }
  if (p.physician_optional.size() != static_cast<size_t>(p.num_physicians)) {
    return absl::InvalidArgumentError("physician_optional: one per physician");
  }
  const size_t reps = p.num_reps;
  if (p.safety_factor.size() != reps || p.route_cap.size() != reps ||
      p.max_visits.size() != reps) {
    return absl::InvalidArgumentError(
        "safety_factor, route_cap, max_visits: one per rep");
  }
  return absl::OkStatus();
}

AssignmentMip BuildAssignmentMip(const AssignmentProblem& p,
                                 const MipSpec& spec) {
  AssignmentMip mip;
  const Layout layout = MakeColumns(p, spec, mip);
  RowSet rows(layout.total);
  // Constraint (2): each physician at most one rep; required ones exactly one.
  for (int j = 0; j < p.num_physicians; ++j) {
    CoinPackedVector row;
    for (int c : layout.columns_of_physician[j]) row.insert(c, 1.0);
    rows.Add(row, p.physician_optional[j] ? 0.0 : 1.0, 1.0);
  }
  for (bool potential : {false, true}) {
    const bool used = potential ? UsesPotentialBounds(p, spec)
                                : UsesWorkloadBounds(p, spec);
    if (!used) continue;
    const bool bounded =
        potential ? spec.enforce_potential_spread &&
                        spec.objective != MipObjective::kMinPotentialSpread
                  : spec.enforce_workload_spread &&
                        spec.objective != MipObjective::kMinWorkloadSpread;
    const double spread = potential ? p.max_potential_spread.value_or(0)
                                    : p.max_workload_spread.value_or(0);
    if ((potential ? layout.pmin : layout.wmin) >= 0) {
      AddCompactBalance(p, mip, layout, potential, bounded, spread, rows);
    } else {
      AddPairwiseBalance(p, mip, layout, potential, spread, rows);
    }
  }
  AddRepLimits(p, spec, mip, layout, rows);

  std::vector<double> lower(layout.total, 0), upper(layout.total, 1);
  std::vector<double> objective(layout.total, 0);
  for (size_t c = 0; c < mip.x_columns.size(); ++c) {
    const auto [i, j] = mip.x_columns[c];
    if (spec.objective == MipObjective::kMaxPotential) {
      objective[c] = -p.potential[static_cast<size_t>(i) * p.num_physicians + j];
    }
  }
  for (int c : {layout.wmin, layout.wmax}) {
    if (c >= 0) upper[c] = p.num_physicians;
  }
  for (int c : {layout.pmin, layout.pmax}) {
    if (c >= 0) upper[c] = kInfinity;
  }
  if (spec.objective == MipObjective::kMinWorkloadSpread) {
    objective[layout.wmax] = 1;
    objective[layout.wmin] = -1;
  }
  if (spec.objective == MipObjective::kMinPotentialSpread) {
    objective[layout.pmax] = 1;
    objective[layout.pmin] = -1;
  }
  mip.solver = std::make_unique<OsiClpSolverInterface>();
  OsiClpSolverInterface& solver = *mip.solver;
  solver.messageHandler()->setLogLevel(0);
  solver.loadProblem(rows.matrix_, lower.data(), upper.data(),
                     objective.data(), rows.lower_.data(), rows.upper_.data());
  solver.setObjSense(1.0);
  for (size_t c = 0; c < mip.x_columns.size(); ++c) {
    solver.setInteger(static_cast<int>(c));
  }
  // Visit counts are integers, so their shared bounds may be too; telling
  // CBC lets it round the workload spread row.
  for (int c : {layout.wmin, layout.wmax}) {
    if (c >= 0) solver.setInteger(c);
  }
  // Names are how CBC matches a warm start to columns; Osi ignores them
  // unless the name discipline asks it to keep them.
  solver.setIntParam(OsiNameDiscipline, 1);
  for (int c = 0; c < layout.total; ++c) {
    solver.setColName(c, mip.column_names[c]);
  }
  return mip;
}

std::vector<double> ColumnValuesFor(const AssignmentProblem& p,
                                    const AssignmentMip& mip,
                                    const std::vector<int>& rep_of_physician) {
  std::vector<double> values(mip.column_names.size(), 0);
  std::vector<double> visits(p.num_reps, 0), potential(p.num_reps, 0);
  for (size_t c = 0; c < mip.x_columns.size(); ++c) {
    const auto [i, j] = mip.x_columns[c];
    if (rep_of_physician[j] != i) continue;
    values[c] = 1;
    visits[i] += 1;
    potential[i] += p.potential[static_cast<size_t>(i) * p.num_physicians + j];
  }
  const auto set = [&values](int column, double value) {
    if (column >= 0) values[column] = value;
  };
  set(mip.workload_min, *std::min_element(visits.begin(), visits.end()));
  set(mip.workload_max, *std::max_element(visits.begin(), visits.end()));
  set(mip.potential_min, *std::min_element(potential.begin(), potential.end()));
  set(mip.potential_max, *std::max_element(potential.begin(), potential.end()));
  return values;
}

}  // namespace callplan
