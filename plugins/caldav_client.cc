#include "plugins/caldav_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "plugins/dav_multistatus.h"

namespace callplan::crm {
namespace {

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

size_t OnBody(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t OnHeader(char* data, size_t size, size_t count, void* out) {
  const std::string line(data, size * count);
  if (absl::StartsWithIgnoreCase(line, "etag:")) {
    *static_cast<std::string*>(out) =
        std::string(absl::StripAsciiWhitespace(line.substr(5)));
  }
  return size * count;
}

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// One attempt; a curl error (no connection, timeout) comes back as the
// message, an HTTP answer as the response.
absl::StatusOr<HttpResponse> SendOnce(const CalDavOptions& options,
                                      const std::string& method,
                                      const std::string& url,
                                      const std::vector<std::string>& headers,
                                      const std::string& body) {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  std::unique_ptr<curl_slist, ListDeleter> list;
  for (const std::string& header : headers) {
    list.reset(curl_slist_append(list.release(), header.c_str()));
  }
  HttpResponse response;
  char error[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list.get());
  if (!body.empty() || method == "PUT") {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &response.etag);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(absl::ToInt64Milliseconds(
                                              options.request_timeout)));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  if (!options.username.empty()) {
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(c, CURLOPT_USERNAME, options.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, options.password.c_str());
  }
  if (!options.ca_file.empty()) {
    curl_easy_setopt(c, CURLOPT_CAINFO, options.ca_file.c_str());
  }
  const CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) {
    return absl::UnavailableError(
        error[0] != '\0' ? error : curl_easy_strerror(code));
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

bool IsSuccess(long status) { return status >= 200 && status < 300; }

// The collection URL's ancestors below the host, shortest first:
// http://h/a/b/ -> http://h/a/
std::vector<std::string> Ancestors(const std::string& url) {
  std::vector<std::string> out;
  const size_t scheme = url.find("://");
  const size_t root = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (root == std::string::npos) return out;
  for (size_t slash = url.find('/', root + 1);
       slash != std::string::npos && slash + 1 < url.size();
       slash = url.find('/', slash + 1)) {
    out.push_back(url.substr(0, slash + 1));
  }
  return out;
}

constexpr char kPropfindBody[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
    "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/></D:prop>"
    "</D:propfind>";

}  // namespace

CalDavClient::CalDavClient(CalDavOptions options)
    : options_(std::move(options)) {
  InitCurlOnce();
}

absl::StatusOr<HttpResponse> CalDavClient::Send(
    const std::string& method, const std::string& url,
    const std::vector<std::string>& headers, const std::string& body) {
  const absl::Time give_up = absl::Now() + options_.retry_for;
  absl::Duration backoff = options_.first_backoff;
  for (int attempt = 1;; ++attempt) {
    if (options_.before_request) options_.before_request(method, url);
    absl::StatusOr<HttpResponse> response =
        SendOnce(options_, method, url, headers, body);
    std::string problem;
    if (!response.ok()) {
      problem = std::string(response.status().message());
    } else if (response->status >= 500) {
      problem = absl::StrCat("HTTP ", response->status);
    } else {
      response->attempts = attempt;
      return response;
    }
    if (absl::Now() + backoff > give_up) {
      return absl::UnavailableError(absl::StrCat(
          "calendar server did not answer ", method, " ", url, " after ",
          attempt, " attempts over ", absl::FormatDuration(options_.retry_for),
          ": ", problem));
    }
    absl::SleepFor(backoff);
    backoff = std::min(backoff * 2, absl::Seconds(5));
  }
}

absl::StatusOr<bool> CalDavClient::EnsureCalendar(const std::string& url,
                                                  bool create) {
  const std::vector<std::string> xml = {
      "Content-Type: application/xml; charset=utf-8", "Depth: 0"};
  absl::StatusOr<HttpResponse> found = Send("PROPFIND", url, xml, kPropfindBody);
  if (!found.ok()) return found.status();
  if (found->status == 207) return true;
  if (found->status != 404) {
    return absl::FailedPreconditionError(absl::StrCat(
        "calendar ", url, ": PROPFIND answered HTTP ", found->status));
  }
  if (!create) return false;
  for (const std::string& parent : Ancestors(url)) {
    absl::StatusOr<HttpResponse> probe = Send("PROPFIND", parent, xml, kPropfindBody);
    if (!probe.ok()) return probe.status();
    if (probe->status != 404) continue;
    absl::StatusOr<HttpResponse> made = Send("MKCOL", parent, {}, "");
    if (!made.ok()) return made.status();
    if (!IsSuccess(made->status)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "cannot create collection ", parent, ": HTTP ", made->status));
    }
  }
  absl::StatusOr<HttpResponse> made = Send("MKCALENDAR", url, {}, "");
  if (!made.ok()) return made.status();
  if (!IsSuccess(made->status)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot create calendar ", url, ": MKCALENDAR answered HTTP ",
        made->status));
  }
  return true;
}

absl::StatusOr<std::vector<ExistingEvent>> CalDavClient::ListEvents(
    const std::string& url, absl::CivilDay day) {
  const auto stamp = [](absl::CivilDay d) {
    return absl::FormatCivilTime(d).erase(7, 1).erase(4, 1) + "T000000Z";
  };
  const std::string body = absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
      "<C:calendar-query xmlns:D=\"DAV:\" "
      "xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
      "<D:prop><D:getetag/><C:calendar-data/></D:prop>"
      "<C:filter><C:comp-filter name=\"VCALENDAR\">"
      "<C:comp-filter name=\"VEVENT\"><C:time-range start=\"",
      stamp(day - 1), "\" end=\"", stamp(day + 2),
      "\"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>");
  absl::StatusOr<HttpResponse> answer = Send(
      "REPORT", url,
      {"Content-Type: application/xml; charset=utf-8", "Depth: 1"}, body);
  if (!answer.ok()) return answer.status();
  if (answer->status != 207) {
    return absl::FailedPreconditionError(absl::StrCat(
        "calendar ", url, ": listing events answered HTTP ", answer->status));
  }
  absl::StatusOr<std::vector<DavResponse>> responses =
      ParseMultistatus(answer->body);
  if (!responses.ok()) return responses.status();
  std::vector<ExistingEvent> out;
  for (const DavResponse& response : *responses) {
    if (response.calendar_data.empty()) continue;
    absl::StatusOr<std::vector<FoundEvent>> events =
        ParseEvents(response.calendar_data);
    if (!events.ok()) continue;  // not ours to judge; never touched
    for (FoundEvent& event : *events) {
      out.push_back({std::move(event), ResolveHref(url, response.href),
                     response.etag});
    }
  }
  return out;
}

absl::StatusOr<HttpResponse> CalDavClient::Get(const std::string& url) {
  absl::StatusOr<HttpResponse> answer = Send("GET", url, {}, "");
  if (!answer.ok()) return answer.status();
  if (answer->status == 404) return absl::NotFoundError(url);
  return answer;
}

std::string ResolveHref(const std::string& base, const std::string& href) {
  if (absl::StrContains(href, "://")) return href;
  const size_t scheme = base.find("://");
  const size_t root =
      base.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  const std::string origin = root == std::string::npos ? base : base.substr(0, root);
  if (!href.empty() && href[0] == '/') return origin + href;
  return base + href;
}

std::string EscapePathSegment(const std::string& text) {
  InitCurlOnce();
  char* escaped = curl_easy_escape(nullptr, text.c_str(),
                                   static_cast<int>(text.size()));
  std::string out = escaped == nullptr ? text : escaped;
  curl_free(escaped);
  return out;
}

}  // namespace callplan::crm
