#include "server/auth.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <set>

#include <grpc/grpc_security_constants.h>
#include <grpcpp/security/auth_context.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"

namespace callplan {
namespace {

bool IsHex64(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!absl::ascii_isxdigit(c) || absl::ascii_isupper(c)) return false;
  }
  return true;
}

bool Allows(const std::string& role, Permission needed) {
  switch (needed) {
    case Permission::kPlan:
      return role == "planner";
    case Permission::kManagePolicies:
      return role == "admin";
    case Permission::kReadAudit:
      return role == "admin" || role == "auditor";
    case Permission::kManagePlans:
      return role == "manager";
    case Permission::kReadPlans:
      return role == "planner" || role == "manager" || role == "auditor" ||
             role == "admin";
  }
  return false;
}

// Compares hashes in constant time so response times say nothing about how
// close a guess was.
bool SameHash(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

// The peer without its port: who it is, not which connection.
std::string Anonymous(const std::string& peer) {
  std::string host = peer;
  if (!absl::StartsWith(peer, "unix:")) {
    const size_t colon = host.rfind(':');
    if (colon != std::string::npos && colon > host.find(':')) host.resize(colon);
  }
  return absl::StrCat("anonymous@", host);
}

AccessDecision Deny(absl::Status status, std::string actor) {
  return {std::move(status), std::move(actor)};
}

}  // namespace

std::string Sha256Hex(absl::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         digest);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

bool IsLoopbackPeer(const std::string& peer) {
  absl::string_view view(peer);
  if (absl::StartsWith(view, "unix:")) return true;
  if (absl::ConsumePrefix(&view, "ipv4:")) return absl::StartsWith(view, "127.");
  if (absl::ConsumePrefix(&view, "ipv6:")) {
    absl::ConsumePrefix(&view, "%5B");
    absl::ConsumePrefix(&view, "[");
    return absl::StartsWith(view, "::1]") || absl::StartsWith(view, "::1%5D") ||
           absl::StartsWith(view, "::ffff:127.");
  }
  return false;
}

CallerCredentials CredentialsOf(const grpc::ServerContextBase& context) {
  CallerCredentials caller;
  caller.peer = context.peer();
  const auto& metadata = context.client_metadata();
  const auto it = metadata.find("authorization");
  if (it != metadata.end()) {
    absl::string_view value(it->second.data(), it->second.size());
    caller.has_bearer_token = true;
    if (value.size() > 7 && absl::EqualsIgnoreCase(value.substr(0, 7), "bearer ")) {
      caller.bearer_token = std::string(absl::StripAsciiWhitespace(value.substr(7)));
    }
  }
  const std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth != nullptr && auth->IsPeerAuthenticated()) {
    for (const char* property :
         {GRPC_X509_CN_PROPERTY_NAME, GRPC_X509_SAN_PROPERTY_NAME}) {
      for (const grpc::string_ref& name : auth->FindPropertyValues(property)) {
        caller.certificate_names.emplace_back(name.data(), name.size());
      }
    }
  }
  return caller;
}

absl::StatusOr<std::unique_ptr<Authorizer>> Authorizer::Create(
    const std::vector<v1::SidecarRole>& roles) {
  for (size_t i = 0; i < roles.size(); ++i) {
    const v1::SidecarRole& r = roles[i];
    const std::string field = absl::StrCat("roles[", i, "]");
    if (r.role() != "admin" && r.role() != "planner" && r.role() != "auditor" &&
        r.role() != "manager") {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ".role: must be admin, planner, manager or auditor, got \"", r.role(),
          "\""));
    }
    if (r.certificate_identity().empty() == r.token_sha256().empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ": give certificate_identity or token_sha256 (one of them)"));
    }
    if (!r.token_sha256().empty() && !IsHex64(r.token_sha256())) {
      // The value itself is not repeated: it may be a pasted token.
      return absl::InvalidArgumentError(absl::StrCat(
          field, ".token_sha256: must be 64 lowercase hex digits (the "
                 "SHA-256 of the token, not the token)"));
    }
    if (!r.token_sha256().empty() && r.name().empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ".name: is required with token_sha256 (it names the caller "
                 "in the audit trail)"));
    }
  }
  return std::unique_ptr<Authorizer>(new Authorizer(roles));
}

AccessDecision Authorizer::Check(const CallerCredentials& caller,
                                 Permission needed) const {
  if (open()) {
    std::string actor = caller.certificate_names.empty()
                            ? Anonymous(caller.peer)
                            : absl::StrCat("cert:", caller.certificate_names[0]);
    if (IsLoopbackPeer(caller.peer)) return {absl::OkStatus(), actor};
    return Deny(absl::PermissionDeniedError(
                    "no roles are configured, so only loopback callers are "
                    "allowed; configure roles in the sidecar config"),
                actor);
  }
  std::string actor;
  std::set<std::string> granted;
  if (caller.has_bearer_token) {
    const std::string hash = Sha256Hex(caller.bearer_token);
    for (const v1::SidecarRole& r : roles_) {
      if (!r.token_sha256().empty() && SameHash(r.token_sha256(), hash)) {
        actor = absl::StrCat("token:", r.name());
        granted.insert(r.role());
      }
    }
    if (actor.empty()) {
      return Deny(absl::UnauthenticatedError("unknown bearer token"),
                  Anonymous(caller.peer));
    }
  } else if (!caller.certificate_names.empty()) {
    actor = absl::StrCat("cert:", caller.certificate_names[0]);
    for (const v1::SidecarRole& r : roles_) {
      for (const std::string& name : caller.certificate_names) {
        if (!r.certificate_identity().empty() && r.certificate_identity() == name) {
          granted.insert(r.role());
        }
      }
    }
  } else {
    return Deny(absl::UnauthenticatedError(
                    "present a client certificate or a bearer token"),
                Anonymous(caller.peer));
  }
  for (const std::string& role : granted) {
    if (Allows(role, needed)) return {absl::OkStatus(), actor};
  }
  return Deny(absl::PermissionDeniedError(absl::StrCat(
                  actor, " may not do this (roles: ",
                  granted.empty() ? "none" : absl::StrJoin(granted, ", "), ")")),
              actor);
}

}  // namespace callplan
