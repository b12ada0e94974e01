// callplan-sidecar: plans pharmaceutical sales reps' days.
//   callplan-sidecar solve --request FILE [--format json|table]
//   callplan-sidecar plan-cycle --request FILE [--format json|table]
//   callplan-sidecar route --request FILE
//   callplan-sidecar serve [--config FILE] [--listen HOST:PORT] [...]
#include <iostream>
#include <string>
#include <vector>

#include "server/one_shot.h"
#include "server/serve.h"
#include "server/sidecar_config.h"

namespace {

constexpr char kUsage[] =
    "usage: callplan-sidecar solve --request FILE [--format json|table]\n"
    "       callplan-sidecar plan-cycle --request FILE [--format json|table]\n"
    "       callplan-sidecar route --request FILE\n"
    "       callplan-sidecar serve [flags]   gRPC PlannerService\n"
    "FILE is a PlanDayRequest / PlanCycleRequest / RouteRequest as proto3\n"
    "JSON; - reads stdin.\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "solve") return callplan::RunSolveCommand(args);
  if (command == "plan-cycle") return callplan::RunPlanCycleCommand(args);
  if (command == "route") return callplan::RunRouteCommand(args);
  if (command == "serve") return callplan::RunServeCommand(args);
  if (command == "help" || command == "--help") {
    std::cout << kUsage << "serve flags:\n" << callplan::ServeFlagsHelp();
    return 0;
  }
  std::cerr << "unknown command \"" << command << "\"\n" << kUsage;
  return 2;
}
