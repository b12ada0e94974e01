#include "plugins/plan_commands.h"

#include <iostream>
#include <optional>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "plugins/crm_fields.h"
#include "plugins/crm_reader.h"
#include "plugins/ics_folder.h"
#include "plugins/learn_command.h"
#include "plugins/manager_decisions.h"
#include "plugins/plan_request.h"
#include "plugins/plan_review.h"
#include "plugins/plan_review_page.h"
#include "plugins/rep_schedule.h"

namespace callplan::crm {

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
  absl::StatusOr<CrmBundle> bundle = ReadBundleToPlan(flags, std::cout);
  if (!bundle.ok()) {
    std::cerr << bundle.status().message() << "\nnothing was planned or stored\n";
    return 2;
  }
  if (bundle->has_districts) {
    std::cerr << "draft: a bundle with district_id is planned by `sync`; drafts "
                 "are one territory-day each\n";
    return 2;
  }
  std::unique_ptr<SidecarClient> client = ClientOrExplain(flags);
  if (client == nullptr) return 2;
  v1::PlanDayRequest day = BuildPlanDayRequest(*bundle, date);
  if (!flags.Get("pins").empty()) {
    if (absl::Status read = AddManagerDecisions(flags.Get("pins"), *bundle, date, day);
        !read.ok()) {
      std::cerr << read.message() << "\nnothing was planned or stored\n";
      return 2;
    }
  }
  absl::StatusOr<v1::StoredPlan> draft = client->CreateDraft(day, flags.Get("reason"));
  if (!draft.ok()) {
    std::cerr << "planning failed: " << DescribeStatus(draft.status())
              << "\nno draft was stored and no calendar was touched\n";
    return ExitCodeOf(draft.status());
  }
  std::cout << "draft " << draft->summary().plan_id() << " version "
            << draft->summary().version()
            << " stored; no calendar was touched\n"
            << PlanStatusLine(draft->response()) << "\n";
  if (int failed = PrintReview(flags, *client, *draft, &*bundle)) return failed;
  std::cout << "next: callplan-crm approve|publish --plan "
            << draft->summary().plan_id() << " --version "
            << draft->summary().version() << " ...\n";
  return 0;
}

int ReviewCommand(const Flags& flags) {
  if (int bad = Require(flags, "review", {"plan", "sidecar"})) return bad;
  absl::StatusOr<std::optional<CrmBundle>> bundle = OptionalBundle(flags);
  if (!bundle.ok()) {
    std::cerr << bundle.status().message() << "\n";
    return 2;
  }
  std::unique_ptr<SidecarClient> client = ClientOrExplain(flags);
  if (client == nullptr) return 2;
  absl::StatusOr<v1::StoredPlan> plan = client->GetPlan(flags.Get("plan"));
  if (!plan.ok()) {
    std::cerr << "review failed: " << DescribeStatus(plan.status()) << "\n";
    return ExitCodeOf(plan.status());
  }
  return PrintReview(flags, *client, *plan, *bundle ? &**bundle : nullptr);
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
  std::unique_ptr<SidecarClient> client = ClientOrExplain(flags);
  if (client == nullptr) return 2;
  absl::StatusOr<v1::StoredPlan> plan =
      client->StepPlan(step, flags.Get("plan"), *version, flags.Get("reason"));
  if (!plan.ok()) return StepFailed(command, plan.status());
  std::cout << "plan " << plan->summary().plan_id() << " is "
            << PlanStateWord(plan->summary().state()) << " (version "
            << plan->summary().version() << ")\n";
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
  std::unique_ptr<SidecarClient> client = ClientOrExplain(flags);
  if (client == nullptr) return 2;
  absl::StatusOr<v1::StoredPlan> plan = client->GetPlan(flags.Get("plan"));
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
    absl::StatusOr<v1::StoredPlan> published = client->StepPlan(
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

}  // namespace callplan::crm
