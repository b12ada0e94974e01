#include "solver/potential.h"

#include <algorithm>
#include <set>

namespace callplan {

double VisitPotential(const Rep& rep, const Physician& physician) {
  // A product listed twice by a rep is promoted once.
  const std::set<std::string> products(rep.products.begin(),
                                       rep.products.end());
  double potential = 0;
  for (const std::string& product : products) {
    auto it = physician.product_potential.find(product);
    if (it != physician.product_potential.end()) potential += it->second;
  }
  return potential;
}

}  // namespace callplan
