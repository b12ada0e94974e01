// Authorizer decisions from what a caller presents, without a server:
// roles per token and per certificate identity, the open (no roles) mode,
// config mistakes named by field, and actor names that never carry secrets.
#include "server/auth.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace callplan {
namespace {

using ::testing::HasSubstr;

v1::SidecarRole TokenRole(const std::string& role, const std::string& token,
                          const std::string& name) {
  v1::SidecarRole r;
  r.set_role(role);
  r.set_token_sha256(Sha256Hex(token));
  r.set_name(name);
  return r;
}

v1::SidecarRole CertRole(const std::string& role, const std::string& identity) {
  v1::SidecarRole r;
  r.set_role(role);
  r.set_certificate_identity(identity);
  return r;
}

CallerCredentials WithToken(const std::string& token) {
  CallerCredentials c;
  c.peer = "ipv4:10.1.2.3:5000";
  c.has_bearer_token = true;
  c.bearer_token = token;
  return c;
}

CallerCredentials WithCert(std::vector<std::string> names) {
  CallerCredentials c;
  c.peer = "ipv4:10.1.2.3:5000";
  c.certificate_names = std::move(names);
  return c;
}

std::unique_ptr<Authorizer> Make(const std::vector<v1::SidecarRole>& roles) {
  auto made = Authorizer::Create(roles);
  EXPECT_TRUE(made.ok()) << made.status();
  return made.ok() ? *std::move(made) : nullptr;
}

TEST(Sha256Hex, KnownVector) {
  EXPECT_EQ(Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(IsLoopbackPeer, OnlyLocalAddresses) {
  EXPECT_TRUE(IsLoopbackPeer("ipv4:127.0.0.1:4000"));
  EXPECT_TRUE(IsLoopbackPeer("ipv6:[::1]:4000"));
  EXPECT_TRUE(IsLoopbackPeer("ipv6:%5B::1%5D:4000"));
  EXPECT_TRUE(IsLoopbackPeer("unix:/tmp/s"));
  EXPECT_FALSE(IsLoopbackPeer("ipv4:10.0.0.1:4000"));
  EXPECT_FALSE(IsLoopbackPeer("ipv6:[2001:db8::1]:4000"));
  EXPECT_FALSE(IsLoopbackPeer("ipv4:128.0.0.1:4000"));
}

TEST(Authorizer, WithoutRolesLoopbackMayDoEverythingAndOthersNothing) {
  auto auth = Make({});
  CallerCredentials local;
  local.peer = "ipv4:127.0.0.1:4000";
  for (Permission p : {Permission::kPlan, Permission::kManagePolicies,
                       Permission::kReadAudit}) {
    EXPECT_TRUE(auth->Check(local, p).status.ok());
    EXPECT_TRUE(absl::IsPermissionDenied(auth->Check(WithToken("x"), p).status));
  }
  EXPECT_EQ(auth->Check(local, Permission::kPlan).actor, "anonymous@ipv4:127.0.0.1");
}

TEST(Authorizer, TokensGetTheirRolesOnly) {
  auto auth = Make({TokenRole("admin", "admin-secret", "alice"),
                    TokenRole("planner", "crm-secret", "crm"),
                    TokenRole("auditor", "audit-secret", "bot")});
  const AccessDecision admin = auth->Check(WithToken("admin-secret"),
                                           Permission::kManagePolicies);
  EXPECT_TRUE(admin.status.ok());
  EXPECT_EQ(admin.actor, "token:alice");
  EXPECT_TRUE(auth->Check(WithToken("admin-secret"), Permission::kReadAudit).status.ok());
  EXPECT_TRUE(absl::IsPermissionDenied(
      auth->Check(WithToken("admin-secret"), Permission::kPlan).status));
  EXPECT_TRUE(auth->Check(WithToken("crm-secret"), Permission::kPlan).status.ok());
  EXPECT_TRUE(absl::IsPermissionDenied(
      auth->Check(WithToken("crm-secret"), Permission::kReadAudit).status));
  EXPECT_TRUE(auth->Check(WithToken("audit-secret"), Permission::kReadAudit).status.ok());
  EXPECT_TRUE(absl::IsPermissionDenied(
      auth->Check(WithToken("audit-secret"), Permission::kManagePolicies).status));

  const AccessDecision wrong = auth->Check(WithToken("guess"), Permission::kPlan);
  EXPECT_TRUE(absl::IsUnauthenticated(wrong.status));
  EXPECT_EQ(wrong.actor, "anonymous@ipv4:10.1.2.3");
  EXPECT_THAT(wrong.status.message(), ::testing::Not(HasSubstr("guess")));
  CallerCredentials nobody;
  nobody.peer = "ipv4:127.0.0.1:9";
  EXPECT_TRUE(absl::IsUnauthenticated(auth->Check(nobody, Permission::kPlan).status));
}

TEST(Authorizer, CertificatesMatchCnOrSanAndMayHoldSeveralRoles) {
  auto auth = Make({CertRole("planner", "crm-plugin"),
                    CertRole("admin", "ops.example.com"),
                    CertRole("planner", "ops.example.com")});
  EXPECT_TRUE(auth->Check(WithCert({"crm-plugin"}), Permission::kPlan).status.ok());
  const AccessDecision denied =
      auth->Check(WithCert({"crm-plugin"}), Permission::kManagePolicies);
  EXPECT_TRUE(absl::IsPermissionDenied(denied.status));
  EXPECT_EQ(denied.actor, "cert:crm-plugin");
  // Matched by a subject alternative name.
  const CallerCredentials ops = WithCert({"Ops Team", "ops.example.com"});
  EXPECT_TRUE(auth->Check(ops, Permission::kManagePolicies).status.ok());
  EXPECT_TRUE(auth->Check(ops, Permission::kPlan).status.ok());
  // A certificate the CA signed but nobody gave a role.
  EXPECT_TRUE(absl::IsPermissionDenied(
      auth->Check(WithCert({"intern"}), Permission::kPlan).status));
}

TEST(Authorizer, ConfigMistakesNameTheField) {
  v1::SidecarRole bad_role = CertRole("root", "x");
  v1::SidecarRole both = TokenRole("admin", "t", "n");
  both.set_certificate_identity("x");
  v1::SidecarRole raw_token = CertRole("admin", "");
  raw_token.set_token_sha256("my-plain-token");
  raw_token.set_name("n");
  v1::SidecarRole unnamed = TokenRole("admin", "t", "");
  struct Case {
    v1::SidecarRole role;
    const char* field;
  };
  for (const Case& c : {Case{bad_role, "roles[0].role"}, Case{both, "roles[0]:"},
                        Case{raw_token, "roles[0].token_sha256"},
                        Case{unnamed, "roles[0].name"}}) {
    auto made = Authorizer::Create({c.role});
    ASSERT_FALSE(made.ok()) << c.field;
    EXPECT_THAT(made.status().message(), HasSubstr(c.field));
    EXPECT_THAT(made.status().message(), ::testing::Not(HasSubstr("my-plain-token")));
  }
}

}  // namespace
}  // namespace callplan
