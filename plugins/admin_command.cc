#include "plugins/admin_command.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "callplan/v1/admin_service.grpc.pb.h"

namespace callplan::crm {
namespace {

constexpr char kUsage[] =
    "usage:\n"
    "  callplan-crm admin list  --sidecar HOST:PORT\n"
    "  callplan-crm admin get   --sidecar HOST:PORT --team TEAM\n"
    "  callplan-crm admin set   --sidecar HOST:PORT --team TEAM\n"
    "                           --expected-version V (0 creates) --reason TEXT\n"
    "                           [--max-workload-spread N] [--max-potential-spread X]\n"
    "                           [--max-route-km X] [--distance-safety-factor X]\n"
    "                           [--max-visits-per-rep N]   (bounds left out: none)\n"
    "                           [--require-approval yes|no] (default no)\n"
    "  callplan-crm admin audit --sidecar HOST:PORT\n"
    "                           [--kind plan_day|policy_change|denied|plan_step]\n"
    "                           [--team TEAM] [--from TIME] [--to TIME]\n"
    "                           [--page-size N] [--page-token TOKEN | --all]\n"
    "  callplan-crm admin audit --sidecar HOST:PORT --verify\n"
    "                           (checks the whole hash chain: exit 0 intact,\n"
    "                           1 broken, naming the first bad record)\n"
    "  every command: [--tls-ca FILE [--tls-cert FILE --tls-key FILE]]\n"
    "                 [--token TOKEN] (or CALLPLAN_SIDECAR_TOKEN)\n";

using Flags = std::map<std::string, std::string>;

const std::set<std::string>& KnownFlags(const std::string& command) {
  static const auto* known = new std::map<std::string, std::set<std::string>>{
      {"list", {}},
      {"get", {"team"}},
      {"set", {"team", "expected-version", "reason", "max-workload-spread",
               "max-potential-spread", "max-route-km", "distance-safety-factor",
               "max-visits-per-rep", "require-approval"}},
      {"audit", {"kind", "team", "from", "to", "page-size", "page-token", "all",
                 "verify"}},
  };
  static const std::set<std::string> kNone;
  const auto it = known->find(command);
  return it == known->end() ? kNone : it->second;
}

absl::StatusOr<Flags> ParseFlags(const std::string& command,
                                 const std::vector<std::string>& args) {
  static const std::set<std::string> kConnection = {"sidecar", "tls-ca",
                                                    "tls-cert", "tls-key", "token"};
  Flags flags;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!absl::StartsWith(arg, "--")) {
      return absl::InvalidArgumentError(absl::StrCat("unexpected \"", arg, "\""));
    }
    std::string name = arg.substr(2), value;
    const size_t eq = name.find('=');
    const bool inline_value = eq != std::string::npos;
    if (inline_value) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (!KnownFlags(command).count(name) && !kConnection.count(name)) {
      return absl::InvalidArgumentError(absl::StrCat("unknown option --", name));
    }
    if (!inline_value && (name == "all" || name == "verify")) {
      value = "1";
    } else if (!inline_value && i + 1 < args.size()) {
      value = args[++i];
    } else if (!inline_value) {
      return absl::InvalidArgumentError(absl::StrCat(arg, " needs a value"));
    }
    flags[name] = value;
  }
  if (flags["sidecar"].empty()) {
    return absl::InvalidArgumentError("--sidecar HOST:PORT is required");
  }
  return flags;
}

std::string Get(const Flags& flags, const std::string& name) {
  const auto it = flags.find(name);
  return it == flags.end() ? "" : it->second;
}

absl::StatusOr<std::string> ReadFile(const std::string& path, const char* flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat(flag, ": cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> OpenChannel(const Flags& flags) {
  const std::string ca = Get(flags, "tls-ca"), cert = Get(flags, "tls-cert"),
                    key = Get(flags, "tls-key");
  if (cert.empty() != key.empty()) {
    return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
  }
  if (ca.empty()) {
    if (!cert.empty()) return absl::InvalidArgumentError("--tls-cert needs --tls-ca");
    return grpc::CreateChannel(Get(flags, "sidecar"),
                               grpc::InsecureChannelCredentials());
  }
  grpc::SslCredentialsOptions ssl;
  for (auto [path, flag, target] :
       {std::make_tuple(ca, "--tls-ca", &ssl.pem_root_certs),
        std::make_tuple(cert, "--tls-cert", &ssl.pem_cert_chain),
        std::make_tuple(key, "--tls-key", &ssl.pem_private_key)}) {
    if (path.empty()) continue;
    absl::StatusOr<std::string> pem = ReadFile(path, flag);
    if (!pem.ok()) return pem.status();
    *target = *pem;
  }
  return grpc::CreateChannel(Get(flags, "sidecar"), grpc::SslCredentials(ssl));
}

// A context carrying the token, if any, and a deadline: admin calls are
// short, and a dead sidecar should not hang a terminal. Verifying reads the
// whole trail (about 2 s per 100,000 records on SQLite), so it gets longer.
std::unique_ptr<grpc::ClientContext> NewContext(
    const Flags& flags, std::chrono::seconds limit = std::chrono::seconds(30)) {
  auto context = std::make_unique<grpc::ClientContext>();
  std::string token = Get(flags, "token");
  if (token.empty()) {
    if (const char* env = std::getenv("CALLPLAN_SIDECAR_TOKEN")) token = env;
  }
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + limit);
  return context;
}

int Failed(const grpc::Status& status, const std::string& command,
           std::ostream& err) {
  static const char* const kNames[] = {
      "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
      "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
      "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
      "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};
  const int code = status.error_code();
  err << "admin " << command << ": " << (code >= 0 && code <= 16 ? kNames[code] : "?")
      << ": " << status.error_message() << "\n";
  if (code == grpc::StatusCode::ABORTED) {
    err << "someone changed the policy meanwhile: run `callplan-crm admin get` "
           "and retry with its version as --expected-version\n";
  }
  return 1;
}

absl::Status ParseUint(const Flags& flags, const char* name, uint32_t* out,
                       bool* present) {
  const std::string text = Get(flags, name);
  *present = !text.empty();
  if (*present && !absl::SimpleAtoi(text, out)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, ": expected a whole number >= 0, got \"", text, "\""));
  }
  return absl::OkStatus();
}

absl::Status ParseDouble(const Flags& flags, const char* name, double* out,
                         bool* present) {
  const std::string text = Get(flags, name);
  *present = !text.empty();
  if (*present && !absl::SimpleAtod(text, out)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, ": expected a number, got \"", text, "\""));
  }
  return absl::OkStatus();
}

// The bounds for `set`. Range checks are the sidecar's: it names the field.
absl::StatusOr<v1::UpdateFairnessPolicyRequest> SetRequest(const Flags& flags) {
  v1::UpdateFairnessPolicyRequest request;
  request.set_team_id(Get(flags, "team"));
  request.set_reason(Get(flags, "reason"));
  const std::string version = Get(flags, "expected-version");
  int64_t expected = 0;
  if (version.empty() || !absl::SimpleAtoi(version, &expected)) {
    return absl::InvalidArgumentError(
        "--expected-version V is required (0 creates the policy; else the "
        "version `admin get` shows)");
  }
  request.set_expected_version(expected);
  v1::FairnessBounds* b = request.mutable_bounds();
  uint32_t n;
  double x;
  bool present;
  absl::Status s = ParseUint(flags, "max-workload-spread", &n, &present);
  if (!s.ok()) return s;
  if (present) b->set_max_workload_spread(n);
  if (s = ParseUint(flags, "max-visits-per-rep", &n, &present); !s.ok()) return s;
  if (present) b->set_max_visits_per_rep(n);
  if (s = ParseDouble(flags, "max-potential-spread", &x, &present); !s.ok()) return s;
  if (present) b->set_max_potential_spread(x);
  if (s = ParseDouble(flags, "max-route-km", &x, &present); !s.ok()) return s;
  if (present) b->set_max_route_distance(x);
  if (s = ParseDouble(flags, "distance-safety-factor", &x, &present); !s.ok()) return s;
  if (present) b->set_distance_safety_factor(x);
  const std::string approval = Get(flags, "require-approval");
  if (approval == "yes" || approval == "true") {
    request.set_require_approval(true);
  } else if (!approval.empty() && approval != "no" && approval != "false") {
    return absl::InvalidArgumentError(absl::StrCat(
        "--require-approval: expected yes or no, got \"", approval, "\""));
  }
  return request;
}

absl::StatusOr<google::protobuf::Timestamp> ParseTimeFlag(const std::string& text,
                                                         const char* flag) {
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &time, &error) &&
      !absl::ParseTime("%Y-%m-%d", text, absl::UTCTimeZone(), &time, &error)) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, ": expected RFC 3339 (2024-03-05T08:00:00Z) or YYYY-MM-DD, got \"",
        text, "\""));
  }
  google::protobuf::Timestamp out;
  out.set_seconds(absl::ToUnixSeconds(time));
  return out;
}

absl::StatusOr<v1::ListAuditEventsRequest> AuditRequest(const Flags& flags) {
  v1::ListAuditEventsRequest request;
  v1::AuditFilter* filter = request.mutable_filter();
  const std::string kind = Get(flags, "kind");
  if (kind == "plan_day") filter->set_kind(v1::PLAN_DAY);
  else if (kind == "policy_change") filter->set_kind(v1::POLICY_CHANGE);
  else if (kind == "denied") filter->set_kind(v1::DENIED);
  else if (kind == "plan_step") filter->set_kind(v1::PLAN_STEP);
  else if (!kind.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--kind: expected plan_day, policy_change, denied or plan_step, got \"",
        kind, "\""));
  }
  filter->set_team_id(Get(flags, "team"));
  for (auto [name, target] : {std::make_pair("from", filter->mutable_from()),
                              std::make_pair("to", filter->mutable_to())}) {
    if (Get(flags, name).empty()) continue;
    absl::StatusOr<google::protobuf::Timestamp> t =
        ParseTimeFlag(Get(flags, name), name);
    if (!t.ok()) return t.status();
    *target = *t;
  }
  if (Get(flags, "from").empty()) filter->clear_from();
  if (Get(flags, "to").empty()) filter->clear_to();
  const std::string size = Get(flags, "page-size");
  int page_size = 0;
  if (!size.empty() && (!absl::SimpleAtoi(size, &page_size) || page_size < 1)) {
    return absl::InvalidArgumentError("--page-size: expected a whole number >= 1");
  }
  request.set_page_size(page_size);
  request.set_page_token(Get(flags, "page-token"));
  return request;
}

// The chain is checked whole: a filter would leave records out of it.
int Verify(v1::AdminService::Stub& stub, const Flags& flags, std::ostream& out,
           std::ostream& err) {
  for (const char* name : {"kind", "team", "from", "to", "page-size",
                           "page-token", "all"}) {
    if (flags.count(name)) {
      err << "admin audit: --verify checks the whole trail and takes no --"
          << name << "\n" << kUsage;
      return 2;
    }
  }
  v1::VerifyAuditTrailResponse response;
  grpc::Status status =
      stub.VerifyAuditTrail(NewContext(flags, std::chrono::minutes(10)).get(), {},
                            &response);
  if (!status.ok()) return Failed(status, "audit --verify", err);
  out << VerifyReport(response);
  return response.intact() ? 0 : 1;
}

int Audit(v1::AdminService::Stub& stub, const Flags& flags, std::ostream& out,
          std::ostream& err) {
  if (flags.count("verify")) return Verify(stub, flags, out, err);
  absl::StatusOr<v1::ListAuditEventsRequest> request = AuditRequest(flags);
  if (!request.ok()) {
    err << request.status().message() << "\n" << kUsage;
    return 2;
  }
  const bool all = !Get(flags, "all").empty();
  std::vector<v1::AuditEvent> events;
  v1::ListAuditEventsResponse response;
  do {
    response.Clear();
    grpc::Status status = stub.ListAuditEvents(NewContext(flags).get(), *request,
                                               &response);
    if (!status.ok()) return Failed(status, "audit", err);
    events.insert(events.end(), response.events().begin(), response.events().end());
    request->set_page_token(response.next_page_token());
  } while (all && !response.next_page_token().empty());
  out << AuditTable(events);
  if (!response.next_page_token().empty()) {
    out << "more: --page-token " << response.next_page_token() << "\n";
  }
  return 0;
}

int Dispatch(const std::string& command, v1::AdminService::Stub& stub,
             const Flags& flags, std::ostream& out, std::ostream& err) {
  if (command == "audit") return Audit(stub, flags, out, err);
  if (command == "list") {
    v1::ListFairnessPoliciesResponse response;
    grpc::Status status = stub.ListFairnessPolicies(NewContext(flags).get(), {},
                                                    &response);
    if (!status.ok()) return Failed(status, command, err);
    out << PolicyTable({response.policies().begin(), response.policies().end()});
    return 0;
  }
  if (Get(flags, "team").empty()) {
    err << "admin " << command << ": --team is required\n" << kUsage;
    return 2;
  }
  v1::FairnessPolicy policy;
  grpc::Status status;
  if (command == "get") {
    v1::GetFairnessPolicyRequest request;
    request.set_team_id(Get(flags, "team"));
    v1::GetFairnessPolicyResponse response;
    status = stub.GetFairnessPolicy(NewContext(flags).get(), request, &response);
    policy = response.policy();
  } else {
    absl::StatusOr<v1::UpdateFairnessPolicyRequest> request = SetRequest(flags);
    if (!request.ok()) {
      err << request.status().message() << "\n" << kUsage;
      return 2;
    }
    v1::UpdateFairnessPolicyResponse response;
    status = stub.UpdateFairnessPolicy(NewContext(flags).get(), *request, &response);
    policy = response.policy();
  }
  if (!status.ok()) return Failed(status, command, err);
  out << PolicyTable({policy});
  return 0;
}

}  // namespace

const char* AdminUsage() { return kUsage; }

int RunAdminCommand(const std::vector<std::string>& args, std::ostream& out,
                    std::ostream& err) {
  const std::string command = args.empty() ? "" : args[0];
  if (command != "list" && command != "get" && command != "set" &&
      command != "audit") {
    err << kUsage;
    return 2;
  }
  absl::StatusOr<Flags> flags = ParseFlags(command, args);
  if (!flags.ok()) {
    err << "admin " << command << ": " << flags.status().message() << "\n" << kUsage;
    return 2;
  }
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = OpenChannel(*flags);
  if (!channel.ok()) {
    err << channel.status().message() << "\n";
    return 2;
  }
  auto stub = v1::AdminService::NewStub(*channel);
  return Dispatch(command, *stub, *flags, out, err);
}

}  // namespace callplan::crm
