// TLS and mutual TLS with a throwaway CA made by openssl: the right callers
// get in, plaintext, untrusted servers and unknown client certificates do
// not.
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "gtest/gtest.h"
#include "absl/time/clock.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/paths.h"
#include "tests/fixtures/sidecar_process.h"

namespace callplan {
namespace {

using ::callplan::testing::MakeTempDir;
using ::callplan::testing::MakeTestPki;
using ::callplan::testing::NewTlsChannel;
using ::callplan::testing::SampleRouteRequest;
using ::callplan::testing::SidecarOptions;
using ::callplan::testing::SidecarProcess;

grpc::Status CallRoute(const std::shared_ptr<grpc::Channel>& channel) {
  auto request = SampleRouteRequest();
  EXPECT_TRUE(request.ok());
  auto stub = v1::PlannerService::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  v1::RouteResponse response;
  return stub->Route(&context, *request, &response);
}

TEST(SidecarTls, TrustingCallersGetInPlaintextAndUntrustedDoNot) {
  SidecarOptions options;
  options.tls = true;
  auto sidecar = SidecarProcess::Start(options);
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const auto& pki = (*sidecar)->pki();
  const std::string address = (*sidecar)->address();

  const grpc::Status trusted = CallRoute(NewTlsChannel(address, pki.ca_cert, "", ""));
  EXPECT_TRUE(trusted.ok()) << trusted.error_message();

  const grpc::Status plaintext = CallRoute(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  EXPECT_EQ(plaintext.error_code(), grpc::StatusCode::UNAVAILABLE);

  // A caller that trusts another CA must not accept this server.
  const std::string other_ca = pki.ca_cert.substr(0, pki.ca_cert.rfind('/')) +
                               "/other-ca.crt";
  const grpc::Status untrusted = CallRoute(NewTlsChannel(address, other_ca, "", ""));
  EXPECT_EQ(untrusted.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ((*sidecar)->Stop(), 0);
}

TEST(SidecarTls, MutualTlsNeedsAClientCertificateFromTheClientCa) {
  SidecarOptions options;
  options.mutual_tls = true;
  auto sidecar = SidecarProcess::Start(options);
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  const auto& pki = (*sidecar)->pki();
  const std::string address = (*sidecar)->address();

  const grpc::Status with_cert = CallRoute(
      NewTlsChannel(address, pki.ca_cert, pki.client_cert, pki.client_key));
  EXPECT_TRUE(with_cert.ok()) << with_cert.error_message();

  const grpc::Status without_cert =
      CallRoute(NewTlsChannel(address, pki.ca_cert, "", ""));
  EXPECT_EQ(without_cert.error_code(), grpc::StatusCode::UNAVAILABLE);

  const grpc::Status stranger = CallRoute(
      NewTlsChannel(address, pki.ca_cert, pki.stranger_cert, pki.stranger_key));
  EXPECT_EQ(stranger.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ((*sidecar)->Stop(), 0);
}

TEST(SidecarTls, PlaintextBeyondLoopbackIsRefusedUnlessAllowed) {
  const auto refused = ::callplan::testing::RunCommand(
      ::callplan::testing::BinDir() +
      "/callplan-sidecar serve --config /dev/null --listen 0.0.0.0:0");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("not a loopback address"), std::string::npos)
      << refused.err;
}

}  // namespace
}  // namespace callplan
