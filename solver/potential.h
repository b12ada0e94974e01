// The sales potential of one visit (Hertel & Gautam, P_ij): the sum of the
// physician's potentials over the products the rep promotes. A rep who
// promotes nothing the physician prescribes earns nothing there.
#ifndef CALLPLAN_SOLVER_POTENTIAL_H_
#define CALLPLAN_SOLVER_POTENTIAL_H_

#include "solver/territory.h"

namespace callplan {

double VisitPotential(const Rep& rep, const Physician& physician);

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_POTENTIAL_H_
