// `callplan-sidecar serve` and its listen address (issue 10, finding 6): a
// port out of range or an address that is not HOST:PORT is refused naming
// it, the log names the port actually bound, and a second sidecar on a port
// in use fails instead of sharing it.
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/sidecar_config.h"
#include "tests/fixtures/command.h"
#include "tests/fixtures/paths.h"
#include "tests/fixtures/process.h"
#include "tests/fixtures/sidecar_process.h"

namespace callplan {
namespace {

using ::callplan::testing::BinDir;
using ::callplan::testing::MakeTempDir;
using ::callplan::testing::RunCommand;
using ::callplan::testing::SidecarProcess;
using ::testing::HasSubstr;

// Runs serve in a scratch folder (its store must not land in the tree);
// only commands that exit on their own.
::callplan::testing::CommandResult Serve(const std::string& flags) {
  return RunCommand(absl::StrCat("cd ", MakeTempDir("callplan-serve"), " && ",
                                 BinDir(), "/callplan-sidecar serve ", flags));
}

TEST(ServeCommand, ListenAddressesThatAreNotHostPortAreRefusedNamingThem) {
  const auto port = Serve("--listen 127.0.0.1:99999");
  EXPECT_EQ(port.exit_code, 2);
  EXPECT_THAT(port.err, HasSubstr("listen: \"127.0.0.1:99999\" has port \"99999\"; "
                                  "ports are 0..65535"));
  const auto garbage = Serve("--listen garbage");
  EXPECT_EQ(garbage.exit_code, 2);
  EXPECT_THAT(garbage.err, HasSubstr("listen: \"garbage\" is not HOST:PORT"));
  EXPECT_THAT(garbage.err, ::testing::Not(HasSubstr("loopback")));
}

TEST(ServeCommand, ASecondSidecarOnAPortInUseFailsAndTheLogNamesTheBoundPort) {
  auto first = SidecarProcess::Start();
  ASSERT_TRUE(first.ok()) << first.status();
  const std::string address = (*first)->address();
  EXPECT_THAT((*first)->Log(), HasSubstr("serving on " + address + " ("));
  const auto second = Serve("--listen " + address);
  EXPECT_EQ(second.exit_code, 1) << second.err;
  EXPECT_THAT(second.err, HasSubstr("cannot serve on " + address));
  EXPECT_EQ((*first)->Stop(), 0);
}

TEST(ParseListenAddress, AcceptsHostsAndPortsAndNamesWhatIsWrong) {
  auto v4 = ParseListenAddress("127.0.0.1:0");
  ASSERT_TRUE(v4.ok());
  EXPECT_EQ(v4->port, 0);
  auto v6 = ParseListenAddress("[::1]:50051");
  ASSERT_TRUE(v6.ok()) << v6.status();
  EXPECT_EQ(v6->host, "[::1]");
  EXPECT_EQ(v6->port, 50051);
  for (const char* bad : {"", ":50051", "host:", "host:-1", "host:5x", "::1:80",
                          "[::1:80", "host:123456"}) {
    EXPECT_FALSE(ParseListenAddress(bad).ok()) << bad;
  }
  EXPECT_EQ(WithPort("127.0.0.1:0", 4321), "127.0.0.1:4321");
}

}  // namespace
}  // namespace callplan
