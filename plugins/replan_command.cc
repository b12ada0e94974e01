// callplan-crm replan: what is left of a stored plan's day after the
// events of the command line, as a new draft (PlanService.Replan), or
// published at once and written to the calendars with --publish where no
// team requires approval.
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "plugins/crm_fields.h"
#include "plugins/plan_commands.h"
#include "plugins/plan_request.h"
#include "plugins/plan_review.h"
#include "plugins/visits_made.h"

namespace callplan::crm {
namespace {

std::vector<std::string> IdList(const std::string& text) {
  std::vector<std::string> ids;
  for (absl::string_view id : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    ids.emplace_back(absl::StripAsciiWhitespace(id));
  }
  return ids;
}

// `--absent R03@11:00,R05`, `--cancel P07,P12` and `--change-penalty N`.
absl::StatusOr<v1::ReplanRequest> ReplanRequestOf(const Flags& flags) {
  v1::ReplanRequest request;
  request.set_plan_id(flags.Get("plan"));
  request.set_reason(flags.Get("reason"));
  request.set_publish_if_allowed(flags.publish);
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
  for (const std::string& id : IdList(flags.Get("cancel"))) {
    request.add_events()->mutable_physician_cancelled()->set_physician_id(id);
  }
  if (const std::string text = flags.Get("change-penalty"); !text.empty()) {
    double penalty = 0;
    if (!absl::SimpleAtod(text, &penalty) || penalty < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--change-penalty: potential points per changed visit (0 or more), got \"",
          text, "\""));
    }
    request.set_change_penalty(penalty);
  }
  return request;
}

// The events that need the plan's day and the bundle: `--made FILE` (the
// CRM's actuals) and `--urgent P,...` (physicians of the bundle the plan
// does not have, who must be seen today).
absl::Status AddDayEvents(const Flags& flags, const CrmBundle* bundle,
                          const std::string& date, v1::ReplanRequest& request) {
  if (!flags.Get("made").empty()) {
    absl::StatusOr<v1::VisitsMade> made = ReadVisitsMade(flags.Get("made"), bundle, date);
    if (!made.ok()) return made.status();
    *request.add_events()->mutable_visits_made() = *std::move(made);
  }
  const std::vector<std::string> urgent = IdList(flags.Get("urgent"));
  if (urgent.empty()) return absl::OkStatus();
  if (bundle == nullptr) {
    return absl::InvalidArgumentError("--urgent: needs --crm, whose physicians.csv "
                                      "describes the physicians to add");
  }
  const v1::PlanDayRequest day = BuildPlanDayRequest(*bundle, date);
  for (const std::string& id : urgent) {
    const v1::Physician* found = nullptr;
    for (const v1::Physician& p : day.physicians()) {
      if (p.id() == id) found = &p;
    }
    if (found == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("--urgent: no physician \"", id, "\" in physicians.csv"));
    }
    *request.add_events()->mutable_new_physician()->mutable_physician() = *found;
  }
  return absl::OkStatus();
}

std::string KeptLine(const v1::ReplanResponse& replanned) {
  if (replanned.other_visits_kept()) return "every other visit kept with its rep";
  return absl::StrCat(replanned.visits_changed(),
                      " other visits changed rep or were dropped, because the "
                      "day needed it or it earned more than the change penalty");
}

}  // namespace

int ReplanCommand(const Flags& flags) {
  if (int bad = Require(flags, "replan", {"plan", "now", "sidecar"})) return bad;
  if (flags.publish) {
    if (int bad = Require(flags, "replan --publish", {"crm", "calendar"})) return bad;
  }
  absl::StatusOr<v1::ReplanRequest> request = ReplanRequestOf(flags);
  absl::StatusOr<std::optional<CrmBundle>> bundle = OptionalBundle(flags);
  if (!request.ok() || !bundle.ok()) {
    std::cerr << (request.ok() ? bundle.status() : request.status()).message()
              << "\nnothing was re-planned\n";
    return 2;
  }
  const CrmBundle* crm = *bundle ? &**bundle : nullptr;
  std::unique_ptr<SidecarClient> client = ClientOrExplain(flags);
  if (client == nullptr) return 2;
  if (flags.publish || !flags.Get("made").empty() || !flags.Get("urgent").empty()) {
    absl::StatusOr<v1::StoredPlan> plan = client->GetPlan(flags.Get("plan"));
    if (!plan.ok()) return StepFailed("replan", plan.status());
    if (crm != nullptr && plan->summary().territory_id() != crm->settings.territory_id) {
      std::cerr << "replan: plan " << plan->summary().plan_id() << " is for territory "
                << plan->summary().territory_id() << ", the bundle is "
                << crm->settings.territory_id << "\nnothing was re-planned\n";
      return 2;
    }
    if (absl::Status added = AddDayEvents(flags, crm, plan->summary().date(), *request);
        !added.ok()) {
      std::cerr << added.message() << "\nnothing was re-planned\n";
      return 2;
    }
  }
  absl::StatusOr<v1::ReplanResponse> replanned = client->Replan(*request);
  if (!replanned.ok()) {
    std::cerr << "re-planning failed: " << DescribeStatus(replanned.status())
              << "\nno draft was stored and no calendar was touched\n";
    return ExitCodeOf(replanned.status());
  }
  const v1::PlanSummary& summary = replanned->plan().summary();
  std::cout << (replanned->published() ? "plan " : "draft ") << summary.plan_id()
            << " version " << summary.version()
            << (replanned->published() ? " published" : " stored") << " (re-plan of "
            << request->plan_id() << "; " << KeptLine(*replanned) << ")\n"
            << PlanStatusLine(replanned->plan().response()) << "\n";
  if (!replanned->not_published_because().empty()) {
    std::cout << "not published: " << replanned->not_published_because() << "\n";
  }
  std::cout << PlanReviewText(replanned->plan(), replanned->diff(), crm);
  if (!replanned->published()) {
    std::cout << "no calendar was touched\n";
    return 0;
  }
  return WriteDay(flags, *crm, replanned->plan().response(), summary.date());
}

}  // namespace callplan::crm
