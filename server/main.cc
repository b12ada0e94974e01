// callplan-sidecar: plans pharmaceutical sales reps' days.
//   callplan-sidecar solve --request FILE [--format json|table]
//   callplan-sidecar route --request FILE
#include <iostream>
#include <string>
#include <vector>

#include "server/one_shot.h"

namespace {

constexpr char kUsage[] =
    "usage: callplan-sidecar solve --request FILE [--format json|table]\n"
    "       callplan-sidecar route --request FILE\n"
    "FILE is a PlanDayRequest / RouteRequest as proto3 JSON; - reads stdin.\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "solve") return callplan::RunSolveCommand(args);
  if (command == "route") return callplan::RunRouteCommand(args);
  if (command == "help" || command == "--help") {
    std::cout << kUsage;
    return 0;
  }
  std::cerr << "unknown command \"" << command << "\"\n" << kUsage;
  return 2;
}
