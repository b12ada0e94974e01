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
#include "plugins/caldav_sync.h"
#include "plugins/crm_fields.h"
#include "plugins/crm_reader.h"
#include "plugins/crm_sync.h"
#include "plugins/cycle_command.h"
#include "plugins/cycle_request.h"
#include "plugins/district_sync.h"
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
    "  callplan-crm plan --request FILE.json --sidecar HOST:PORT [TLS options]\n"
    "  callplan-crm draft --crm DIR --date YYYY-MM-DD --sidecar ... [--reason TEXT]\n"
    "                    [--pins FILE.csv] (a manager's pins, forbids and locks)\n"
    "                    (plans and stores the day for review; no calendar changes)\n"
    "  callplan-crm review --plan ID --sidecar ... [--crm DIR] [--base ID]\n"
    "                    [--html FILE] (also draft: the review as an HTML page)\n"
    "  callplan-crm approve|reject --plan ID --version N --sidecar ... [--reason TEXT]\n"
    "  callplan-crm replan --plan ID --now HH:MM --sidecar ... [--crm DIR]\n"
    "                    [--absent REP[@HH:MM],...] [--cancel PHYSICIAN,...]\n"
    "                    (a new draft of what is left of the day; publish it as any)\n"
    "  callplan-crm publish --plan ID --version N --crm DIR --calendar ... --sidecar ...\n"
    "                    (publishes the plan, then writes the reps' calendars)\n"
    "                    [--token TOKEN] (or CALLPLAN_SIDECAR_TOKEN) for token roles\n"
    "  callplan-crm admin list|get|set|audit --sidecar HOST:PORT ... "
    "(callplan-crm admin for details)\n";

struct Flags {
  std::map<std::string, std::string> values;
  bool dry_run = false;

  std::string Get(const std::string& name) const {
    const auto it = values.find(name);
    return it == values.end() ? "" : it->second;
  }
};

absl::StatusOr<Flags> ParseFlags(int argc, char** argv, int first) {
  static const char* kKnown[] = {"crm", "date", "sidecar", "calendar", "map",
                                 "request", "tls-ca", "tls-cert", "tls-key",
                                 "calendar-user", "calendar-ca", "retry-seconds",
                                 "parallel", "from", "to", "report", "plan",
                                 "version", "reason", "base", "token", "pins",
                                 "now", "absent", "cancel", "html"};
  Flags flags;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--dry-run") {
      flags.dry_run = true;
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

absl::StatusOr<double> RetrySeconds(const Flags& flags) {
  const std::string text = flags.Get("retry-seconds");
  double seconds = 30;
  if (!text.empty() && (!absl::SimpleAtod(text, &seconds) || seconds < 0)) {
    return absl::InvalidArgumentError("--retry-seconds must be a number >= 0");
  }
  return seconds;
}

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

absl::StatusOr<v1::PlanDayResponse> Plan(const Flags& flags,
                                         const v1::PlanDayRequest& request) {
  absl::StatusOr<std::unique_ptr<SidecarClient>> client = NewClient(flags);
  if (!client.ok()) return client.status();
  absl::StatusOr<v1::PlanDayResponse> plan = (*client)->PlanDay(
      request, ProgressPrinter(request.options().time_limit_seconds()));
  if (isatty(STDERR_FILENO)) std::fprintf(stderr, "\n");
  return plan;
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
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(flags.Get("crm"));
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

// Writes a planned day into the reps' calendars and prints what the reps
// will see: sync's second half, and publish's.
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
  std::cout << DayListing(*results, bundle.settings.time_zone) << "\n";
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
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(flags.Get("crm"));
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


int Require(const Flags& flags, const char* command,
            std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (flags.Get(name).empty()) {
      std::cerr << command << ": --" << name << " is required\n" << kUsage;
      return 2;
    }
  }
  return 0;
}

// The review of `plan` against the published plan of its day (or --base).
int PrintReview(const Flags& flags, SidecarClient& client,
                const v1::StoredPlan& plan, const CrmBundle* bundle) {
  absl::StatusOr<v1::PlanDiff> diff =
      client.DiffPlans(flags.Get("base"), plan.summary().plan_id());
  if (!diff.ok()) {
    std::cerr << "review failed: " << DescribeStatus(diff.status()) << "\n";
    return ExitCodeOf(diff.status());
  }
  std::cout << PlanReviewText(plan, *diff, bundle);
  if (const std::string html = flags.Get("html"); !html.empty()) {
    if (absl::Status written =
            WriteFileAtomically(html, PlanReviewPage(plan, *diff, bundle));
        !written.ok()) {
      std::cerr << "--html: " << written.message() << "\n";
      return 1;
    }
    std::cout << "review page: " << html << " (open it in a browser)\n";
  }
  return 0;
}

// Plans the day and stores it as a draft: no calendar changes until a
// publish.
int DraftCommand(const Flags& flags) {
  if (int bad = Require(flags, "draft", {"crm", "date", "sidecar"})) return bad;
  const std::string date = flags.Get("date");
  if (absl::Status ok = ParseDate(date).status(); !ok.ok()) {
    std::cerr << "--date: " << ok.message() << "\n";
    return 2;
  }
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(flags.Get("crm"));
  if (!bundle.ok()) {
    std::cerr << bundle.status().message() << "\nnothing was planned or stored\n";
    return 2;
  }
  if (bundle->has_districts) {
    std::cerr << "draft: a bundle with district_id is planned by `sync`; drafts "
                 "are one territory-day each\n";
    return 2;
  }
  absl::StatusOr<std::unique_ptr<SidecarClient>> client = NewClient(flags);
  if (!client.ok()) {
    std::cerr << client.status().message() << "\n";
    return 2;
  }
  v1::PlanDayRequest day = BuildPlanDayRequest(*bundle, date);
  if (!flags.Get("pins").empty()) {
    if (absl::Status read = AddManagerDecisions(flags.Get("pins"), *bundle, date, day);
        !read.ok()) {
      std::cerr << read.message() << "\nnothing was planned or stored\n";
      return 2;
    }
  }
  absl::StatusOr<v1::StoredPlan> draft = (*client)->CreateDraft(day, flags.Get("reason"));
  if (!draft.ok()) {
    std::cerr << "planning failed: " << DescribeStatus(draft.status())
              << "\nno draft was stored and no calendar was touched\n";
    return ExitCodeOf(draft.status());
  }
  std::cout << "draft " << draft->summary().plan_id() << " version "
            << draft->summary().version()
            << " stored; no calendar was touched\n"
            << PlanStatusLine(draft->response()) << "\n";
  if (int failed = PrintReview(flags, **client, *draft, &*bundle)) return failed;
  std::cout << "next: callplan-crm approve|publish --plan "
            << draft->summary().plan_id() << " --version "
            << draft->summary().version() << " ...\n";
  return 0;
}

int ReviewCommand(const Flags& flags) {
  if (int bad = Require(flags, "review", {"plan", "sidecar"})) return bad;
  std::optional<CrmBundle> bundle;
  if (!flags.Get("crm").empty()) {
    absl::StatusOr<CrmBundle> read = ReadCrmBundle(flags.Get("crm"));
    if (!read.ok()) {
      std::cerr << read.status().message() << "\n";
      return 2;
    }
    bundle = *std::move(read);
  }
  absl::StatusOr<std::unique_ptr<SidecarClient>> client = NewClient(flags);
  if (!client.ok()) {
    std::cerr << client.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<v1::StoredPlan> plan = (*client)->GetPlan(flags.Get("plan"));
  if (!plan.ok()) {
    std::cerr << "review failed: " << DescribeStatus(plan.status()) << "\n";
    return ExitCodeOf(plan.status());
  }
  return PrintReview(flags, **client, *plan, bundle ? &*bundle : nullptr);
}

absl::StatusOr<int64_t> VersionFlag(const Flags& flags) {
  int64_t version = 0;
  if (!absl::SimpleAtoi(flags.Get("version"), &version) || version < 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--version: the version of the plan you reviewed (1 or more), got \"",
        flags.Get("version"), "\""));
  }
  return version;
}

int StepFailed(const char* command, const absl::Status& status) {
  std::cerr << command << " failed: " << DescribeStatus(status) << "\n";
  if (status.code() == absl::StatusCode::kAborted) {
    std::cerr << "someone took a step on the plan meanwhile: run `callplan-crm "
                 "review` and retry with its version\n";
  }
  return ExitCodeOf(status);
}

int StepCommand(const Flags& flags, const char* command, PlanStepKind step) {
  if (int bad = Require(flags, command, {"plan", "version", "sidecar"})) return bad;
  absl::StatusOr<int64_t> version = VersionFlag(flags);
  if (!version.ok()) {
    std::cerr << version.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<std::unique_ptr<SidecarClient>> client = NewClient(flags);
  if (!client.ok()) {
    std::cerr << client.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<v1::StoredPlan> plan =
      (*client)->StepPlan(step, flags.Get("plan"), *version, flags.Get("reason"));
  if (!plan.ok()) return StepFailed(command, plan.status());
  std::cout << "plan " << plan->summary().plan_id() << " is "
            << PlanStateWord(plan->summary().state()) << " (version "
            << plan->summary().version() << ")\n";
  return 0;
}

// `--absent R03@11:00,R05` and `--cancel P07,P12` as the re-plan's events.
absl::StatusOr<v1::ReplanRequest> ReplanRequestOf(const Flags& flags) {
  v1::ReplanRequest request;
  request.set_plan_id(flags.Get("plan"));
  request.set_reason(flags.Get("reason"));
  const std::optional<int64_t> now = ParseClockTime(flags.Get("now"));
  if (!now) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--now: the time of the re-plan as HH:MM, got \"", flags.Get("now"), "\""));
  }
  request.set_now_seconds(*now);
  for (absl::string_view entry :
       absl::StrSplit(flags.Get("absent"), ',', absl::SkipWhitespace())) {
    const std::vector<std::string> parts = absl::StrSplit(entry, '@');
    v1::RepAbsent* absent = request.add_events()->mutable_rep_absent();
    absent->set_rep_id(std::string(absl::StripAsciiWhitespace(parts[0])));
    if (parts.size() > 1) {
      const std::optional<int64_t> from = ParseClockTime(parts[1]);
      if (!from || parts.size() > 2) {
        return absl::InvalidArgumentError(absl::StrCat(
            "--absent: REP or REP@HH:MM, got \"", entry, "\""));
      }
      absent->set_from_seconds(*from);
    }
  }
  for (absl::string_view id :
       absl::StrSplit(flags.Get("cancel"), ',', absl::SkipWhitespace())) {
    request.add_events()->mutable_physician_cancelled()->set_physician_id(
        std::string(absl::StripAsciiWhitespace(id)));
  }
  return request;
}

int ReplanCommand(const Flags& flags) {
  if (int bad = Require(flags, "replan", {"plan", "now", "sidecar"})) return bad;
  absl::StatusOr<v1::ReplanRequest> request = ReplanRequestOf(flags);
  if (!request.ok()) {
    std::cerr << request.status().message() << "\n";
    return 2;
  }
  std::optional<CrmBundle> bundle;
  if (!flags.Get("crm").empty()) {
    absl::StatusOr<CrmBundle> read = ReadCrmBundle(flags.Get("crm"));
    if (!read.ok()) {
      std::cerr << read.status().message() << "\n";
      return 2;
    }
    bundle = *std::move(read);
  }
  absl::StatusOr<std::unique_ptr<SidecarClient>> client = NewClient(flags);
  if (!client.ok()) {
    std::cerr << client.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<v1::ReplanResponse> replanned = (*client)->Replan(*request);
  if (!replanned.ok()) {
    std::cerr << "re-planning failed: " << DescribeStatus(replanned.status())
              << "\nno draft was stored and no calendar was touched\n";
    return ExitCodeOf(replanned.status());
  }
  const v1::PlanSummary& summary = replanned->plan().summary();
  std::cout << "draft " << summary.plan_id() << " version " << summary.version()
            << " stored (re-plan of " << request->plan_id() << "; "
            << (replanned->other_visits_kept()
                    ? "every other visit kept with its rep"
                    : "keeping every other visit was impossible: the rest of the "
                      "day was planned afresh")
            << "); no calendar was touched\n"
            << PlanReviewText(replanned->plan(), replanned->diff(),
                              bundle ? &*bundle : nullptr);
  return 0;
}

// Publishes, then writes the calendars. The plan is checked against the
// bundle first, so a plan that cannot be written is not published; a plan
// already published at --version is written again (a publish whose
// calendars failed half way is finished by running it again).
int PublishCommand(const Flags& flags) {
  if (int bad = Require(flags, "publish",
                        {"plan", "version", "sidecar", "crm", "calendar"})) {
    return bad;
  }
  absl::StatusOr<int64_t> version = VersionFlag(flags);
  if (!version.ok()) {
    std::cerr << version.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(flags.Get("crm"));
  if (!bundle.ok()) {
    std::cerr << bundle.status().message() << "\nnothing was published\n";
    return 2;
  }
  absl::StatusOr<std::unique_ptr<SidecarClient>> client = NewClient(flags);
  if (!client.ok()) {
    std::cerr << client.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<v1::StoredPlan> plan = (*client)->GetPlan(flags.Get("plan"));
  if (!plan.ok()) return StepFailed("publish", plan.status());
  const v1::PlanSummary& summary = plan->summary();
  if (summary.territory_id() != bundle->settings.territory_id) {
    std::cerr << "publish: plan " << summary.plan_id() << " is for territory "
              << summary.territory_id() << ", the bundle is "
              << bundle->settings.territory_id << "\nnothing was published\n";
    return 2;
  }
  if (absl::Status fits =
          RepSchedulesFromPlan(plan->response(), *bundle, summary.date()).status();
      !fits.ok()) {
    std::cerr << "the plan cannot be written: " << fits.message()
              << "\nnothing was published\n";
    return 1;
  }
  const bool already = summary.state() == v1::PUBLISHED && summary.version() == *version;
  if (already) {
    std::cout << "plan " << summary.plan_id()
              << " is already published; writing its calendars\n";
  } else {
    absl::StatusOr<v1::StoredPlan> published = (*client)->StepPlan(
        PlanStepKind::kPublish, summary.plan_id(), *version, flags.Get("reason"));
    if (!published.ok()) {
      const int code = StepFailed("publish", published.status());
      std::cerr << "no calendar was touched\n";
      return code;
    }
    std::cout << "plan " << summary.plan_id() << " is PUBLISHED (version "
              << published->summary().version() << ")\n";
  }
  return WriteDay(flags, *bundle, plan->response(), summary.date());
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
  std::cerr << "unknown command \"" << command << "\"\n" << kUsage;
  return 2;
}
