// `callplan-crm admin`: an admin's view of the sidecar's AdminService
// without gRPC tooling.
//   admin list   --sidecar HOST:PORT                 every stored policy
//   admin get    --sidecar HOST:PORT --team T        the policy T plans with
//   admin set    --sidecar HOST:PORT --team T --expected-version V
//                --reason TEXT [bounds...]           replaces T's policy
//   admin audit  --sidecar HOST:PORT [--kind plan_day|policy_change|denied|plan_step]
//                [--team T] [--from TIME] [--to TIME] [--page-size N]
//                [--page-token TOKEN | --all]
//   admin audit  --sidecar HOST:PORT --verify        checks the hash chain
// Bounds for set: --max-workload-spread N --max-potential-spread X
// --max-route-km X --distance-safety-factor X --max-visits-per-rep N, and
// --require-approval yes|no (a manager approves the team's plans before
// they are published); the value is replaced whole, so a bound left out is
// unbounded and approval left out is not required. TIME is
// RFC 3339 (2024-03-05T08:00:00Z) or a date (UTC midnight).
// Connection: --tls-ca FILE [--tls-cert FILE --tls-key FILE] as for sync;
// a bearer token from --token or, kept out of the process list,
// CALLPLAN_SIDECAR_TOKEN. The token is never printed.
// Exit codes: 0 done (for --verify: the chain is intact); 1 the sidecar
// refused or failed (its code and message on stderr; for ABORTED, how to
// retry), or --verify found the chain broken (the first bad record on
// stdout); 2 bad command line.
#ifndef CALLPLAN_PLUGINS_ADMIN_COMMAND_H_
#define CALLPLAN_PLUGINS_ADMIN_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "callplan/v1/admin_service.pb.h"

namespace callplan::crm {

// `args` are the words after "admin".
int RunAdminCommand(const std::vector<std::string>& args, std::ostream& out,
                    std::ostream& err);

const char* AdminUsage();

// Tables as the command prints them, one row per policy or event.
std::string PolicyTable(const std::vector<v1::FairnessPolicy>& policies);
std::string AuditTable(const std::vector<v1::AuditEvent>& events);
// What --verify prints: intact with the count and the last hash to keep
// elsewhere, or the first bad record and why.
std::string VerifyReport(const v1::VerifyAuditTrailResponse& result);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_ADMIN_COMMAND_H_
