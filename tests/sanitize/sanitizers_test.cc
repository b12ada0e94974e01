// The sanitizer build catches what it is there for, in the processes tests
// start as well as in the tests: the canary (one planted bug per mode) runs
// as a child process, the way the tests run callplan-sidecar and
// callplan-crm, with the environment ctest gives every test. Each bug must
// stop it with a failing exit code and the sanitizer's report, so a real
// finding fails CI. Only built with CALLPLAN_SANITIZE.
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/fixtures/command.h"

namespace callplan {
namespace {

testing::CommandResult RunCanary(const std::string& mode) {
  return testing::RunCommand(
      absl::StrCat(CALLPLAN_BINARY_DIR, "/tests/sanitizer_canary ", mode, " 8"));
}

TEST(Sanitizers, CleanRunPassesWithTheTestEnvironment) {
  // Also proves the suppression file named in LSAN_OPTIONS is readable: a
  // missing one stops every sanitized process at exit.
  const testing::CommandResult run = RunCanary("none");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
}

TEST(Sanitizers, HeapOverflowStopsTheProcess) {
  const testing::CommandResult run = RunCanary("heap-overflow");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("AddressSanitizer: heap-buffer-overflow"),
            std::string::npos) << run.err;
  EXPECT_EQ(run.out.find("survived"), std::string::npos);
}

TEST(Sanitizers, UndefinedBehaviourStopsTheProcess) {
  // UBSan alone would report and carry on; -fno-sanitize-recover=all makes
  // it fatal, and UBSAN_OPTIONS=print_stacktrace=1 adds the stack.
  const testing::CommandResult run = RunCanary("signed-overflow");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("runtime error: signed integer overflow"),
            std::string::npos) << run.err;
  EXPECT_NE(run.err.find("#0 "), std::string::npos) << run.err;
  EXPECT_EQ(run.out.find("survived"), std::string::npos);
}

TEST(Sanitizers, LeakFailsTheProcessAtExit) {
  const testing::CommandResult run = RunCanary("leak");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("LeakSanitizer: detected memory leaks"),
            std::string::npos) << run.err;
}

TEST(Sanitizers, AsanOptionsReachChildProcesses) {
  // Found only with detect_stack_use_after_return=1, which comes from the
  // ASAN_OPTIONS ctest sets: the child sees the test's settings.
  const testing::CommandResult run = RunCanary("stack-use-after-return");
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("AddressSanitizer: stack-use-after-return"),
            std::string::npos) << run.err;
}

}  // namespace
}  // namespace callplan
