// What every callplan-crm subcommand shares (internal to the plugin's
// command line): its flags, the sidecar client they configure, how a
// failure is described and what exit code it gives, and writing a planned
// day into the reps' calendars. Exit codes: 0 done; 1 failed; 2 bad
// command line or bad CRM input; 3 written, but some calendar events were
// changed by someone else and left as is.
#ifndef CALLPLAN_PLUGINS_COMMAND_LINE_H_
#define CALLPLAN_PLUGINS_COMMAND_LINE_H_

#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "callplan/v1/schedule.pb.h"
#include "plugins/crm_bundle.h"
#include "plugins/crm_sync.h"
#include "plugins/sidecar_client.h"

namespace callplan::crm {

struct Flags {
  std::map<std::string, std::string> values;
  bool dry_run = false;
  bool publish = false;  // replan --publish

  std::string Get(const std::string& name) const {
    const auto it = values.find(name);
    return it == values.end() ? "" : it->second;
  }
};

// --name value or --name=value for the known names, and --dry-run;
// anything else is an error naming it.
absl::StatusOr<Flags> ParseFlags(int argc, char** argv, int first);

// NewClient's client, or null after saying why on stderr (the caller
// exits 2).
std::unique_ptr<SidecarClient> ClientOrExplain(const Flags& flags);

// --retry-seconds (default 30).
absl::StatusOr<double> RetrySeconds(const Flags& flags);

// The sidecar client of --sidecar, the TLS flags, --retry-seconds and
// --token (or CALLPLAN_SIDECAR_TOKEN).
absl::StatusOr<std::unique_ptr<SidecarClient>> NewClient(const Flags& flags);

// The code's name always, and the message when there is one.
std::string DescribeStatus(const absl::Status& status);

// 2 for a request the sidecar refused as bad input, else 1.
int ExitCodeOf(const absl::Status& status);

// "plan: OPTIMAL, potential 512, 3 physicians not visited" (and ", potentials
// of model pm-..." when a learned model scored them) and the reasons of an
// infeasible day.
std::string PlanStatusLine(const v1::PlanDayResponse& plan);

CalendarTarget CalendarTargetOf(const Flags& flags);

// 0, or 2 after naming the first of `names` the command needs but lacks.
int Require(const Flags& flags, const char* command,
            std::initializer_list<const char*> names);

// The bundle of --crm when given (std::nullopt without); the error names
// the file, line and column.
absl::StatusOr<std::optional<CrmBundle>> OptionalBundle(const Flags& flags);

// Writes a planned day into the reps' calendars and prints what the reps
// will see: sync's second half, and publish's. The exit code.
int WriteDay(const Flags& flags, const CrmBundle& bundle,
             const v1::PlanDayResponse& plan, const std::string& date);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_COMMAND_LINE_H_
