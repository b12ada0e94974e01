#include "plugins/dav_multistatus.h"

#include <expat.h>

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace callplan::crm {
namespace {

// Element names arrive as "namespace local" (expat's namespace mode).
constexpr char kDav[] = "DAV: ";
constexpr char kCalDav[] = "urn:ietf:params:xml:ns:caldav ";

struct ParseState {
  std::vector<DavResponse> responses;
  DavResponse current;
  bool in_response = false;
  // Properties of one propstat, kept until its status says they are real.
  DavResponse propstat;
  std::string propstat_status;
  std::string text;
};

bool Is(const char* name, const char* ns, const char* local) {
  const size_t n = std::strlen(ns);
  return std::strncmp(name, ns, n) == 0 && std::strcmp(name + n, local) == 0;
}

void OnStart(void* data, const char* name, const char**) {
  auto* s = static_cast<ParseState*>(data);
  s->text.clear();
  if (Is(name, kDav, "response")) {
    s->in_response = true;
    s->current = DavResponse();
  } else if (Is(name, kDav, "propstat")) {
    s->propstat = DavResponse();
    s->propstat_status.clear();
  } else if (Is(name, kCalDav, "calendar")) {
    s->propstat.resource_type = "calendar";
  } else if (Is(name, kDav, "collection") && s->propstat.resource_type.empty()) {
    s->propstat.resource_type = "collection";
  }
}

void OnEnd(void* data, const char* name) {
  auto* s = static_cast<ParseState*>(data);
  const std::string text(absl::StripAsciiWhitespace(s->text));
  if (Is(name, kDav, "href") && s->in_response && s->current.href.empty()) {
    s->current.href = text;
  } else if (Is(name, kDav, "getetag")) {
    s->propstat.etag = text;
  } else if (Is(name, kCalDav, "calendar-data")) {
    s->propstat.calendar_data = s->text;
  } else if (Is(name, kDav, "status")) {
    s->propstat_status = text;
  } else if (Is(name, kDav, "propstat")) {
    if (s->propstat_status.find(" 200 ") != std::string::npos) {
      if (!s->propstat.etag.empty()) s->current.etag = s->propstat.etag;
      if (!s->propstat.calendar_data.empty()) {
        s->current.calendar_data = s->propstat.calendar_data;
      }
      if (!s->propstat.resource_type.empty()) {
        s->current.resource_type = s->propstat.resource_type;
      }
    }
  } else if (Is(name, kDav, "response")) {
    s->responses.push_back(std::move(s->current));
    s->in_response = false;
  }
  s->text.clear();
}

void OnText(void* data, const char* text, int length) {
  static_cast<ParseState*>(data)->text.append(text, length);
}

}  // namespace

absl::StatusOr<std::vector<DavResponse>> ParseMultistatus(
    const std::string& xml) {
  XML_Parser parser = XML_ParserCreateNS("UTF-8", ' ');
  ParseState state;
  XML_SetUserData(parser, &state);
  XML_SetElementHandler(parser, OnStart, OnEnd);
  XML_SetCharacterDataHandler(parser, OnText);
  const bool ok = XML_Parse(parser, xml.data(), static_cast<int>(xml.size()),
                            /*isFinal=*/1) == XML_STATUS_OK;
  std::string error;
  if (!ok) {
    error = absl::StrCat("line ", XML_GetCurrentLineNumber(parser), ": ",
                         XML_ErrorString(XML_GetErrorCode(parser)));
  }
  XML_ParserFree(parser);
  if (!ok) {
    return absl::DataLossError(
        absl::StrCat("unreadable WebDAV multistatus answer (", error, ")"));
  }
  return state.responses;
}

}  // namespace callplan::crm
