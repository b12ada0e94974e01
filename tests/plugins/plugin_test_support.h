// Shared by the plugin tests: the sample CRM bundle and copies of it to
// change, a plan for it built in the test (so the calendar layer is tested
// without a sidecar), the callplan-crm command line, and small file helpers.
#ifndef CALLPLAN_TESTS_PLUGINS_PLUGIN_TEST_SUPPORT_H_
#define CALLPLAN_TESTS_PLUGINS_PLUGIN_TEST_SUPPORT_H_

#include <dirent.h>
#include <sys/stat.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "callplan/v1/schedule.pb.h"
#include "plugins/crm_bundle.h"
#include "plugins/crm_reader.h"
#include "tests/fixtures/process.h"

namespace callplan::crm::testing {

// The callplan-crm command line with `args`, for RunCommand.
inline std::string Crm(const std::string& args) {
  return absl::StrCat(CALLPLAN_BINARY_DIR, "/bin/callplan-crm ", args);
}

inline bool Exists(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0;
}

inline std::string SampleBundleDir() {
  return absl::StrCat(CALLPLAN_SOURCE_DIR, "/config/sample-crm");
}

// A copy of every file of the sample bundle in a fresh folder, to change.
inline std::string CopySampleBundle(const std::string& prefix = "callplan-crm") {
  const std::string dir = callplan::testing::MakeTempDir(prefix);
  DIR* sample = opendir(SampleBundleDir().c_str());
  while (const dirent* entry = readdir(sample)) {
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    std::ifstream in(SampleBundleDir() + "/" + name, std::ios::binary);
    std::ofstream(dir + "/" + name, std::ios::binary) << in.rdbuf();
  }
  closedir(sample);
  return dir;
}

inline CrmBundle SampleBundle() {
  absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(SampleBundleDir());
  return bundle.ok() ? *bundle : CrmBundle();
}

// Gives the first `reps` reps `per_rep` physicians each, in bundle order,
// with 2 km legs and potential 10 * stop number, at the times an engine
// would give them: leave home 08:45, visits of 30 minutes from 09:00 every
// 45 minutes, home 15 minutes after the last.
inline v1::PlanDayResponse TestPlan(const CrmBundle& bundle, int reps,
                                    int per_rep) {
  constexpr int64_t kNine = 9 * 3600, kEvery = 45 * 60, kLength = 30 * 60;
  v1::PlanDayResponse plan;
  size_t next = 0;
  for (int r = 0; r < reps && r < static_cast<int>(bundle.reps.size()); ++r) {
    v1::RepDay* day = plan.add_rep_days();
    day->set_rep_id(bundle.reps[r].id);
    day->set_start_seconds(kNine - 15 * 60);
    for (int v = 0; v < per_rep && next < bundle.physicians.size(); ++v) {
      v1::Visit* visit = day->add_visits();
      visit->set_physician_id(bundle.physicians[next++].id);
      visit->set_leg_distance(2.0);
      visit->set_potential(10.0 * (v + 1));
      visit->set_reason("presents Cardiovex");
      visit->set_arrival_seconds(kNine + v * kEvery);
      visit->set_start_seconds(kNine + v * kEvery);
      visit->set_end_seconds(kNine + v * kEvery + kLength);
      day->set_end_seconds(visit->end_seconds() + 15 * 60);
      day->set_total_potential(day->total_potential() + visit->potential());
    }
    day->set_route_distance(2.0 * (per_rep + 1));
  }
  plan.mutable_stats()->set_status(v1::OPTIMAL);
  return plan;
}

// Physicians the bundle's contact rules keep out on `date`: visited by any
// team fewer than their minimum gap of days before it. Worked out here from
// the bundle alone, to check the sidecar's exclusions against.
inline std::set<std::string> ExcludedByHistory(const CrmBundle& bundle,
                                               const std::string& date) {
  std::set<std::string> excluded;
  absl::CivilDay today, visited;
  if (!absl::ParseCivilTime(date, &today)) return excluded;
  for (const CrmPastVisit& visit : bundle.visit_history) {
    const CrmPhysician* physician = bundle.FindPhysician(visit.physician_id);
    if (physician == nullptr || !absl::ParseCivilTime(visit.date, &visited)) {
      continue;
    }
    const uint32_t gap =
        physician->contact.has_min_days_between_visits()
            ? physician->contact.min_days_between_visits()
            : bundle.settings.contact_rules.min_days_between_visits();
    const long days_ago = today - visited;
    if (days_ago >= 0 && days_ago < static_cast<long>(gap)) {
      excluded.insert(physician->id);
    }
  }
  return excluded;
}

// Physicians whose practice is closed on `date` (closed_dates).
inline std::set<std::string> ClosedOn(const CrmBundle& bundle,
                                      const std::string& date) {
  std::set<std::string> closed;
  for (const CrmPhysician& physician : bundle.physicians) {
    for (const std::string& day : physician.closed_dates) {
      if (day == date) closed.insert(physician.id);
    }
  }
  return closed;
}

// Physicians the sample plans today: all but those the call history keeps
// out and those closed that day.
inline size_t PlannableOn(const CrmBundle& bundle, const std::string& date) {
  return bundle.physicians.size() - ExcludedByHistory(bundle, date).size() -
         ClosedOn(bundle, date).size();
}

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

}  // namespace callplan::crm::testing

#endif  // CALLPLAN_TESTS_PLUGINS_PLUGIN_TEST_SUPPORT_H_
