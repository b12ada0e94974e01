#include "plugins/command_line.h"

#include <cstdlib>
#include <iostream>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "plugins/caldav_sync.h"
#include "plugins/crm_reader.h"
#include "plugins/ics_folder.h"
#include "plugins/portfolio_report.h"
#include "plugins/rep_schedule.h"
#include "plugins/route_map_svg.h"

namespace callplan::crm {

absl::StatusOr<Flags> ParseFlags(int argc, char** argv, int first) {
  static const char* kKnown[] = {"crm", "date", "sidecar", "calendar", "map",
                                 "request", "tls-ca", "tls-cert", "tls-key",
                                 "calendar-user", "calendar-ca", "retry-seconds",
                                 "parallel", "from", "to", "report", "plan",
                                 "version", "reason", "base", "token", "pins",
                                 "now", "absent", "cancel", "html", "made",
                                 "urgent", "change-penalty", "model", "as-of",
                                 "out"};
  Flags flags;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--dry-run" || arg == "--publish") {
      (arg == "--dry-run" ? flags.dry_run : flags.publish) = true;
      continue;
    }
    if (!absl::StartsWith(arg, "--")) {
      return absl::InvalidArgumentError(absl::StrCat("unexpected \"", arg, "\""));
    }
    std::string name = arg.substr(2), value;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return absl::InvalidArgumentError(absl::StrCat(arg, " needs a value"));
    }
    bool known = false;
    for (const char* k : kKnown) known = known || name == k;
    if (!known) return absl::InvalidArgumentError(absl::StrCat("unknown option ", arg));
    flags.values[name] = value;
  }
  return flags;
}

std::unique_ptr<SidecarClient> ClientOrExplain(const Flags& flags) {
  absl::StatusOr<std::unique_ptr<SidecarClient>> client = NewClient(flags);
  if (client.ok()) return *std::move(client);
  std::cerr << client.status().message() << "\n";
  return nullptr;
}

absl::StatusOr<double> RetrySeconds(const Flags& flags) {
  const std::string text = flags.Get("retry-seconds");
  double seconds = 30;
  if (!text.empty() && (!absl::SimpleAtod(text, &seconds) || seconds < 0)) {
    return absl::InvalidArgumentError("--retry-seconds must be a number >= 0");
  }
  return seconds;
}

absl::StatusOr<std::unique_ptr<SidecarClient>> NewClient(const Flags& flags) {
  SidecarOptions options;
  options.address = flags.Get("sidecar");
  options.tls_ca = flags.Get("tls-ca");
  options.tls_cert = flags.Get("tls-cert");
  options.tls_key = flags.Get("tls-key");
  absl::StatusOr<double> retry = RetrySeconds(flags);
  if (!retry.ok()) return retry.status();
  options.retry_for = absl::Seconds(*retry);
  options.token = flags.Get("token");
  if (options.token.empty()) {
    if (const char* env = std::getenv("CALLPLAN_SIDECAR_TOKEN")) options.token = env;
  }
  return SidecarClient::Create(options);
}

// The code's name always, and the message when there is one: a status
// with an empty message used to print "planning failed: " and nothing else.
std::string DescribeStatus(const absl::Status& status) {
  const std::string code = absl::StatusCodeToString(status.code());
  return status.message().empty() ? code
                                  : absl::StrCat(code, ": ", status.message());
}

// The sidecar refusing the request as bad input is bad input here too
// (exit 2, e.g. a bundle of 20,000 physicians over the sidecar's limit).
int ExitCodeOf(const absl::Status& status) {
  return status.code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
}

std::string PlanStatusLine(const v1::PlanDayResponse& plan) {
  const v1::PlanStats& s = plan.stats();
  std::string line = absl::StrCat("plan: ", v1::Status_Name(s.status()),
                                  ", potential ", s.objective(), ", ",
                                  plan.unassigned_size(), " physicians not visited");
  if (!s.potential_model_id().empty()) {
    absl::StrAppend(&line, ", potentials of model ", s.potential_model_id());
  }
  for (const std::string& reason : s.infeasibility().reasons()) {
    absl::StrAppend(&line, "\n  ", reason);
  }
  return line;
}

CalendarTarget CalendarTargetOf(const Flags& flags) {
  const CalendarLocation calendar = SplitCalendarCredentials(flags.Get("calendar"));
  CalendarTarget target;
  target.calendar = calendar.url;
  target.dry_run = flags.dry_run;
  target.caldav.username = flags.Get("calendar-user").empty()
                               ? calendar.username
                               : flags.Get("calendar-user");
  target.caldav.password = calendar.password;
  if (const char* password = std::getenv("CALLPLAN_CALDAV_PASSWORD")) {
    target.caldav.password = password;
  }
  target.caldav.ca_file = flags.Get("calendar-ca");
  target.caldav.retry_for = absl::Seconds(*RetrySeconds(flags));
  return target;
}

int Require(const Flags& flags, const char* command,
            std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (flags.Get(name).empty()) {
      std::cerr << command << ": --" << name << " is required (callplan-crm --help lists every option)\n";
      return 2;
    }
  }
  return 0;
}

absl::StatusOr<std::optional<CrmBundle>> OptionalBundle(const Flags& flags) {
  if (flags.Get("crm").empty()) return std::optional<CrmBundle>();
  absl::StatusOr<CrmBundle> read = ReadCrmBundle(flags.Get("crm"));
  if (!read.ok()) return read.status();
  return std::optional<CrmBundle>(*std::move(read));
}

int WriteDay(const Flags& flags, const CrmBundle& bundle,
             const v1::PlanDayResponse& plan, const std::string& date) {
  std::cout << PlanStatusLine(plan) << "\n";
  if (plan.stats().status() == v1::INFEASIBLE) return 1;
  // A plan that does not fit the bundle or has no times is refused before
  // any calendar is opened.
  if (absl::Status fits = RepSchedulesFromPlan(plan, bundle, date).status();
      !fits.ok()) {
    std::cerr << "the plan cannot be written: " << fits.message()
              << "\nno calendar was touched\n";
    return 1;
  }
  const CalendarTarget target = CalendarTargetOf(flags);
  absl::StatusOr<std::vector<RepSyncResult>> results =
      SyncCalendars(bundle, plan, date, target);
  if (!results.ok()) {
    std::cerr << "calendar sync failed: " << results.status().message()
              << "\nrun the same sync again to finish it\n";
    return 1;
  }
  // With learned potentials every visit says why the model values it.
  std::cout << DayListing(*results, bundle.settings.time_zone,
                          !plan.stats().potential_model_id().empty())
            << "\n";
  if (flags.dry_run) std::cout << ChangeListing(*results) << "\n";
  std::cout << SummaryTable(*results, flags.dry_run) << "\n";
  if (const std::string teams = TeamStatsTable(bundle, plan); !teams.empty()) {
    std::cout << teams << "\n" << ConflictReport(bundle, plan) << "\n";
  }
  std::cout << UnassignedListing(bundle, plan);
  std::string map = flags.Get("map");
  if (map.empty() && !IsCalendarUrl(target.calendar)) {
    map = absl::StrCat(target.calendar, "/route-map_", date, ".svg");
  }
  if (!map.empty() && !flags.dry_run) {
    std::vector<RepSchedule> schedules;
    for (const RepSyncResult& r : *results) schedules.push_back(r.schedule);
    absl::StatusOr<bool> written =
        WriteFileIfChanged(map, RouteMapSvg(bundle, schedules, date));
    if (!written.ok()) {
      std::cerr << written.status().message() << "\n";
      return 1;
    }
    std::cout << "route map: " << map << "\n";
  }
  for (const RepSyncResult& r : *results) {
    if (r.tally.conflicts > 0) return 3;
  }
  return 0;
}

}  // namespace callplan::crm
