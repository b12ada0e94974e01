// The admin command's tables (plugins/admin_command.h).
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "plugins/admin_command.h"

namespace callplan::crm {
namespace {

// Terminal columns of UTF-8 text: one per code point.
size_t Columns(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Render(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width;
  for (const auto& row : rows) {
    width.resize(std::max(width.size(), row.size()), 0);
    for (size_t c = 0; c < row.size(); ++c) {
      width[c] = std::max(width[c], Columns(row[c]));
    }
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line.append(width[c] - Columns(row[c]) + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

std::string Time(const google::protobuf::Timestamp& t) {
  const absl::Time time =
      absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

std::string Bound(bool has, double value) {
  return has ? absl::StrCat(value) : "-";
}

std::string KindName(v1::AuditKind kind) {
  switch (kind) {
    case v1::PLAN_DAY: return "plan_day";
    case v1::POLICY_CHANGE: return "policy_change";
    case v1::DENIED: return "denied";
    case v1::PLAN_STEP: return "plan_step";
    default: return "?";
  }
}

// What happened, in one cell: the change, the plan's size, or the call.
std::string Details(const v1::AuditEvent& e) {
  std::vector<std::string> parts;
  if (e.kind() == v1::POLICY_CHANGE || e.kind() == v1::PLAN_STEP) {
    parts.push_back(absl::StrCat(e.old_value().empty() ? "(new)" : e.old_value(),
                                 " -> ", e.new_value()));
  }
  if (e.kind() == v1::PLAN_DAY && e.status() == "OK") {
    parts.push_back(absl::StrCat("objective ", e.objective()));
  }
  std::vector<std::pair<std::string, int64_t>> counts(e.counts().begin(),
                                                      e.counts().end());
  std::sort(counts.begin(), counts.end());
  if (!counts.empty()) {
    parts.push_back(absl::StrJoin(counts, " ", absl::PairFormatter("=")));
  }
  if (!e.detail().empty()) parts.push_back(e.detail());
  if (!e.reason().empty()) parts.push_back(absl::StrCat("reason: ", e.reason()));
  return absl::StrJoin(parts, "; ");
}

}  // namespace

std::string PolicyTable(const std::vector<v1::FairnessPolicy>& policies) {
  std::vector<std::vector<std::string>> rows = {
      {"TEAM", "VERSION", "WORKLOAD_SPREAD", "POTENTIAL_SPREAD", "ROUTE_KM",
       "SAFETY_FACTOR", "VISITS_PER_REP", "APPROVAL", "UPDATED_BY", "UPDATED",
       "REASON"}};
  for (const v1::FairnessPolicy& p : policies) {
    const v1::FairnessBounds& b = p.bounds();
    rows.push_back(
        {p.team_id(), absl::StrCat(p.version()),
         Bound(b.has_max_workload_spread(), b.max_workload_spread()),
         Bound(b.has_max_potential_spread(), b.max_potential_spread()),
         Bound(b.has_max_route_distance(), b.max_route_distance()),
         Bound(b.has_distance_safety_factor(), b.distance_safety_factor()),
         Bound(b.has_max_visits_per_rep(), b.max_visits_per_rep()),
         p.require_approval() ? "required" : "-", p.updated_by(), Time(p.update_time()), p.reason()});
  }
  return Render(rows);
}

std::string AuditTable(const std::vector<v1::AuditEvent>& events) {
  std::vector<std::vector<std::string>> rows = {
      {"ID", "TIME", "KIND", "ACTOR", "TEAM", "TERRITORY", "STATUS", "POLICY_V",
       "SHA256", "DETAILS"}};
  for (const v1::AuditEvent& e : events) {
    rows.push_back({absl::StrCat(e.id()), Time(e.time()), KindName(e.kind()),
                    e.actor(), e.team_id().empty() ? "-" : e.team_id(),
                    e.territory_id().empty() ? "-" : e.territory_id(),
                    e.status(),
                    e.policy_version() ? absl::StrCat(e.policy_version()) : "-",
                    e.sha256().empty() ? "-" : e.sha256(), Details(e)});
  }
  return Render(rows);
}

std::string VerifyReport(const v1::VerifyAuditTrailResponse& result) {
  if (result.intact() && result.records_checked() == 0) {
    return "audit trail intact: no records yet\n";
  }
  if (result.intact()) {
    return absl::StrCat(
        "audit trail intact: ", result.records_checked(), " records, last record ",
        result.last_id(), ", last hash ", result.last_sha256(), "\n",
        "keep this hash outside the database: someone who can write to the "
        "database could rewrite the chain from some record on so that it still "
        "verifies; record ", result.last_id(), " no longer having this hash "
        "is what would show it\n");
  }
  const char* what = result.problem() == v1::CONTENT_CHANGED   ? "content changed"
                     : result.problem() == v1::RECORD_MISSING  ? "record missing"
                     : result.problem() == v1::RECORD_INSERTED ? "record inserted"
                                                               : "broken";
  return absl::StrCat("audit trail BROKEN at record ", result.first_bad_id(),
                      " (", what, "): ", result.explanation(), "\n",
                      result.records_checked(),
                      " records before it matched\n");
}

}  // namespace callplan::crm
