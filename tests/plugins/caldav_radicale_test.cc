// The CalDAV calendars against a real Radicale server: the first sync
// creates exactly the planned events, the second changes nothing, a re-plan
// deletes only what left the plan, the rep's own events survive, edits made
// in the calendar are reported and kept, and a server killed mid-sync is
// repaired by the next run without duplicates.
#include <map>
#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/caldav_client.h"
#include "plugins/caldav_sync.h"
#include "plugins/crm_sync.h"
#include "tests/fixtures/radicale_process.h"
#include "tests/plugins/plugin_test_support.h"

namespace callplan::crm {
namespace {

using ::testing::HasSubstr;
using testing::SampleBundle;
using testing::TestPlan;

constexpr char kDate[] = "2026-03-12";

class RadicaleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<callplan::testing::RadicaleProcess>> server =
        callplan::testing::RadicaleProcess::Start();
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    target_.calendar = server_->url() + "/{rep_id}/visits/";
    target_.caldav.retry_for = absl::Seconds(2);
    target_.caldav.first_backoff = absl::Milliseconds(50);
  }

  absl::StatusOr<std::vector<RepSyncResult>> Sync(const v1::PlanDayResponse& plan) {
    return SyncCalendars(bundle_, plan, kDate, target_);
  }

  // The rep's events of the day, by UID; a UID seen twice fails the test.
  std::map<std::string, ExistingEvent> Events(const std::string& rep) {
    CalDavClient client({});
    absl::StatusOr<std::vector<ExistingEvent>> listed = client.ListEvents(
        CalendarUrl(target_.calendar, rep), absl::CivilDay(2026, 3, 12));
    EXPECT_TRUE(listed.ok()) << listed.status();
    std::map<std::string, ExistingEvent> out;
    if (!listed.ok()) return out;
    for (ExistingEvent& event : *listed) {
      const std::string uid = event.event.uid;
      EXPECT_TRUE(out.emplace(uid, std::move(event)).second) << "duplicate " << uid;
    }
    return out;
  }

  int TotalEvents() {
    int total = 0;
    for (const CrmRep& rep : bundle_.reps) total += Events(rep.id).size();
    return total;
  }

  // Puts `ics` at `url` the way another calendar client would.
  void PutAsAnotherClient(const std::string& url, const std::string& ics,
                          const std::string& etag) {
    CalDavClient client({});
    std::vector<std::string> headers = {"Content-Type: text/calendar"};
    if (!etag.empty()) headers.push_back("If-Match: " + etag);
    absl::StatusOr<HttpResponse> put = client.Send("PUT", url, headers, ics);
    ASSERT_TRUE(put.ok()) << put.status();
    ASSERT_LT(put->status, 300) << put->body;
  }

  // Changes the summary of an event as a rep editing it would.
  void EditSummary(const ExistingEvent& event, const std::string& prefix) {
    CalDavClient client({});
    absl::StatusOr<HttpResponse> got = client.Get(event.href);
    ASSERT_TRUE(got.ok()) << got.status();
    std::string ics = got->body;
    const size_t at = ics.find("SUMMARY:");
    ASSERT_NE(at, std::string::npos);
    ics.insert(at + 8, prefix);
    PutAsAnotherClient(event.href, ics, got->etag);
  }

  CrmBundle bundle_ = SampleBundle();
  CalendarTarget target_;
  std::unique_ptr<callplan::testing::RadicaleProcess> server_;
};

TEST_F(RadicaleTest, FirstSyncCreatesExactlyThePlanAndSecondChangesNothing) {
  const v1::PlanDayResponse plan = TestPlan(bundle_, 8, 4);
  absl::StatusOr<std::vector<RepSyncResult>> first = Sync(plan);
  ASSERT_TRUE(first.ok()) << first.status() << server_->ReadLog();
  for (const RepSyncResult& r : *first) {
    EXPECT_EQ(r.tally.created, 4) << r.where;
    EXPECT_EQ(r.tally.conflicts, 0) << r.where;
  }
  const std::map<std::string, ExistingEvent> r01 = Events("R01");
  ASSERT_EQ(r01.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    const std::string uid = VisitUid("R01", kDate, bundle_.physicians[i].id);
    ASSERT_EQ(r01.count(uid), 1u) << uid;
    EXPECT_TRUE(r01.at(uid).event.created_by_callplan);
  }
  EXPECT_EQ(TotalEvents(), 32);

  absl::StatusOr<std::vector<RepSyncResult>> second = Sync(plan);
  ASSERT_TRUE(second.ok()) << second.status();
  for (const RepSyncResult& r : *second) {
    EXPECT_FALSE(r.tally.changed()) << r.where;
    EXPECT_EQ(r.tally.unchanged, 4) << r.where;
  }
  // Not even rewritten: the server's versions are the same.
  const std::map<std::string, ExistingEvent> again = Events("R01");
  for (const auto& [uid, event] : r01) EXPECT_EQ(again.at(uid).etag, event.etag);
}

TEST_F(RadicaleTest, ReplanDeletesOnlyTheDroppedVisitAndLeavesForeignEvents) {
  v1::PlanDayResponse plan = TestPlan(bundle_, 2, 3);
  ASSERT_TRUE(Sync(plan).ok());
  const std::string calendar = CalendarUrl(target_.calendar, "R01");
  PutAsAnotherClient(calendar + "dentist.ics",
                     "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rep//phone//EN\r\n"
                     "BEGIN:VEVENT\r\nUID:dentist@rep\r\nDTSTAMP:20260301T080000Z\r\n"
                     "DTSTART:20260312T160000Z\r\nDTEND:20260312T170000Z\r\n"
                     "SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                     "");
  const std::string dropped = VisitUid("R01", kDate, bundle_.physicians[2].id);
  ASSERT_EQ(Events("R01").count(dropped), 1u);
  const std::string kept_etag =
      Events("R01").at(VisitUid("R01", kDate, bundle_.physicians[0].id)).etag;

  plan.mutable_rep_days(0)->mutable_visits()->RemoveLast();
  absl::StatusOr<std::vector<RepSyncResult>> replan = Sync(plan);
  ASSERT_TRUE(replan.ok()) << replan.status();
  EXPECT_EQ((*replan)[0].tally.deleted, 1);
  EXPECT_EQ((*replan)[0].tally.unchanged, 2);
  EXPECT_EQ((*replan)[0].tally.updated + (*replan)[0].tally.created, 0);
  EXPECT_FALSE((*replan)[1].tally.changed());
  const std::map<std::string, ExistingEvent> events = Events("R01");
  EXPECT_EQ(events.size(), 3u);  // two visits and the dentist
  EXPECT_EQ(events.count(dropped), 0u);
  ASSERT_EQ(events.count("dentist@rep"), 1u);
  EXPECT_FALSE(events.at("dentist@rep").event.created_by_callplan);
  EXPECT_EQ(events.at(VisitUid("R01", kDate, bundle_.physicians[0].id)).etag,
            kept_etag);

  // With no visits left at all, the dentist still stays.
  plan.mutable_rep_days(0)->clear_visits();
  ASSERT_TRUE(Sync(plan).ok());
  EXPECT_EQ(Events("R01").size(), 1u);
  EXPECT_EQ(Events("R01").count("dentist@rep"), 1u);
}

TEST_F(RadicaleTest, EditInTheCalendarBetweenSyncsIsReportedAndKept) {
  v1::PlanDayResponse plan = TestPlan(bundle_, 1, 3);
  ASSERT_TRUE(Sync(plan).ok());
  const std::string edited = VisitUid("R01", kDate, bundle_.physicians[1].id);
  EditSummary(Events("R01").at(edited), "Call first: ");

  // The re-plan moves every visit (longer legs), including the edited one.
  for (v1::Visit& visit : *plan.mutable_rep_days(0)->mutable_visits()) {
    visit.set_leg_distance(10);
  }
  absl::StatusOr<std::vector<RepSyncResult>> replan = Sync(plan);
  ASSERT_TRUE(replan.ok()) << replan.status();
  const CalendarTally& tally = (*replan)[0].tally;
  EXPECT_EQ(tally.conflicts, 1);
  EXPECT_EQ(tally.updated, 2);
  EXPECT_THAT(SummaryTable(*replan, false),
              HasSubstr("edited in the calendar since callplan wrote it"));
  EXPECT_THAT(Events("R01").at(edited).event.summary, HasSubstr("Call first: "));
}

TEST_F(RadicaleTest, EditDuringTheSyncIsAConflictNotOverwritten) {
  v1::PlanDayResponse plan = TestPlan(bundle_, 1, 2);
  ASSERT_TRUE(Sync(plan).ok());
  const std::string uid = VisitUid("R01", kDate, bundle_.physicians[0].id);
  const ExistingEvent before = Events("R01").at(uid);
  plan.mutable_rep_days(0)->mutable_visits(0)->set_leg_distance(12);
  // The rep edits the event after the sync listed it, before it is updated.
  bool edited = false;
  target_.caldav.before_request = [&](const std::string& method,
                                      const std::string& url) {
    if (method == "PUT" && url == before.href && !edited) {
      edited = true;
      EditSummary(before, "Rescheduled: ");
    }
  };
  absl::StatusOr<std::vector<RepSyncResult>> replan = Sync(plan);
  ASSERT_TRUE(replan.ok()) << replan.status();
  EXPECT_TRUE(edited);
  EXPECT_EQ((*replan)[0].tally.conflicts, 1);
  EXPECT_THAT(SummaryTable(*replan, false), HasSubstr("changed in the calendar during this sync"));
  EXPECT_THAT(Events("R01").at(uid).event.summary, HasSubstr("Rescheduled: "));
}

TEST_F(RadicaleTest, ServerKilledMidSyncIsRepairedWithoutDuplicates) {
  const v1::PlanDayResponse plan = TestPlan(bundle_, 4, 4);
  int puts = 0;
  target_.caldav.before_request = [&](const std::string& method,
                                      const std::string&) {
    if (method == "PUT" && ++puts == 7) server_->Kill();
  };
  absl::StatusOr<std::vector<RepSyncResult>> broken = Sync(plan);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(broken.status().message(), HasSubstr("rep R02"));

  target_.caldav.before_request = nullptr;
  ASSERT_TRUE(server_->Restart().ok()) << server_->ReadLog();
  absl::StatusOr<std::vector<RepSyncResult>> repaired = Sync(plan);
  ASSERT_TRUE(repaired.ok()) << repaired.status();
  EXPECT_EQ((*repaired)[0].tally.unchanged, 4);
  EXPECT_EQ((*repaired)[1].tally.unchanged, 2);
  EXPECT_EQ((*repaired)[1].tally.created, 2);
  EXPECT_EQ((*repaired)[3].tally.created, 4);
  EXPECT_EQ(TotalEvents(), 16);

  absl::StatusOr<std::vector<RepSyncResult>> settled = Sync(plan);
  ASSERT_TRUE(settled.ok());
  for (const RepSyncResult& r : *settled) EXPECT_FALSE(r.tally.changed());
}

TEST_F(RadicaleTest, DryRunChangesNoCalendar) {
  target_.dry_run = true;
  absl::StatusOr<std::vector<RepSyncResult>> dry = Sync(TestPlan(bundle_, 2, 2));
  ASSERT_TRUE(dry.ok()) << dry.status();
  EXPECT_EQ((*dry)[0].tally.created, 2);
  CalDavClient client({});
  absl::StatusOr<bool> exists =
      client.EnsureCalendar(CalendarUrl(target_.calendar, "R01"), false);
  ASSERT_TRUE(exists.ok());
  EXPECT_FALSE(*exists);
}

TEST(CalDavClient, UnreachableServerFailsClearlyAfterBoundedRetries) {
  CalDavOptions options;
  options.retry_for = absl::Milliseconds(300);
  options.first_backoff = absl::Milliseconds(50);
  int attempts = 0;
  options.before_request = [&](const std::string&, const std::string&) { ++attempts; };
  CalDavClient client(options);
  // Port 1 on loopback: nothing listens there.
  absl::StatusOr<bool> exists = client.EnsureCalendar("http://127.0.0.1:1/R01/visits/", true);
  ASSERT_FALSE(exists.ok());
  EXPECT_EQ(exists.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(exists.status().message(), HasSubstr("127.0.0.1:1"));
  EXPECT_GT(attempts, 1);
}

}  // namespace
}  // namespace callplan::crm
