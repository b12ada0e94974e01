// Route and shift capacity: per rep, a necessary condition of any real
// route within its cap and its shift, as one knapsack row each
// (problem.capacities, weights from problem_builder.cc):
//   route distance:  sum_j w_ij x_ij <= MD_i,  w_ij = (in_ij + out_ij) / 2
//   working time:    sum_j t_ij x_ij <= shift length - breaks,
//                    t_ij = service_j + (in_ij + out_ij) / 2 in seconds,
// with in_ij / out_ij the shortest way into / out of physician j from the
// rep's home or any other physician. Every route enters and leaves each of
// its visits once, so its length is at least the sum of these halves: the
// rows never rule out a day whose real route fits (the paper's approximation
// f * sum D_ij could, issue 9). What the rows miss, the plan loop learns
// from real routes as forbidden sets.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "solver/assignment/families.h"
#include "solver/assignment/mip.h"
#include "solver/assignment/mip_builder.h"
#include "solver/assignment/state.h"

namespace callplan {
namespace {

constexpr double kTolerance = 1e-6;

bool Capped(const RepCapacity& capacity, int rep) {
  return capacity.capacity[rep] > 0;
}

// "at least 71.2 of driving, over its cap of 60" / "at least 9h10 of work,
// over the 8h15 its shift leaves after breaks".
std::string Shortfall(const RepCapacity& capacity, double needed, int rep) {
  if (capacity.kind == RepCapacity::Kind::kRouteDistance) {
    return absl::StrFormat("at least %.1f of driving, over its route cap of %.1f",
                           needed, capacity.capacity[rep]);
  }
  const auto hours = [](double seconds) {
    const int64_t minutes = static_cast<int64_t>(seconds / 60 + 0.999);
    return absl::StrFormat("%dh%02d", minutes / 60, minutes % 60);
  };
  return absl::StrCat("at least ", hours(needed), " of visits and driving, over the ",
                      hours(capacity.capacity[rep]),
                      " its shift leaves after breaks");
}

class RouteCapacity final : public ConstraintFamily {
 public:
  void AddToMip(const MipSpec& spec, MipBuilder& mip) const override {
    if (!spec.enforce_route_caps) return;
    const AssignmentProblem& p = mip.problem();
    for (const RepCapacity& capacity : p.capacities) {
      for (int i = 0; i < p.num_reps; ++i) {
        if (!Capped(capacity, i)) continue;
        MipBuilder::Row row;
        for (int c : mip.RepColumns(i)) {
          const int j = mip.mip().x_columns[c].second;
          row.emplace_back(c, capacity.weight[PairIndex(p, i, j)]);
        }
        mip.AddRow(row, -MipBuilder::kInfinity, capacity.capacity[i]);
      }
    }
  }

  bool AllowsAdding(const AssignmentState& s, int rep, int j) const override {
    const AssignmentProblem& p = s.problem();
    for (size_t k = 0; k < p.capacities.size(); ++k) {
      const RepCapacity& capacity = p.capacities[k];
      if (Capped(capacity, rep) &&
          s.CapacityUsed(k, rep) + capacity.weight[PairIndex(p, rep, j)] >
              capacity.capacity[rep] + kTolerance) {
        return false;
      }
    }
    return true;
  }

  bool Holds(const AssignmentState& s, int rep) const override {
    const AssignmentProblem& p = s.problem();
    for (size_t k = 0; k < p.capacities.size(); ++k) {
      if (Capped(p.capacities[k], rep) &&
          s.CapacityUsed(k, rep) > p.capacities[k].capacity[rep] + kTolerance) {
        return false;
      }
    }
    return true;
  }

  void Check(const AssignmentState& s,
             std::vector<std::string>& violations) const override {
    const AssignmentProblem& p = s.problem();
    for (size_t k = 0; k < p.capacities.size(); ++k) {
      for (int i = 0; i < p.num_reps; ++i) {
        const double used = s.CapacityUsed(k, i);
        if (Capped(p.capacities[k], i) &&
            used > p.capacities[k].capacity[i] + kTolerance) {
          violations.push_back(absl::StrCat(RepName(p, i), "'s visits need ",
                                            Shortfall(p.capacities[k], used, i)));
        }
      }
    }
  }

  std::string WhyNot(const AssignmentState& s, int rep, int j) const override {
    const AssignmentProblem& p = s.problem();
    for (size_t k = 0; k < p.capacities.size(); ++k) {
      const RepCapacity& capacity = p.capacities[k];
      const double needed =
          s.CapacityUsed(k, rep) + capacity.weight[PairIndex(p, rep, j)];
      if (Capped(capacity, rep) && needed > capacity.capacity[rep] + kTolerance) {
        return absl::StrCat("would need ", Shortfall(capacity, needed, rep));
      }
    }
    return "";
  }

  void ExplainInfeasible(const AssignmentProblem& p, const AuxSolve& solve,
                         Infeasibility& out) const override {
    bool capped = !p.forbidden_sets.empty();
    for (const RepCapacity& capacity : p.capacities) {
      for (int i = 0; i < p.num_reps; ++i) capped = capped || Capped(capacity, i);
    }
    if (!capped) return;
    MipSpec spec;
    spec.objective = MipObjective::kFeasibility;
    spec.enforce_route_caps = false;
    if (solve(spec).feasible) {
      out.reasons.push_back(
          "the route caps and shifts are too tight: without them a plan exists");
    }
  }
};

}  // namespace

const ConstraintFamily& RouteCapacityFamily() {
  static const RouteCapacity kFamily;
  return kFamily;
}

}  // namespace callplan
