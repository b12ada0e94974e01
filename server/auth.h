// Who is calling the sidecar, and whether they may. Roles come from the
// config (SidecarConfig.roles): a caller is known by its mutual-TLS client
// certificate (subject CN or a subject alternative name, as gRPC's
// AuthContext reports them) or by a bearer token (`authorization: Bearer
// TOKEN`) whose SHA-256 the config lists. Roles and what they allow:
//   admin   - read and change fairness policies, read the audit trail
//   planner - PlanDay, PlanDayStream, PlanDistricts, PlanCycle,
//             PlanCycleStream, Route
//   auditor - read the audit trail and stored plans
//   manager - approve, reject and publish stored plans, read them
//             (server/plan_service.h); planners read plans too
// With no roles configured the sidecar is "open": every caller on a loopback
// address may do everything (one machine, CRM beside the sidecar) and any
// other caller gets PERMISSION_DENIED.
// Decisions: no token and no client certificate, or a token nobody was given
// -> UNAUTHENTICATED; a known caller without the needed role (or a verified
// certificate nobody was given a role for) -> PERMISSION_DENIED. The actor
// name a decision carries is safe to log and audit: it never contains a
// token or its hash.
#ifndef CALLPLAN_SERVER_AUTH_H_
#define CALLPLAN_SERVER_AUTH_H_

#include <memory>
#include <string>
#include <vector>

#include <grpcpp/server_context.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "callplan/v1/sidecar_config.pb.h"

namespace callplan {

enum class Permission {
  kPlan,
  kManagePolicies,
  kReadAudit,
  kManagePlans,
  kReadPlans
};

struct AccessDecision {
  absl::Status status;  // OK, UNAUTHENTICATED or PERMISSION_DENIED
  // "cert:IDENTITY", "token:NAME" or "anonymous@PEER".
  std::string actor;
};

// What a caller presents, taken from a gRPC call (or made up by a test).
struct CallerCredentials {
  std::string peer;  // grpc's peer string, e.g. "ipv4:127.0.0.1:40000"
  bool has_bearer_token = false;
  std::string bearer_token;
  // Verified client certificate names: CN first, then SANs.
  std::vector<std::string> certificate_names;
};

CallerCredentials CredentialsOf(const grpc::ServerContextBase& context);

class Authorizer {
 public:
  // INVALID_ARGUMENT naming roles[i].FIELD for an unknown role, an entry
  // with neither or both of certificate_identity and token_sha256, a hash
  // that is not 64 hex digits, or a token without a name.
  static absl::StatusOr<std::unique_ptr<Authorizer>> Create(
      const std::vector<v1::SidecarRole>& roles);

  bool open() const { return roles_.empty(); }
  AccessDecision Check(const CallerCredentials& caller, Permission needed) const;
  AccessDecision Check(const grpc::ServerContextBase& context,
                       Permission needed) const {
    return Check(CredentialsOf(context), needed);
  }

 private:
  explicit Authorizer(std::vector<v1::SidecarRole> roles)
      : roles_(std::move(roles)) {}
  std::vector<v1::SidecarRole> roles_;
};

// Lowercase hex SHA-256.
std::string Sha256Hex(absl::string_view data);

// True for 127.0.0.0/8, ::1 (also as ::ffff:127.x) and unix sockets.
bool IsLoopbackPeer(const std::string& peer);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_AUTH_H_
