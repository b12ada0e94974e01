#include "plugins/sidecar_channel.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace callplan::crm {
namespace {

// "host:port" or "[v6]:port" with a port in 1..65535.
bool HasPort(const std::string& address) {
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  if (address[0] == '[' && address[colon - 1] != ']') return false;
  int port = 0;
  return absl::SimpleAtoi(address.substr(colon + 1), &port) && port > 0 &&
         port <= 65535;
}

}  // namespace

absl::StatusOr<std::string> SidecarTarget(const std::string& sidecar) {
  if (absl::StrContains(sidecar, ":///") || absl::StartsWith(sidecar, "ipv4:") ||
      absl::StartsWith(sidecar, "ipv6:") || absl::StartsWith(sidecar, "dns:")) {
    return sidecar;
  }
  if (!absl::StrContains(sidecar, ',')) return sidecar;
  std::vector<std::string> addresses;
  bool v6 = false;
  for (absl::string_view part : absl::StrSplit(sidecar, ',')) {
    const std::string address(absl::StripAsciiWhitespace(part));
    if (!HasPort(address)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--sidecar: \"", address, "\" in the list is not HOST:PORT"));
    }
    if (address[0] != '[' &&
        address.find_first_not_of("0123456789.") < address.rfind(':')) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--sidecar: \"", address, "\": a list takes IP addresses; for "
          "host names use one dns:///NAME:PORT that lists every replica"));
    }
    v6 = v6 || address[0] == '[';
    addresses.push_back(address);
  }
  return absl::StrCat(v6 ? "ipv6:" : "ipv4:", absl::StrJoin(addresses, ","));
}

std::string SidecarServiceConfig() {
  // gRPC caps maxAttempts at 5. Only UNAVAILABLE is retried: the replica
  // died, is draining or cannot be reached; every other code is an answer.
  return R"({
  "loadBalancingConfig": [{"round_robin": {}}],
  "methodConfig": [{
    "name": [{"service": "callplan.v1.PlannerService", "method": "PlanDistricts"}],
    "retryPolicy": {
      "maxAttempts": 5,
      "initialBackoff": "0.1s",
      "maxBackoff": "2s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
})";
}

}  // namespace callplan::crm
