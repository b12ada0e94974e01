// Parses a WebDAV 207 Multi-Status body (RFC 4918) with expat: for each
// <response>, the href, the getetag and calendar-data properties found with
// status 200, and the response status when the server gives one.
#ifndef CALLPLAN_PLUGINS_DAV_MULTISTATUS_H_
#define CALLPLAN_PLUGINS_DAV_MULTISTATUS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace callplan::crm {

struct DavResponse {
  std::string href;
  std::string etag;
  std::string calendar_data;
  std::string resource_type;  // "calendar", "collection" or ""
};

absl::StatusOr<std::vector<DavResponse>> ParseMultistatus(
    const std::string& xml);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_DAV_MULTISTATUS_H_
