// What a learned model says to people: the card in words (MODEL_CARD.md),
// the held-out metrics side by side (printed by learn and the benchmark),
// and every physician's learned potentials with their words and segment
// (learned_potentials.csv), so a CRM can import or audit them.
#ifndef CALLPLAN_PLUGINS_LEARNING_MODEL_REPORT_H_
#define CALLPLAN_PLUGINS_LEARNING_MODEL_REPORT_H_

#include <string>

#include "callplan/v1/potential_model.pb.h"
#include "plugins/learning/scoring.h"

namespace callplan::crm::learning {

// Per family: method, rank correlation, top-decile capture, mean
// absolute error, rows; the model first.
std::string MetricsTable(const v1::PotentialModelCard& card);

std::string CardMarkdown(const v1::PotentialModelCard& card);

// physician_id,product,forecast,potential,tier,decile,why (RFC 4180).
std::string LearnedPotentialsCsv(const ModelScores& scores);

// "A 8, B 12, C 20": physicians per tier.
std::string TierCounts(const ModelScores& scores);

}  // namespace callplan::crm::learning

#endif  // CALLPLAN_PLUGINS_LEARNING_MODEL_REPORT_H_
