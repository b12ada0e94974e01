// The `serve` subcommand: PlannerService, gRPC health checking and server
// reflection on one port, until SIGTERM or SIGINT. Then: health reports
// NOT_SERVING and new calls get UNAVAILABLE while in-flight solves run on for
// up to drain_grace_seconds (after which they are told to stop with their
// best plan); then the server shuts down and the process exits 0.
// Exit codes: 0 after a drain, 2 for a bad configuration or flag, 1 when the
// port cannot be served.
#ifndef CALLPLAN_SERVER_SERVE_H_
#define CALLPLAN_SERVER_SERVE_H_

#include <string>
#include <vector>

namespace callplan {

int RunServeCommand(const std::vector<std::string>& args);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_SERVE_H_
