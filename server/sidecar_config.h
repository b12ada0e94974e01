// The `serve` subcommand's settings: the text-format SidecarConfig file
// (proto/callplan/v1/sidecar_config.proto), then flags on top, then defaults
// for whatever is still unset, then checks that need the file system (TLS
// files readable, HMAC key file readable) or several settings together
// (plaintext only on loopback unless allowed).
#ifndef CALLPLAN_SERVER_SIDECAR_CONFIG_H_
#define CALLPLAN_SERVER_SIDECAR_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "callplan/v1/sidecar_config.pb.h"
#include "server/validate.h"

namespace callplan {

// Where `serve` looks when no --config is given (relative to the working
// directory); a missing default file means built-in defaults.
inline constexpr char kDefaultSidecarConfigPath[] = "config/sidecar.textproto";

// Parses text format. Unknown fields and malformed values are errors naming
// the field, the file and the line.
absl::StatusOr<v1::SidecarConfig> ParseSidecarConfig(const std::string& text,
                                                     const std::string& source);

// --config FILE (or the default file), then every other flag applied over it.
// Accepts `--flag value` and `--flag=value`.
absl::StatusOr<v1::SidecarConfig> SidecarConfigFromArgs(
    const std::vector<std::string>& args);

// Usage text for the serve flags.
const char* ServeFlagsHelp();

// Everything `serve` needs, defaults filled in and files read.
struct ServeSettings {
  std::string listen;
  int solver_threads = 1;
  int max_queued = 0;
  int route_threads = 2;
  int64_t max_request_bytes = 0;
  ProblemLimits limits;
  // PEM contents; empty = plaintext / no client certificates.
  std::string tls_cert_pem;
  std::string tls_key_pem;
  std::string client_ca_pem;
  std::string hmac_key;  // empty = draw a random one
  absl::Duration drain_grace;
  absl::Duration deadline_margin;
  std::string store_url;  // never empty: "sqlite:callplan.db" by default
  // As configured; checked by Authorizer::Create (server/auth.h).
  std::vector<v1::SidecarRole> roles;
};

absl::StatusOr<ServeSettings> ResolveServeSettings(
    const v1::SidecarConfig& config);

// True for 127.0.0.0/8, ::1 and localhost, given "HOST:PORT".
bool IsLoopbackListenAddress(const std::string& listen);

// "HOST:PORT" ("[::1]:PORT" for IPv6) with PORT in 0..65535 (0: the kernel
// picks one); InvalidArgument naming `listen` otherwise ("garbage" used to
// be called "not a loopback address", port 99999 bound another port).
struct ListenAddress {
  std::string host;
  int port = 0;
};
absl::StatusOr<ListenAddress> ParseListenAddress(const std::string& listen);

// `listen` with its port replaced by the one actually bound.
std::string WithPort(const std::string& listen, int port);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_SIDECAR_CONFIG_H_
