#include "solver/assignment/mip.h"

#include <algorithm>

#include "OsiClpSolverInterface.hpp"
#include "solver/assignment/families.h"
#include "solver/assignment/mip_builder.h"
#include "solver/assignment/state.h"

namespace callplan {

AssignmentMip::AssignmentMip() = default;
AssignmentMip::~AssignmentMip() = default;
AssignmentMip::AssignmentMip(AssignmentMip&&) noexcept = default;

absl::Status CheckProblem(const AssignmentProblem& p) {
  const size_t pairs = static_cast<size_t>(p.num_reps) * p.num_physicians;
  if (p.num_reps < 1) return absl::InvalidArgumentError("no reps");
  if (p.potential.size() != pairs || p.home_distance.size() != pairs ||
      (!p.allowed.empty() && p.allowed.size() != pairs) ||
      (!p.unavailable_reason.empty() && p.unavailable_reason.size() != pairs)) {
    return absl::InvalidArgumentError(
        "potential, home_distance, allowed, unavailable_reason: one per (rep, "
        "physician)");
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
  if (p.route_cap.size() != reps || p.max_visits.size() != reps) {
    return absl::InvalidArgumentError("route_cap, max_visits: one per rep");
  }
  for (const RepCapacity& capacity : p.capacities) {
    if (capacity.weight.size() != pairs || capacity.capacity.size() != reps) {
      return absl::InvalidArgumentError(
          "capacities: one weight per (rep, physician), one capacity per rep");
    }
  }
  for (const ForbiddenVisitSet& set : p.forbidden_sets) {
    if (set.rep < 0 || set.rep >= p.num_reps ||
        std::any_of(set.physicians.begin(), set.physicians.end(),
                    [&p](int j) { return j < 0 || j >= p.num_physicians; })) {
      return absl::InvalidArgumentError("forbidden_sets: unknown rep or physician");
    }
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
  MipBuilder builder(p, mip);
  for (const ConstraintFamily* family : AllFamilies()) {
    family->AddToMip(spec, builder);
  }
  if (spec.objective == MipObjective::kMaxPotential) {
    for (size_t c = 0; c < mip.x_columns.size(); ++c) {
      const auto [i, j] = mip.x_columns[c];
      builder.SetObjective(static_cast<int>(c), -Earning(p, i, j));
    }
  }
  builder.Finish();
  return mip;
}

std::vector<double> ColumnValuesFor(const AssignmentProblem& p,
                                    const AssignmentMip& mip,
                                    const RepVisits& visits) {
  std::vector<double> values(mip.column_names.size(), 0);
  const AssignmentState state(p, visits);
  for (size_t c = 0; c < mip.x_columns.size(); ++c) {
    const auto [i, j] = mip.x_columns[c];
    if (state.Visits(i, j)) values[c] = 1;
  }
  for (const ConstraintFamily* family : AllFamilies()) {
    family->WarmStart(state, mip, values);
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
