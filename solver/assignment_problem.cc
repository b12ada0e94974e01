#include "solver/assignment_problem.h"

#include "absl/strings/str_cat.h"
#include "solver/potential.h"

namespace callplan {

absl::StatusOr<AssignmentProblem> BuildAssignmentProblem(
    const Territory& territory, const DistanceTable& table) {
  const int reps = static_cast<int>(territory.reps.size());
  const int physicians = static_cast<int>(territory.physicians.size());
  if (table.size() != reps + physicians) {
    return absl::InvalidArgumentError(absl::StrCat(
        "distance table has ", table.size(), " places, the territory ",
        reps + physicians));
  }
  const FairnessBounds& fairness = territory.fairness;
  if (fairness.distance_safety_factor < 1) {
    return absl::InvalidArgumentError(
        "fairness.distance_safety_factor: must be at least 1");
  }
  AssignmentProblem problem;
  problem.num_reps = reps;
  problem.num_physicians = physicians;
  problem.potential.resize(static_cast<size_t>(reps) * physicians);
  problem.home_distance.resize(problem.potential.size());
  for (int i = 0; i < reps; ++i) {
    const Rep& rep = territory.reps[i];
    for (int j = 0; j < physicians; ++j) {
      const size_t k = static_cast<size_t>(i) * physicians + j;
      problem.potential[k] = VisitPotential(rep, territory.physicians[j]);
      problem.home_distance[k] = table(i, reps + j);
    }
    problem.safety_factor.push_back(fairness.distance_safety_factor);
    problem.route_cap.push_back(rep.max_route_distance > 0
                                    ? rep.max_route_distance
                                    : fairness.max_route_distance.value_or(0));
    problem.max_visits.push_back(rep.max_visits > 0
                                     ? rep.max_visits
                                     : fairness.max_visits_per_rep.value_or(0));
  }
  for (const Physician& physician : territory.physicians) {
    problem.physician_optional.push_back(physician.optional);
  }
  problem.max_workload_spread = fairness.max_workload_spread;
  problem.max_potential_spread = fairness.max_potential_spread;
  return problem;
}

}  // namespace callplan
