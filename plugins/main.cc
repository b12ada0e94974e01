// callplan-crm: the thin CRM plugin.
//   callplan-crm sync --crm DIR --date YYYY-MM-DD --sidecar HOST:PORT[,...]
//                     --calendar (URL-template-with-{rep_id} | DIR)
//                     [--dry-run] [--map FILE] [TLS and retry options]
//   callplan-crm sync --crm DIR --from YYYY-MM-DD --to YYYY-MM-DD ...
//                     [--report DIR]   (a call cycle, cycle_command.h)
//   callplan-crm plan --request FILE --sidecar HOST:PORT [TLS options]
//   callplan-crm draft|review|approve|reject|publish ...  a stored plan's
//                     life (server/plan_service.h): drafts change no
//                     calendar; publish writes them as sync does
//   callplan-crm learn --crm DIR --as-of YYYY-MM --out DIR   potentials
//                     learned from the CRM's history (learn_command.h);
//                     sync/draft --model DIR plan on them; report: what the
//                     calls of a period did (report_command.h)
//   callplan-crm admin list|get|set|audit ... (plugins/admin_command.h)
// Exit codes: 0 done; 1 failed (nothing or only part synced, see stderr;
// the next run repairs); 2 bad command line or bad CRM input; 3 synced,
// but some calendar events were changed by someone else and left as is.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/json_util.h"
#include "plugins/admin_command.h"
#include "plugins/command_line.h"
#include "plugins/plan_commands.h"
#include "plugins/caldav_sync.h"
#include "plugins/crm_fields.h"
#include "plugins/crm_reader.h"
#include "plugins/crm_sync.h"
#include "plugins/cycle_command.h"
#include "plugins/cycle_request.h"
#include "plugins/district_sync.h"
#include "plugins/report_command.h"
#include "plugins/learn_command.h"
#include "plugins/ics_folder.h"
#include "plugins/manager_decisions.h"
#include "plugins/plan_request.h"
#include "plugins/plan_review.h"
#include "plugins/plan_review_page.h"
#include "plugins/portfolio_report.h"
#include "plugins/rep_schedule.h"
#include "plugins/route_map_svg.h"
#include "plugins/sidecar_client.h"

namespace callplan::crm {
namespace {

constexpr char kUsage[] =
    "usage:\n"
    "  callplan-crm sync --crm DIR --date YYYY-MM-DD\n"
    "                    --sidecar (HOST:PORT[,HOST:PORT...] | dns:///NAME:PORT)\n"
    "                    --calendar (http://host/{rep_id}/visits/ | DIR)\n"
    "                    [--dry-run] [--map FILE.svg]\n"
    "  callplan-crm sync --crm DIR --from YYYY-MM-DD --to YYYY-MM-DD (a call cycle)\n"
    "                    --sidecar ... --calendar ... [--dry-run] [--report DIR]\n"
    "                    [--calendar-user NAME] (password in CALLPLAN_CALDAV_PASSWORD)\n"
    "                    [--calendar-ca FILE] [--retry-seconds N]\n"
    "                    [--parallel N] (districts planned at once; default 4)\n"
    "                    [--tls-ca FILE [--tls-cert FILE --tls-key FILE]]\n"
    "                    [--model DIR] (potentials learned by callplan-crm learn)\n"
    "  callplan-crm learn --crm DIR --as-of YYYY-MM --out DIR\n"
    "                    (learns potentials from prescriptions.csv and the calls)\n"
    "  callplan-crm report --crm DIR --from YYYY-MM-DD --to YYYY-MM-DD\n"
    "                    [--calendar DIR|URL] [--model DIR] [--report DIR]\n"
    "                    (calls planned against made, attainment by tier, potential\n"
    "                    covered, prescriptions of physicians called and not)\n"
    "  callplan-crm plan --request FILE.json --sidecar HOST:PORT [TLS options]\n"
    "  callplan-crm draft --crm DIR --date YYYY-MM-DD --sidecar ... [--reason TEXT]\n"
    "                    [--pins FILE.csv] (a manager's pins, forbids and locks)\n"
    "                    [--model DIR] (potentials learned by callplan-crm learn)\n"
    "                    (plans and stores the day for review; no calendar changes)\n"
    "  callplan-crm review --plan ID --sidecar ... [--crm DIR] [--base ID]\n"
    "                    [--html FILE] (also draft: the review as an HTML page)\n"
    "  callplan-crm approve|reject --plan ID --version N --sidecar ... [--reason TEXT]\n"
    "  callplan-crm replan --plan ID --now HH:MM --sidecar ... [--crm DIR]\n"
    "                    [--absent REP[@HH:MM],...] [--cancel PHYSICIAN,...]\n"
    "                    [--made FILE.csv] (the CRM's visits made today)\n"
    "                    [--urgent PHYSICIAN,...] (from --crm, to be seen today)\n"
    "                    [--change-penalty N] (points per changed visit; 100)\n"
    "                    (a new draft of what is left of the day; publish it as any)\n"
    "                    [--publish --calendar ...] (publish and write it at once\n"
    "                    where no team requires approval)\n"
    "  callplan-crm publish --plan ID --version N --crm DIR --calendar ... --sidecar ...\n"
    "                    (publishes the plan, then writes the reps' calendars)\n"
    "                    [--token TOKEN] (or CALLPLAN_SIDECAR_TOKEN) for token roles\n"
    "  callplan-crm admin list|get|set|audit --sidecar HOST:PORT ... "
    "(callplan-crm admin for details)\n";

// Progress on stderr: one line redrawn in place on a terminal, one line per
// update otherwise (logs).
ProgressCallback ProgressPrinter(double time_limit) {
  const bool tty = isatty(STDERR_FILENO);
  const absl::Time start = absl::Now();
  return [tty, time_limit, start](v1::PlanDayProgress progress) {
    // A sidecar that does not report its clock still shows time passing.
    if (progress.elapsed_seconds() <= 0) {
      progress.set_elapsed_seconds(absl::ToDoubleSeconds(absl::Now() - start));
    }
    const std::string bar = RenderProgressBar(progress, time_limit);
    std::fprintf(stderr, tty ? "\r%s" : "%s\n", bar.c_str());
    std::fflush(stderr);
  };
}

absl::StatusOr<v1::PlanDayResponse> Plan(const Flags& flags,
                                         const v1::PlanDayRequest& request) {
  absl::StatusOr<std::unique_ptr<SidecarClient>> client = NewClient(flags);
  if (!client.ok()) return client.status();
  absl::StatusOr<v1::PlanDayResponse> plan = (*client)->PlanDay(
      request, ProgressPrinter(request.options().time_limit_seconds()));
  if (isatty(STDERR_FILENO)) std::fprintf(stderr, "\n");
  return plan;
}

// A bundle with districts: one PlanDistricts call per district over the
// --sidecar channel, each district's calendars written as it arrives.
int SyncByDistrict(const Flags& flags, const CrmBundle& bundle,
                   const std::string& date) {
  int parallel = 4;
  if (const std::string text = flags.Get("parallel");
      !text.empty() && (!absl::SimpleAtoi(text, &parallel) || parallel < 1)) {
    std::cerr << "--parallel must be a whole number >= 1\n";
    return 2;
  }
  absl::StatusOr<std::unique_ptr<SidecarClient>> client = NewClient(flags);
  if (!client.ok()) {
    std::cerr << client.status().message() << "\nnothing was planned or written\n";
    return 2;
  }
  const DistrictSyncSummary summary = SyncDistricts(
      bundle, date, **client, parallel, CalendarTargetOf(flags), std::cout,
      std::cerr);
  std::cout << summary.districts - summary.failed.size() << " of "
            << summary.districts << " districts written\n";
  if (!summary.failed.empty()) {
    std::cerr << summary.failed.size() << " districts not written: "
              << absl::StrJoin(summary.failed, ", ")
              << "\nrun the same sync again to finish them\n";
    return 1;
  }
  return summary.conflicts ? 3 : 0;
}

// Progress of a cycle on stderr, as ProgressPrinter shows a day's.
CycleProgressCallback CycleProgressPrinter(double time_limit) {
  const bool tty = isatty(STDERR_FILENO);
  return [tty, time_limit](const v1::PlanCycleProgress& progress) {
    const std::string bar = RenderCycleProgressBar(progress, time_limit);
    std::fprintf(stderr, tty ? "\r%s" : "%s\n", bar.c_str());
    std::fflush(stderr);
  };
}

int SyncCycle(const Flags& flags) {
  if (absl::Status dates = CheckCycleDates(flags.Get("date"), flags.Get("from"),
                                            flags.Get("to"));
      !dates.ok()) {
    std::cerr << dates.message() << "\n";
    return 2;
  }
  absl::StatusOr<CrmBundle> bundle = ReadBundleToPlan(flags, std::cout);
  if (!bundle.ok()) {
    std::cerr << bundle.status().message() << "\nnothing was planned or written\n";
    return 2;
  }
  if (bundle->has_districts) {
    std::cerr << "--from/--to: a bundle with district_id is planned one day at a "
                 "time (--date); cycles by district are not supported yet\n";
    return 2;
  }
  CycleWriteOptions options{flags.Get("from"), flags.Get("to"),
                            CalendarTargetOf(flags), flags.Get("report")};
  const v1::PlanCycleRequest request =
      BuildPlanCycleRequest(*bundle, options.first_date, options.last_date);
  absl::StatusOr<std::unique_ptr<SidecarClient>> client = NewClient(flags);
  absl::StatusOr<v1::PlanCycleResponse> cycle =
      client.ok() ? (*client)->PlanCycle(
                        request, CycleProgressPrinter(CycleTimeLimitSeconds(request)))
                  : client.status();
  if (isatty(STDERR_FILENO)) std::fprintf(stderr, "\n");
  if (!cycle.ok()) {
    std::cerr << "planning failed: " << DescribeStatus(cycle.status())
              << "\nno calendar was touched\n";
    return ExitCodeOf(cycle.status());
  }
  return WriteCycle(*bundle, *cycle, options, std::cout, std::cerr);
}

int Sync(const Flags& flags) {
  if (!flags.Get("from").empty() || !flags.Get("to").empty()) {
    for (const char* required : {"crm", "sidecar", "calendar"}) {
      if (flags.Get(required).empty()) {
        std::cerr << "sync: --" << required << " is required\n" << kUsage;
        return 2;
      }
    }
    return SyncCycle(flags);
  }
  for (const char* required : {"crm", "date", "sidecar", "calendar"}) {
    if (flags.Get(required).empty()) {
      std::cerr << "sync: --" << required << " is required\n" << kUsage;
      return 2;
    }
  }
  const std::string date = flags.Get("date");
  if (absl::Status ok = ParseDate(date).status(); !ok.ok()) {
    std::cerr << "--date: " << ok.message() << "\n";
    return 2;
  }
  absl::StatusOr<CrmBundle> bundle = ReadBundleToPlan(flags, std::cout);
  if (!bundle.ok()) {
    std::cerr << bundle.status().message() << "\nnothing was planned or written\n";
    return 2;
  }
  if (bundle->has_districts) return SyncByDistrict(flags, *bundle, date);
  absl::StatusOr<v1::PlanDayResponse> plan =
      Plan(flags, BuildPlanDayRequest(*bundle, date));
  if (!plan.ok()) {
    std::cerr << "planning failed: " << DescribeStatus(plan.status())
              << "\nno calendar was touched\n";
    return ExitCodeOf(plan.status());
  }
  if (plan->stats().approval_required()) {
    std::cout << PlanStatusLine(*plan) << "\n";
    std::cerr << "a team of this day requires a manager's approval before its "
                 "plan reaches calendars: store it with `callplan-crm draft` "
                 "and have a manager approve and publish it\nno calendar was "
                 "touched\n";
    return 1;
  }
  return WriteDay(flags, *bundle, *plan, date);
}

int PlanCommand(const Flags& flags) {
  if (flags.Get("request").empty() || flags.Get("sidecar").empty()) {
    std::cerr << "plan: --request and --sidecar are required\n" << kUsage;
    return 2;
  }
  std::ifstream in(flags.Get("request"), std::ios::binary);
  if (!in) {
    std::cerr << "--request " << flags.Get("request") << ": cannot read\n";
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  v1::PlanDayRequest request;
  if (auto parsed = google::protobuf::util::JsonStringToMessage(text.str(), &request);
      !parsed.ok()) {
    std::cerr << "--request " << flags.Get("request")
              << ": not a PlanDayRequest in JSON: " << parsed.ToString() << "\n";
    return 2;
  }
  absl::StatusOr<v1::PlanDayResponse> plan = Plan(flags, request);
  if (!plan.ok()) {
    std::cerr << "planning failed: " << DescribeStatus(plan.status()) << "\n";
    return ExitCodeOf(plan.status());
  }
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(*plan, &json, options);
  std::cout << json;
  return 0;
}

}  // namespace
}  // namespace callplan::crm

int main(int argc, char** argv) {
  using namespace callplan::crm;
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    std::cerr << kUsage;
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  if (command == "admin") {
    return RunAdminCommand(std::vector<std::string>(argv + 2, argv + argc),
                           std::cout, std::cerr);
  }
  absl::StatusOr<Flags> flags = ParseFlags(argc, argv, 2);
  if (!flags.ok()) {
    std::cerr << flags.status().message() << "\n" << kUsage;
    return 2;
  }
  if (command == "sync") return Sync(*flags);
  if (command == "plan") return PlanCommand(*flags);
  if (command == "draft") return DraftCommand(*flags);
  if (command == "review") return ReviewCommand(*flags);
  if (command == "approve") return StepCommand(*flags, "approve", PlanStepKind::kApprove);
  if (command == "reject") return StepCommand(*flags, "reject", PlanStepKind::kReject);
  if (command == "publish") return PublishCommand(*flags);
  if (command == "replan") return ReplanCommand(*flags);
  if (command == "learn") return LearnCommand(*flags);
  if (command == "report") return ReportCommand(*flags);
  std::cerr << "unknown command \"" << command << "\"\n" << kUsage;
  return 2;
}
