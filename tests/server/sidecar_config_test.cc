// The serve configuration: text-format file, flags over it, defaults and
// the checks that keep a misconfigured sidecar from starting.
#include <fstream>

#include "gtest/gtest.h"
#include "server/sidecar_config.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/paths.h"

namespace callplan {
namespace {

using ::callplan::testing::SourceDir;
using ::callplan::testing::WriteTempFile;

TEST(SidecarConfig, TheShippedDefaultFileParses) {
  std::ifstream in(SourceDir() + "/config/sidecar.textproto");
  std::stringstream text;
  text << in.rdbuf();
  auto config = ParseSidecarConfig(text.str(), "sidecar.textproto");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->listen(), "127.0.0.1:50051");
  auto settings = ResolveServeSettings(*config);
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_GE(settings->solver_threads, 1);
  EXPECT_EQ(settings->max_queued, 4);
}

TEST(SidecarConfig, UnknownFieldIsAnErrorNamingIt) {
  auto config = ParseSidecarConfig("solver_threads: 2\nsolver_thread: 3\n", "x.textproto");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("solver_thread"), std::string::npos)
      << config.status();
  EXPECT_NE(config.status().message().find("x.textproto:2"), std::string::npos)
      << config.status();
}

TEST(SidecarConfig, FlagsOverrideTheFile) {
  const std::string path =
      WriteTempFile("sidecar.textproto", "solver_threads: 3\nmax_queued: 9\n"
                                         "listen: \"127.0.0.1:1\"\n");
  auto config = SidecarConfigFromArgs(
      {"--config", path, "--solver-threads", "5", "--max-queued=0",
       "--listen", "127.0.0.1:7", "--tls-cert", "c.pem", "--tls-key", "k.pem"});
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->solver_threads(), 5u);
  ASSERT_TRUE(config->has_max_queued());
  EXPECT_EQ(config->max_queued(), 0u);
  EXPECT_EQ(config->listen(), "127.0.0.1:7");
  EXPECT_EQ(config->tls().cert_file(), "c.pem");
  EXPECT_EQ(config->tls().key_file(), "k.pem");
}

TEST(SidecarConfig, BadFlagsAreErrors) {
  EXPECT_FALSE(SidecarConfigFromArgs({"--config", "/dev/null", "--bogus", "1"}).ok());
  EXPECT_FALSE(SidecarConfigFromArgs({"--config", "/dev/null", "--max-queued", "-1"}).ok());
  EXPECT_FALSE(SidecarConfigFromArgs({"--config", "/dev/null", "--listen"}).ok());
  EXPECT_FALSE(SidecarConfigFromArgs({"--config", "/no/such/file"}).ok());
}

TEST(SidecarConfig, UnsetQueueDefaultsToTwicePerThread) {
  v1::SidecarConfig config;
  config.set_solver_threads(3);
  auto settings = ResolveServeSettings(config);
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->max_queued, 6);
  config.set_max_queued(0);
  EXPECT_EQ(ResolveServeSettings(config)->max_queued, 0);
}

TEST(SidecarConfig, PlaintextOnlyOnLoopbackUnlessAllowed) {
  EXPECT_TRUE(IsLoopbackListenAddress("127.0.0.1:50051"));
  EXPECT_TRUE(IsLoopbackListenAddress("localhost:1"));
  EXPECT_TRUE(IsLoopbackListenAddress("[::1]:1"));
  EXPECT_FALSE(IsLoopbackListenAddress("0.0.0.0:1"));
  EXPECT_FALSE(IsLoopbackListenAddress("[::]:1"));
  EXPECT_FALSE(IsLoopbackListenAddress("10.1.2.3:1"));

  v1::SidecarConfig config;
  config.set_listen("0.0.0.0:50051");
  EXPECT_FALSE(ResolveServeSettings(config).ok());
  config.mutable_tls()->set_allow_plaintext_non_loopback(true);
  EXPECT_TRUE(ResolveServeSettings(config).ok());
}

TEST(SidecarConfig, TlsSettingsMustBeComplete) {
  v1::SidecarConfig config;
  config.mutable_tls()->set_cert_file("server.crt");
  EXPECT_FALSE(ResolveServeSettings(config).ok());
  config.mutable_tls()->clear_cert_file();
  config.mutable_tls()->set_client_ca_file("ca.crt");
  EXPECT_FALSE(ResolveServeSettings(config).ok());
}

TEST(SidecarConfig, HmacKeyComesFromTheKeyFile) {
  v1::SidecarConfig config;
  config.mutable_log()->set_hmac_key_file(WriteTempFile("hmac.key", "s3cret\n"));
  auto settings = ResolveServeSettings(config);
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->hmac_key, "s3cret");
  config.mutable_log()->set_hmac_key("other");
  EXPECT_FALSE(ResolveServeSettings(config).ok());
}

}  // namespace
}  // namespace callplan
