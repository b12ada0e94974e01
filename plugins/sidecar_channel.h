// How the plugin reaches one sidecar or several replicas, with gRPC's own
// machinery only (no address scheduling of ours):
//  - "HOST:PORT": one sidecar, as before.
//  - "HOST:PORT,HOST:PORT,...": replicas by address; the channel target is
//    gRPC's multi-address form "ipv4:A,B" (or "ipv6:[::1]:5001,..." when
//    any address is bracketed). Hosts must be IP literals there: gRPC's
//    ipv4/ipv6 resolvers do not look names up (use dns:/// for names).
//  - "dns:///NAME:PORT" (or any target with a scheme): passed through, so
//    DNS lists the replicas (a Kubernetes headless Service).
// The service config selects round_robin, so calls spread over every ready
// replica and a dead one is skipped, and gives PlanDistricts a retryPolicy:
// a call that fails UNAVAILABLE (the replica died or is draining) before
// any result arrived is retried by gRPC on another replica.
#ifndef CALLPLAN_PLUGINS_SIDECAR_CHANNEL_H_
#define CALLPLAN_PLUGINS_SIDECAR_CHANNEL_H_

#include <string>

#include "absl/status/statusor.h"

namespace callplan::crm {

// The gRPC target for --sidecar; InvalidArgument naming the bad entry.
absl::StatusOr<std::string> SidecarTarget(const std::string& sidecar);

// The channel's service config (JSON).
std::string SidecarServiceConfig();

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_SIDECAR_CHANNEL_H_
