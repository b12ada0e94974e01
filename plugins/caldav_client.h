// A small CalDAV (RFC 4791) client over libcurl: enough to keep one rep's
// visit calendar in line with a plan. Every request is retried with
// exponential backoff while the server cannot be reached or answers 5xx,
// for at most `retry_for`; then the request fails with Unavailable naming
// the server, so a sync stops with a clear error instead of hanging.
// Writes are conditional (If-None-Match: * to create, If-Match: <etag> to
// update or delete): a change made in the calendar meanwhile makes the
// server answer 412 and is reported by the caller, never overwritten.
#ifndef CALLPLAN_PLUGINS_CALDAV_CLIENT_H_
#define CALLPLAN_PLUGINS_CALDAV_CLIENT_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "plugins/calendar_changes.h"

namespace callplan::crm {

struct CalDavOptions {
  absl::Duration retry_for = absl::Seconds(30);
  absl::Duration first_backoff = absl::Milliseconds(250);
  absl::Duration request_timeout = absl::Seconds(30);
  std::string username;  // HTTP basic auth; empty = none
  std::string password;
  std::string ca_file;   // extra CA for https calendars; empty = system
  // Called before each HTTP request is sent (tests use it to stop the
  // server at a precise point of a sync).
  std::function<void(const std::string& method, const std::string& url)>
      before_request;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string etag;
  int attempts = 0;  // > 1 when the request was retried
};

class CalDavClient {
 public:
  explicit CalDavClient(CalDavOptions options);

  // Sends one request, retrying as described above. Statuses below 500 are
  // returned to the caller, whatever they are.
  absl::StatusOr<HttpResponse> Send(const std::string& method,
                                    const std::string& url,
                                    const std::vector<std::string>& headers,
                                    const std::string& body);

  // Whether the calendar collection at `url` exists; with `create`, makes
  // it (and any missing parent collection) when it does not.
  absl::StatusOr<bool> EnsureCalendar(const std::string& url, bool create);

  // The events of the collection overlapping `day` +/- one day (so any time
  // zone's day is covered), with their hrefs (absolute URLs) and ETags.
  absl::StatusOr<std::vector<ExistingEvent>> ListEvents(
      const std::string& url, absl::CivilDay day);

  // The resource at `url`, or NotFound.
  absl::StatusOr<HttpResponse> Get(const std::string& url);

 private:
  CalDavOptions options_;
};

// `href` (as a server returns it, usually a path) made absolute against the
// collection URL `base`.
std::string ResolveHref(const std::string& base, const std::string& href);

// `text` percent-encoded for one URL path segment.
std::string EscapePathSegment(const std::string& text);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_CALDAV_CLIENT_H_
