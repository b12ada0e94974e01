#include "server/one_shot.h"

#include <iostream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "server/cycle_planning.h"
#include "server/cycle_table.h"
#include "server/json_io.h"
#include "server/plan_table.h"
#include "server/planning.h"

namespace callplan {
namespace {

constexpr int kBadInput = 2;
constexpr int kFailure = 1;

struct OneShotArgs {
  std::string request_path;
  std::string format = "json";
};

absl::StatusOr<OneShotArgs> ParseArgs(const std::vector<std::string>& args) {
  OneShotArgs parsed;
  for (size_t k = 0; k < args.size(); ++k) {
    const std::string& arg = args[k];
    const bool has_value = k + 1 < args.size();
    if (arg == "--request" && has_value) {
      parsed.request_path = args[++k];
    } else if (arg == "--format" && has_value) {
      parsed.format = args[++k];
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unexpected argument \"", arg, "\""));
    }
  }
  if (parsed.request_path.empty()) {
    return absl::InvalidArgumentError("--request FILE is required (- for stdin)");
  }
  if (parsed.format != "json" && parsed.format != "table") {
    return absl::InvalidArgumentError(absl::StrCat(
        "--format: expected json or table, got \"", parsed.format, "\""));
  }
  return parsed;
}

int Report(const absl::Status& status) {
  std::cerr << "error: " << status.message() << "\n";
  return status.code() == absl::StatusCode::kInvalidArgument ||
                 status.code() == absl::StatusCode::kNotFound
             ? kBadInput
             : kFailure;
}

template <typename Request>
absl::StatusOr<Request> ReadRequest(const OneShotArgs& args) {
  absl::StatusOr<std::string> text = ReadFileOrStdin(args.request_path);
  if (!text.ok()) return text.status();
  Request request;
  absl::Status parsed = ParseJson(*text, &request);
  if (!parsed.ok()) return parsed;
  return request;
}

// Read the request, plan it, print the answer as JSON or as `table` prints it.
template <typename Request, typename PlanFn, typename TableFn>
int RunPlanning(const std::vector<std::string>& args, PlanFn plan, TableFn table) {
  absl::StatusOr<OneShotArgs> parsed = ParseArgs(args);
  if (!parsed.ok()) return Report(parsed.status());
  absl::StatusOr<Request> request = ReadRequest<Request>(*parsed);
  if (!request.ok()) return Report(request.status());
  auto response = plan(*request);
  if (!response.ok()) return Report(response.status());
  std::cout << (parsed->format == "table" ? table(*request, *response)
                                          : ToJson(*response) + "\n");
  return 0;
}

}  // namespace

int RunSolveCommand(const std::vector<std::string>& args) {
  return RunPlanning<v1::PlanDayRequest>(
      args,
      [](const v1::PlanDayRequest& request) {
        return PlanDayFromRequest(request, ProblemLimits{});
      },
      PlanAsTable);
}

int RunPlanCycleCommand(const std::vector<std::string>& args) {
  return RunPlanning<v1::PlanCycleRequest>(
      args,
      [](const v1::PlanCycleRequest& request) {
        return PlanCycleFromRequest(request, ProblemLimits{});
      },
      CycleAsTable);
}

int RunRouteCommand(const std::vector<std::string>& args) {
  absl::StatusOr<OneShotArgs> parsed = ParseArgs(args);
  if (!parsed.ok()) return Report(parsed.status());
  absl::StatusOr<v1::RouteRequest> request =
      ReadRequest<v1::RouteRequest>(*parsed);
  if (!request.ok()) return Report(request.status());
  absl::StatusOr<v1::RouteResponse> response =
      RouteFromRequest(*request, ProblemLimits{});
  if (!response.ok()) return Report(response.status());
  std::cout << ToJson(*response) << "\n";
  return 0;
}

}  // namespace callplan
