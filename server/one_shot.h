// The one-shot subcommands `solve`, `plan-cycle` and `route`: read a request as JSON, run
// it through the same path as the service, print the response.
// Exit codes: 0 with a response (INFEASIBLE included), 2 for bad input
// (one line per problem on stderr), 1 for anything else.
#ifndef CALLPLAN_SERVER_ONE_SHOT_H_
#define CALLPLAN_SERVER_ONE_SHOT_H_

#include <string>
#include <vector>

namespace callplan {

int RunSolveCommand(const std::vector<std::string>& args);
int RunPlanCycleCommand(const std::vector<std::string>& args);
int RunRouteCommand(const std::vector<std::string>& args);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_ONE_SHOT_H_
