// The plugin's channel over several real sidecar processes on loopback:
// --sidecar lists them, round_robin spreads the districts, and when one
// sidecar is killed partway every district is still planned exactly once
// (gRPC's retry policy and the channel take the calls the dead one had).
#include <csignal>
#include <map>
#include <memory>
#include <vector>

#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/sidecar_channel.h"
#include "plugins/sidecar_client.h"
#include "tests/fixtures/sidecar_process.h"

namespace callplan::crm {
namespace {

using callplan::testing::RandomPlanDayRequest;
using callplan::testing::SidecarProcess;
using ::testing::HasSubstr;

constexpr int kDistricts = 30;

std::vector<std::unique_ptr<SidecarProcess>> StartSidecars(int count) {
  std::vector<std::unique_ptr<SidecarProcess>> sidecars;
  for (int k = 0; k < count; ++k) {
    callplan::testing::SidecarOptions options;
    options.config = "solver_threads: 1\nmax_queued: 2\n";
    auto started = SidecarProcess::Start(options);
    EXPECT_TRUE(started.ok()) << started.status();
    if (!started.ok()) return {};
    sidecars.push_back(*std::move(started));
  }
  return sidecars;
}

std::string AddressList(const std::vector<std::unique_ptr<SidecarProcess>>& s) {
  std::vector<std::string> addresses;
  for (const auto& sidecar : s) addresses.push_back(sidecar->address());
  return absl::StrJoin(addresses, ",");
}

// `slow`: days CBC cannot prove within their one-second limit (20 reps,
// tight potential spread), so each call holds its replica for about that
// second and, with six calls spread round-robin over three replicas, the
// replica killed partway is always in the middle of some: what the test
// proves is that those calls are planned elsewhere, not merely that later
// calls avoid the dead replica.
std::vector<v1::DistrictDay> Districts(bool slow = false) {
  std::vector<v1::DistrictDay> days;
  for (int k = 0; k < kDistricts; ++k) {
    v1::DistrictDay day;
    day.set_district_id(absl::StrCat("D", k));
    *day.mutable_day() = slow ? RandomPlanDayRequest(20, 80, 60, 6, 1, 500 + k)
                              : RandomPlanDayRequest(4, 30, 1000, 8, 2, 500 + k);
    days.push_back(std::move(day));
  }
  return days;
}

size_t LogLines(const SidecarProcess& sidecar) {
  const std::string log = sidecar.Log();
  size_t n = 0;
  for (size_t at = log.find("method=PlanDistricts"); at != std::string::npos;
       at = log.find("method=PlanDistricts", at + 1)) {
    ++n;
  }
  return n;
}

TEST(SidecarChannel, ListsBecomeMultiAddressTargetsAndBadEntriesAreNamed) {
  EXPECT_EQ(*SidecarTarget("127.0.0.1:5001"), "127.0.0.1:5001");
  EXPECT_EQ(*SidecarTarget("127.0.0.1:5001, 127.0.0.1:5002"),
            "ipv4:127.0.0.1:5001,127.0.0.1:5002");
  EXPECT_EQ(*SidecarTarget("[::1]:5001,[::1]:5002"), "ipv6:[::1]:5001,[::1]:5002");
  EXPECT_EQ(*SidecarTarget("dns:///callplan-sidecar:50051"),
            "dns:///callplan-sidecar:50051");
  EXPECT_THAT(std::string(SidecarTarget("127.0.0.1:5001,127.0.0.1").status().message()),
              HasSubstr("\"127.0.0.1\" in the list is not HOST:PORT"));
  EXPECT_THAT(std::string(SidecarTarget("a.example:1,b.example:1").status().message()),
              HasSubstr("dns:///"));
}

TEST(DistrictFailover, EveryDistrictIsPlannedOnceAcrossReplicas) {
  auto sidecars = StartSidecars(3);
  ASSERT_EQ(sidecars.size(), 3u);
  SidecarOptions options;
  options.address = AddressList(sidecars);
  auto client = SidecarClient::Create(options);
  ASSERT_TRUE(client.ok()) << client.status();
  std::map<std::string, int> answered;
  ASSERT_TRUE((*client)
                  ->PlanDistricts(Districts(), 6,
                                  [&](const v1::DistrictResult& r) {
                                    EXPECT_TRUE(r.has_plan()) << r.error().message();
                                    ++answered[r.district_id()];
                                  })
                  .ok());
  ASSERT_EQ(answered.size(), static_cast<size_t>(kDistricts));
  for (const auto& [id, times] : answered) EXPECT_EQ(times, 1) << id;
  // round_robin: every replica planned some.
  for (const auto& sidecar : sidecars) EXPECT_GT(LogLines(*sidecar), 0u);
}

TEST(DistrictFailover, AKilledReplicaLosesNoDistrictAndNoneIsPlannedTwice) {
  auto sidecars = StartSidecars(3);
  ASSERT_EQ(sidecars.size(), 3u);
  SidecarOptions options;
  options.address = AddressList(sidecars);
  auto client = SidecarClient::Create(options);
  ASSERT_TRUE(client.ok()) << client.status();
  std::map<std::string, int> answered;
  int received = 0;
  ASSERT_TRUE((*client)
                  ->PlanDistricts(Districts(/*slow=*/true), 6,
                                  [&](const v1::DistrictResult& r) {
                                    EXPECT_TRUE(r.has_plan())
                                        << r.district_id() << ": " << r.error().message();
                                    EXPECT_NE(r.plan().stats().status(), v1::OPTIMAL)
                                        << r.district_id() << " was proven before its time "
                                           "limit: the test needs slow days";
                                    ++answered[r.district_id()];
                                    // Partway, with calls running on it.
                                    if (++received == 5) sidecars[0]->process().Kill();
                                  })
                  .ok());
  EXPECT_FALSE(sidecars[0]->process().Running());
  ASSERT_EQ(answered.size(), static_cast<size_t>(kDistricts));
  for (const auto& [id, times] : answered) EXPECT_EQ(times, 1) << id;
  EXPECT_GT(LogLines(*sidecars[1]) + LogLines(*sidecars[2]), 0u);
}

}  // namespace
}  // namespace callplan::crm
