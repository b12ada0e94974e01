// The prescription history of a CRM bundle (optional), what learned
// potentials are trained on:
//   prescriptions.csv  physician_id,product,month,prescriptions
// month is YYYY-MM; prescriptions a whole number >= 0 (what the physician
// prescribed of the product that month); the product one some rep
// promotes (a team's or a rep's own); each physician-product's months
// ascending, each month once. Physician-level counts only: the bundle
// holds no patient data. Problems are reported as file:line: column: what.
#ifndef CALLPLAN_PLUGINS_PRESCRIPTIONS_READER_H_
#define CALLPLAN_PLUGINS_PRESCRIPTIONS_READER_H_

#include "plugins/crm_bundle.h"
#include "plugins/csv.h"
#include "plugins/input_problems.h"

namespace callplan::crm {

// Fills bundle->prescriptions; call after teams, reps and physicians.
void ReadPrescriptions(const CsvTable& table, CrmBundle* bundle,
                       InputProblems* problems);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_PRESCRIPTIONS_READER_H_
