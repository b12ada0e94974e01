#include "solver/potential.h"

#include <set>

namespace callplan {

std::vector<std::string> PromotedProducts(const Territory& territory,
                                          const Rep& rep) {
  if (!rep.products.empty()) return rep.products;
  for (const Team& team : territory.teams) {
    if (team.id == rep.team_id) return team.products;
  }
  return {};
}

PotentialBreakdown BreakDownPotential(const std::vector<std::string>& products,
                                      const Physician& physician) {
  PotentialBreakdown breakdown;
  std::set<std::string> seen;
  for (const std::string& product : products) {
    if (!seen.insert(product).second) continue;
    auto it = physician.product_potential.find(product);
    if (it == physician.product_potential.end() || it->second <= 0) continue;
    breakdown.products.emplace_back(product, it->second);
    breakdown.total += it->second;
  }
  return breakdown;
}

double VisitPotential(const std::vector<std::string>& products,
                      const Physician& physician) {
  return BreakDownPotential(products, physician).total;
}

}  // namespace callplan
