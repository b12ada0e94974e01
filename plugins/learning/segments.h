// Segments from predicted value: physicians ranked by the sum of their
// learned potentials, highest first, get deciles (1 = the top tenth) and
// the card's tiers by share (A the top 20%, B the next 30%, C the rest by
// default), so the cycle planner's tiers.csv can set how often each is
// called. Ties keep the bundle's order.
#ifndef CALLPLAN_PLUGINS_LEARNING_SEGMENTS_H_
#define CALLPLAN_PLUGINS_LEARNING_SEGMENTS_H_

#include <vector>

#include "callplan/v1/potential_model.pb.h"

namespace callplan::crm::learning {

struct PhysicianScore;

void AssignSegments(const v1::PotentialModelCard& card,
                    std::vector<PhysicianScore>& physicians);

}  // namespace callplan::crm::learning

#endif  // CALLPLAN_PLUGINS_LEARNING_SEGMENTS_H_
