#include "plugins/product_families.h"

#include <algorithm>
#include <set>

namespace callplan::crm {

std::vector<ProductFamily> ProductFamilies(const CrmBundle& bundle) {
  std::vector<std::string> order;
  std::vector<std::set<std::string>> products;
  auto family = [&](const std::string& id) -> std::set<std::string>& {
    const auto it = std::find(order.begin(), order.end(), id);
    if (it != order.end()) return products[it - order.begin()];
    order.push_back(id);
    return products.emplace_back();
  };
  for (const CrmTeam& team : bundle.teams) {
    family(team.id).insert(team.products.begin(), team.products.end());
  }
  for (const CrmRep& rep : bundle.reps) {
    family(rep.team_id).insert(rep.products.begin(), rep.products.end());
  }
  std::vector<ProductFamily> families;
  for (size_t k = 0; k < order.size(); ++k) {
    if (products[k].empty()) continue;
    families.push_back({order[k], {products[k].begin(), products[k].end()}});
  }
  return families;
}

std::vector<std::string> PromotedProducts(const CrmBundle& bundle) {
  std::set<std::string> all;
  for (const ProductFamily& family : ProductFamilies(bundle)) {
    all.insert(family.products.begin(), family.products.end());
  }
  return {all.begin(), all.end()};
}

}  // namespace callplan::crm
