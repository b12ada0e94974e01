#include "solver/time_dimension.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "solver/travel_time.h"

namespace callplan {
namespace {

bool HasTime(const Territory& territory) {
  for (const Rep& rep : territory.reps) {
    if (rep.shift || !rep.breaks.empty()) return true;
  }
  for (const Physician& physician : territory.physicians) {
    if (physician.availability) return true;
  }
  for (const VisitPin& pin : territory.pins) {
    if (pin.start_seconds) return true;
  }
  return false;
}

int IndexOf(const std::vector<std::string>& ids, const std::string& id) {
  for (size_t k = 0; k < ids.size(); ++k) {
    if (ids[k] == id) return static_cast<int>(k);
  }
  return -1;
}

// The durations as a table over the territory's places, like the distances.
absl::StatusOr<DistanceTable> DurationTable(const Territory& territory) {
  absl::StatusOr<DistanceTable> table =
      DistanceTable::ForTerritory(territory, DurationMatrix(territory.distances));
  if (!table.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("distances.durations_seconds: ", table.status().message()));
  }
  return table;
}

}  // namespace

absl::StatusOr<std::optional<TimeDimension>> TimeDimension::Of(
    const Territory& territory, const DistanceTable& table) {
  if (!HasTime(territory)) return std::optional<TimeDimension>();
  TimeDimension time;
  time.distances_ = &table;
  if (!territory.distances.durations_seconds.empty()) {
    absl::StatusOr<DistanceTable> durations = DurationTable(territory);
    if (!durations.ok()) return durations.status();
    time.durations_ = *std::move(durations);
    time.metric_ = IsMetric(*time.durations_);
  } else {
    time.metric_ = IsMetric(table);
  }
  time.num_reps_ = static_cast<int>(territory.reps.size());
  for (const Rep& rep : territory.reps) {
    time.speed_kmh_.push_back(rep.travel_speed_kmh > 0
                                  ? rep.travel_speed_kmh
                                  : territory.default_travel_speed_kmh);
    time.has_shift_.push_back(rep.shift.has_value());
    time.shifts_.push_back(rep.shift.value_or(TimeWindow{0, kNoShiftEnd}));
    time.breaks_.push_back(rep.breaks);
  }
  for (const Physician& physician : territory.physicians) {
    time.service_.push_back(physician.visit_duration_seconds > 0
                                ? physician.visit_duration_seconds
                                : territory.default_visit_duration_seconds);
    time.closed_.push_back(physician.availability &&
                           physician.availability->empty());
    time.windows_.push_back(physician.availability.value_or(
        std::vector<TimeWindow>{}));
  }
  std::vector<std::string> rep_ids, physician_ids;
  for (const Rep& rep : territory.reps) rep_ids.push_back(rep.id);
  for (const Physician& physician : territory.physicians) {
    physician_ids.push_back(physician.id);
  }
  for (const VisitPin& pin : territory.pins) {
    const int i = IndexOf(rep_ids, pin.rep_id);
    const int j = IndexOf(physician_ids, pin.physician_id);
    if (!pin.start_seconds || i < 0 || j < 0) continue;
    PinnedTime& pinned = time.pinned_[{i, j}];
    pinned.windows = {TimeWindow{*pin.start_seconds, *pin.start_seconds}};
    pinned.done = pin.done;
  }
  return std::optional<TimeDimension>(std::move(time));
}

const std::vector<TimeWindow>& TimeDimension::WindowsFor(int rep,
                                                         int physician) const {
  auto it = pinned_.find({rep, physician});
  return it == pinned_.end() ? windows_[physician] : it->second.windows;
}

bool TimeDimension::DoneAt(int rep, int physician) const {
  auto it = pinned_.find({rep, physician});
  return it != pinned_.end() && it->second.done;
}

std::string TimeDimension::PinnedTimeConflict(int rep, int physician) const {
  auto it = pinned_.find({rep, physician});
  if (it == pinned_.end() || it->second.done) return "";
  const int64_t t = it->second.windows.front().start_seconds;
  if (closed_[physician]) {
    return absl::StrCat("is closed today, so the pinned start at ", ClockTime(t),
                        " cannot hold");
  }
  const std::vector<TimeWindow>& hours = windows_[physician];
  if (hours.empty()) return "";
  for (const TimeWindow& w : hours) {
    if (w.contains(t)) return "";
  }
  return absl::StrCat("is pinned to start at ", ClockTime(t),
                      ", outside its hours ", ClockSpans(hours));
}

int64_t TimeDimension::Travel(int rep, int from, int to) const {
  if (from == to) return 0;
  if (durations_) {
    return WholeSeconds((*durations_)(from, to));
  }
  return DrivingSeconds((*distances_)(from, to), speed_kmh_[rep]);
}

double TimeDimension::TravelLowerBound(int rep, int from, int to) const {
  if (from == to) return 0;
  if (durations_) return (*durations_)(from, to);
  return (*distances_)(from, to) / speed_kmh_[rep] * 3600.0;
}

int64_t TimeDimension::WorkingCapacity(int rep) const {
  if (!has_shift_[rep]) return 0;
  int64_t capacity = shifts_[rep].end_seconds - shifts_[rep].start_seconds;
  for (const Break& b : breaks_[rep]) capacity -= b.duration_seconds;
  return std::max<int64_t>(capacity, 0);
}

RouteTiming TimeDimension::TimingFor(int rep,
                                     const std::vector<int>& physicians) const {
  const int n = static_cast<int>(physicians.size()) + 1;
  // Node 0 is the rep's home (place `rep`); node k is physicians[k - 1].
  const auto place = [&](int node) {
    return node == 0 ? rep : num_reps_ + physicians[node - 1];
  };
  std::vector<int64_t> seconds(static_cast<size_t>(n) * n);
  for (int a = 0; a < n; ++a) {
    for (int b = 0; b < n; ++b) {
      seconds[static_cast<size_t>(a) * n + b] = Travel(rep, place(a), place(b));
    }
  }
  RouteTiming timing;
  timing.travel = TravelTimes::FromDense(n, std::move(seconds));
  timing.nodes.resize(n);
  for (int k = 1; k < n; ++k) {
    timing.nodes[k].windows = WindowsFor(rep, physicians[k - 1]);
    timing.nodes[k].service_seconds = service_[physicians[k - 1]];
  }
  timing.shift = shifts_[rep];
  timing.breaks = breaks_[rep];
  return timing;
}

}  // namespace callplan
