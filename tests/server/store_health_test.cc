// Health follows whether plans can be recorded (issue 10, finding 8). Another
// process holding the SQLite store's write lock (a backup, a stuck tool)
// makes every audit write fail: health must say NOT_SERVING while it lasts
// and SERVING again once the store takes writes, with no restart.
#include <sqlite3.h>

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/fixtures/process.h"
#include "tests/fixtures/sidecar_process.h"

namespace callplan {
namespace {

using ::callplan::testing::CheckHealth;
using ::callplan::testing::MakeTempDir;
using ::callplan::testing::SampleTerritoryRequest;
using ::callplan::testing::SidecarOptions;
using ::callplan::testing::SidecarProcess;

constexpr int kServing = 1;
constexpr int kNotServing = 2;

// Polls health until it reads `want` or `patience` passes; the last answer.
int AwaitHealth(grpc::Channel& channel, int want, absl::Duration patience) {
  const absl::Time give_up = absl::Now() + patience;
  int health = -1;
  do {
    absl::StatusOr<int> checked = CheckHealth(channel);
    health = checked.ok() ? *checked : -1;
    if (health == want) break;
    absl::SleepFor(absl::Milliseconds(100));
  } while (absl::Now() < give_up);
  return health;
}

grpc::Status PlanSample(v1::PlannerService::Stub& stub) {
  auto request = SampleTerritoryRequest();
  EXPECT_TRUE(request.ok());
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  v1::PlanDayResponse response;
  return stub.PlanDay(&context, *request, &response);
}

TEST(StoreHealth, NotServingWhileTheAuditTrailCannotBeWrittenThenServingAgain) {
  const std::string db = MakeTempDir("callplan-health") + "/callplan.db";
  SidecarOptions options;
  options.config = absl::StrCat("store_url: \"sqlite:", db, "\"\n");
  auto sidecar = SidecarProcess::Start(options);
  ASSERT_TRUE(sidecar.ok()) << sidecar.status();
  auto channel = (*sidecar)->NewChannel();
  auto stub = (*sidecar)->NewStub();
  ASSERT_TRUE(PlanSample(*stub).ok());
  EXPECT_EQ(AwaitHealth(*channel, kServing, absl::Seconds(5)), kServing);

  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr),
            SQLITE_OK);
  const grpc::Status refused = PlanSample(*stub);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAVAILABLE)
      << refused.error_message();
  // At once after the failed record, not at the next probe.
  absl::StatusOr<int> now = CheckHealth(*channel);
  ASSERT_TRUE(now.ok()) << now.status();
  EXPECT_EQ(*now, kNotServing);
  absl::StatusOr<int> planner =
      CheckHealth(*channel, "callplan.v1.PlannerService");
  ASSERT_TRUE(planner.ok());
  EXPECT_EQ(*planner, kNotServing);

  ASSERT_EQ(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(other);
  EXPECT_EQ(AwaitHealth(*channel, kServing, absl::Seconds(60)), kServing)
      << (*sidecar)->Log();
  EXPECT_TRUE(PlanSample(*stub).ok());
  EXPECT_NE((*sidecar)->Log().find("health NOT_SERVING"), std::string::npos);
  EXPECT_NE((*sidecar)->Log().find("health SERVING"), std::string::npos);
  EXPECT_EQ((*sidecar)->Stop(), 0) << (*sidecar)->Log();
}

}  // namespace
}  // namespace callplan
