#include "solver/cycle/cycle_territory.h"

namespace callplan {

// Issue 12's default, after Lodish's CALLPLAN: each further call in a cycle
// earns less than the one before.
std::vector<double> DefaultResponse() { return {1.0, 0.6, 0.35, 0.2}; }

}  // namespace callplan
