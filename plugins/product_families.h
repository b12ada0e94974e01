// The bundle's product families: the products one brand team promotes
// (teams.csv's list and the products its reps name themselves). Without
// teams.csv each team_id of reps.csv is a family ("" for reps naming
// none). Learned potentials are modelled one family at a time, and a
// prescription is only history of a product some rep promotes.
#ifndef CALLPLAN_PLUGINS_PRODUCT_FAMILIES_H_
#define CALLPLAN_PLUGINS_PRODUCT_FAMILIES_H_

#include <string>
#include <vector>

#include "plugins/crm_bundle.h"

namespace callplan::crm {

struct ProductFamily {
  std::string id;  // the team's id
  std::vector<std::string> products;  // sorted, each once
};

// In teams.csv order (reps.csv order of first appearance without it).
std::vector<ProductFamily> ProductFamilies(const CrmBundle& bundle);

// Every product some rep promotes, sorted.
std::vector<std::string> PromotedProducts(const CrmBundle& bundle);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_PRODUCT_FAMILIES_H_
