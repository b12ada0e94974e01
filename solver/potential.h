// The sales potential of one visit (Hertel & Gautam, P_ij): the sum of the
// physician's potentials over the products the rep promotes. A rep who
// promotes nothing the physician prescribes earns nothing there.
//
// One home for it: the assignment model maximises these numbers and the
// explanations quote them, so a visit's reason always names the potential
// the plan counted (issue 10, finding 10: reps taking their products from
// their team were told "no product this rep promotes applies").
#ifndef CALLPLAN_SOLVER_POTENTIAL_H_
#define CALLPLAN_SOLVER_POTENTIAL_H_

#include <string>
#include <utility>
#include <vector>

#include "solver/territory.h"

namespace callplan {

// The products `rep` promotes: its own, or its team's when it lists none.
std::vector<std::string> PromotedProducts(const Territory& territory,
                                          const Rep& rep);

// Each promoted product the physician has a positive potential for, in the
// order of `products` (a product listed twice counts once), and the total.
struct PotentialBreakdown {
  std::vector<std::pair<std::string, double>> products;
  double total = 0;
};
PotentialBreakdown BreakDownPotential(const std::vector<std::string>& products,
                                      const Physician& physician);

// BreakDownPotential(...).total.
double VisitPotential(const std::vector<std::string>& products,
                      const Physician& physician);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_POTENTIAL_H_
