#include "plugins/caldav_sync.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"

namespace callplan::crm {
namespace {

bool IsSuccess(long status) { return status >= 200 && status < 300; }

// A create answered 412 after a retry may be our own first attempt that
// reached the server before the connection broke: that is not a conflict.
absl::StatusOr<bool> IsOurs(CalDavClient& client, const std::string& url,
                            const std::string& fingerprint) {
  absl::StatusOr<HttpResponse> found = client.Get(url);
  if (!found.ok()) {
    return absl::IsNotFound(found.status()) ? false
                                            : absl::StatusOr<bool>(found.status());
  }
  absl::StatusOr<std::vector<FoundEvent>> events = ParseEvents(found->body);
  return events.ok() && events->size() == 1 &&
         !events->front().EditedInCalendar() &&
         events->front().stored_fingerprint == fingerprint;
}

// Carries out one change; a 412 turns it into a reported conflict.
absl::Status Apply(CalDavClient& client, const std::string& collection,
                   const std::string& fingerprint, EventChange* change) {
  const std::vector<std::string> ics = {"Content-Type: text/calendar; charset=utf-8"};
  absl::StatusOr<HttpResponse> answer;
  switch (change->kind) {
    case ChangeKind::kCreate: {
      const std::string url =
          absl::StrCat(collection, EscapePathSegment(change->uid), ".ics");
      std::vector<std::string> headers = ics;
      headers.push_back("If-None-Match: *");
      answer = client.Send("PUT", url, headers, change->ics);
      if (answer.ok() && answer->status == 412 && answer->attempts > 1) {
        absl::StatusOr<bool> ours = IsOurs(client, url, fingerprint);
        if (!ours.ok()) return ours.status();
        if (*ours) answer->status = 201;
      }
      if (answer.ok() && answer->status == 412) {
        change->kind = ChangeKind::kConflict;
        change->why = "an event with this UID is already in the calendar "
                      "(changed there, perhaps moved to another day); left as is";
        return absl::OkStatus();
      }
      break;
    }
    case ChangeKind::kUpdate: {
      std::vector<std::string> headers = ics;
      headers.push_back(absl::StrCat("If-Match: ", change->etag));
      answer = client.Send("PUT", change->href, headers, change->ics);
      break;
    }
    case ChangeKind::kDelete:
      answer = client.Send("DELETE", change->href,
                           {absl::StrCat("If-Match: ", change->etag)}, "");
      // Gone already (a previous run's delete that was not confirmed): fine.
      if (answer.ok() && answer->status == 404) return absl::OkStatus();
      break;
    default:
      return absl::OkStatus();
  }
  if (!answer.ok()) return answer.status();
  if (answer->status == 412) {
    change->kind = ChangeKind::kConflict;
    change->why = "changed in the calendar during this sync; left as is";
    return absl::OkStatus();
  }
  if (!IsSuccess(answer->status)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "calendar refused to ", ChangeVerb(change->kind), " \"",
        change->summary, "\": HTTP ", answer->status, " ",
        answer->body.substr(0, 200)));
  }
  return absl::OkStatus();
}

}  // namespace

std::string CalendarUrl(const std::string& url_template,
                        const std::string& rep_id) {
  std::string url = absl::StrReplaceAll(
      url_template, {{"{rep_id}", EscapePathSegment(rep_id)}});
  if (!absl::EndsWith(url, "/")) url += '/';
  return url;
}

bool IsCalendarUrl(const std::string& calendar) {
  return absl::StartsWith(calendar, "http://") ||
         absl::StartsWith(calendar, "https://");
}

namespace {

// %XX escapes undone, as RFC 3986 userinfo carries them.
std::string PercentDecoded(absl::string_view text) {
  const auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t k = 0; k < text.size(); ++k) {
    if (text[k] == '%' && k + 2 < text.size() && hex(text[k + 1]) >= 0 &&
        hex(text[k + 2]) >= 0) {
      out += static_cast<char>(hex(text[k + 1]) * 16 + hex(text[k + 2]));
      k += 2;
    } else {
      out += text[k];
    }
  }
  return out;
}

}  // namespace

CalendarLocation SplitCalendarCredentials(const std::string& calendar) {
  CalendarLocation location{calendar, "", ""};
  if (!IsCalendarUrl(calendar)) return location;
  const size_t authority = calendar.find("://") + 3;
  const size_t end = calendar.find_first_of("/?#", authority);
  const size_t at = calendar.rfind('@', end == std::string::npos ? calendar.size() : end);
  if (at == std::string::npos || at < authority) return location;
  const absl::string_view userinfo(calendar.data() + authority, at - authority);
  const size_t colon = userinfo.find(':');
  location.username = PercentDecoded(userinfo.substr(0, colon));
  if (colon != absl::string_view::npos) {
    location.password = PercentDecoded(userinfo.substr(colon + 1));
  }
  location.url = calendar.substr(0, authority) + calendar.substr(at + 1);
  return location;
}

absl::StatusOr<CalendarTally> SyncRepCalendar(
    CalDavClient& client, const std::string& url_template,
    const RepSchedule& schedule, const std::string& date, bool dry_run,
    std::vector<EventChange>* changes) {
  absl::StatusOr<absl::CivilDay> day = ParseDate(date);
  if (!day.ok()) return day.status();
  const std::string url = CalendarUrl(url_template, schedule.rep->id);
  absl::StatusOr<bool> exists = client.EnsureCalendar(url, !dry_run);
  if (!exists.ok()) return exists.status();
  std::vector<ExistingEvent> existing;
  if (*exists) {
    absl::StatusOr<std::vector<ExistingEvent>> listed =
        client.ListEvents(url, *day);
    if (!listed.ok()) return listed.status();
    existing = *std::move(listed);
  }
  const absl::Time stamp = absl::Now();
  std::vector<CalendarEvent> planned;
  for (const ScheduledVisit& visit : schedule.visits) {
    planned.push_back(VisitEvent(visit, stamp));
  }
  std::vector<EventChange> plan = PlanChanges(planned, existing, date);
  CalendarTally tally;
  for (size_t i = 0; i < plan.size(); ++i) {
    if (!dry_run) {
      const std::string fingerprint =
          i < planned.size() ? planned[i].fingerprint : "";
      if (absl::Status done = Apply(client, url, fingerprint, &plan[i]);
          !done.ok()) {
        return done;
      }
    }
    tally.Count(plan[i]);
  }
  if (changes != nullptr) *changes = std::move(plan);
  return tally;
}

}  // namespace callplan::crm
