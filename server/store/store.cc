#include "server/store/store.h"

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace callplan::store {
namespace {

// The shortest of %.15g / %.17g that reads back as the same double, so the
// audit text is both exact and readable (0.1 stays "0.1").
std::string ExactDouble(double value) {
  std::string text = absl::StrFormat("%.15g", value);
  if (std::strtod(text.c_str(), nullptr) != value) {
    text = absl::StrFormat("%.17g", value);
  }
  return text;
}

}  // namespace

const char* AuditKindName(AuditKind kind) {
  switch (kind) {
    case AuditKind::kPlanDay:
      return "PLAN_DAY";
    case AuditKind::kPolicyChange:
      return "POLICY_CHANGE";
    case AuditKind::kDenied:
      return "DENIED";
    case AuditKind::kPlanStep:
      return "PLAN_STEP";
  }
  return "UNKNOWN";
}

const char* AuditChainBreakName(AuditChainBreak problem) {
  switch (problem) {
    case AuditChainBreak::kNone:
      return "intact";
    case AuditChainBreak::kContentChanged:
      return "content changed";
    case AuditChainBreak::kRecordMissing:
      return "record missing";
    case AuditChainBreak::kRecordInserted:
      return "record inserted";
  }
  return "unknown";
}

std::optional<AuditKind> ParseAuditKind(const std::string& name) {
  for (AuditKind kind :
       {AuditKind::kPlanDay, AuditKind::kPolicyChange, AuditKind::kDenied,
        AuditKind::kPlanStep}) {
    if (name == AuditKindName(kind)) return kind;
  }
  return std::nullopt;
}

std::string DescribePolicy(int64_t version, const FairnessBounds& bounds,
                           bool require_approval) {
  std::string text = absl::StrCat("version=", version);
  if (bounds.max_workload_spread) {
    absl::StrAppend(&text, " max_workload_spread=", *bounds.max_workload_spread);
  }
  if (bounds.max_potential_spread) {
    absl::StrAppend(&text, " max_potential_spread=",
                    ExactDouble(*bounds.max_potential_spread));
  }
  if (bounds.max_route_distance) {
    absl::StrAppend(&text, " max_route_distance=",
                    ExactDouble(*bounds.max_route_distance));
  }
  absl::StrAppend(&text, " distance_safety_factor=",
                  ExactDouble(bounds.distance_safety_factor));
  if (bounds.max_visits_per_rep) {
    absl::StrAppend(&text, " max_visits_per_rep=", *bounds.max_visits_per_rep);
  }
  if (require_approval) absl::StrAppend(&text, " require_approval=true");
  return text;
}

std::string PolicyEtag(const std::string& team_id, int64_t version,
                       const FairnessBounds& bounds, bool require_approval) {
  // FNV-1a 64: stable across runs and machines, unlike std::hash.
  uint64_t hash = 14695981039346656037ull;
  const std::string text =
      absl::StrCat(team_id, "\n", DescribePolicy(version, bounds, require_approval));
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return absl::StrFormat("v%d-%016x", version, hash);
}

}  // namespace callplan::store
