#include "plugins/district_sync.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "plugins/districts.h"
#include "plugins/plan_request.h"

namespace callplan::crm {
namespace {

std::string DescribeError(const v1::DistrictError& error) {
  std::string text = absl::StrCat(
      absl::StatusCodeToString(static_cast<absl::StatusCode>(error.code())),
      ": ", error.message());
  for (const std::string& reason : error.infeasibility().reasons()) {
    absl::StrAppend(&text, "\n  ", reason);
  }
  return text;
}

// The district's calendars, or why they were not written.
absl::Status WriteDistrict(const DistrictBundle& district,
                           const v1::PlanDayResponse& plan,
                           const std::string& date,
                           const CalendarTarget& target, std::ostream& out,
                           bool* conflicts) {
  absl::StatusOr<std::vector<RepSyncResult>> results =
      SyncCalendars(district.bundle, plan, date, target);
  if (!results.ok()) return results.status();
  const v1::PlanStats& s = plan.stats();
  out << "district " << district.district_id << ": plan "
      << v1::Status_Name(s.status()) << ", potential " << s.objective() << ", "
      << plan.unassigned_size() << " physicians not visited\n"
      << SummaryTable(*results, target.dry_run) << "\n";
  for (const RepSyncResult& r : *results) {
    *conflicts = *conflicts || r.tally.conflicts > 0;
  }
  return absl::OkStatus();
}

}  // namespace

DistrictSyncSummary SyncDistricts(const CrmBundle& bundle,
                                  const std::string& date,
                                  SidecarClient& sidecar, int parallel,
                                  const CalendarTarget& target,
                                  std::ostream& out, std::ostream& err) {
  const std::vector<DistrictBundle> districts = SplitByDistrict(bundle);
  std::vector<v1::DistrictDay> days;
  for (const DistrictBundle& d : districts) {
    v1::DistrictDay day;
    day.set_district_id(d.district_id);
    *day.mutable_day() = BuildPlanDayRequest(d.bundle, date);
    days.push_back(std::move(day));
  }
  DistrictSyncSummary summary;
  summary.districts = static_cast<int>(districts.size());
  std::set<uint32_t> written;
  auto fail = [&](const std::string& id, const std::string& why) {
    err << "district " << id << ": " << why << "\n";
    summary.failed.push_back(id);
  };
  (void)sidecar.PlanDistricts(days, parallel, [&](const v1::DistrictResult& r) {
    if (r.index() >= districts.size() || !written.insert(r.index()).second) {
      return;  // not ours, or already written: never write a district twice
    }
    const DistrictBundle& district = districts[r.index()];
    if (r.has_error()) return fail(district.district_id, DescribeError(r.error()));
    if (!r.has_plan()) return fail(district.district_id, "the sidecar sent no plan");
    if (r.plan().stats().approval_required()) {
      // As for a single day: sync must not bypass the manager.
      return fail(district.district_id,
                  "a team of this district requires a manager's approval before its "
                  "plan reaches calendars; none of its calendars was touched");
    }
    if (absl::Status fits = RepSchedulesFromPlan(r.plan(), district.bundle, date).status();
        !fits.ok()) {
      return fail(district.district_id,
                  absl::StrCat("the plan cannot be written: ", fits.message(),
                               "; none of its calendars was touched"));
    }
    if (absl::Status done = WriteDistrict(district, r.plan(), date, target, out,
                                          &summary.conflicts);
        !done.ok()) {
      fail(district.district_id,
           absl::StrCat("calendar sync failed: ", done.message(),
                        "; run the same sync again to finish it"));
    }
  });
  for (size_t k = 0; k < districts.size(); ++k) {
    if (written.count(static_cast<uint32_t>(k)) == 0) {
      fail(districts[k].district_id, "no answer from the sidecar");
    }
  }
  return summary;
}

}  // namespace callplan::crm
