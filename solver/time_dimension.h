// The time dimension of a territory-day (issue 9): each rep's shift, breaks
// and driving speed, each physician's hours and visit length, and travel
// times between the territory's places (homes first, then physicians, as in
// DistanceTable). Built once per plan from the Territory; the assignment
// model's availability and working-time rows, the day router and the
// explanations all read time from here, so they agree to the second.
//
// A day has a time dimension when any rep has a shift or a break, or any
// physician has hours (availability, or closed today). Without one the
// engine plans in distance only, as before, and visits carry no times.
#ifndef CALLPLAN_SOLVER_TIME_DIMENSION_H_
#define CALLPLAN_SOLVER_TIME_DIMENSION_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "solver/distance.h"
#include "solver/router/router.h"
#include "solver/territory.h"

namespace callplan {

// A rep without a shift may work at any hour: this stands for "no end",
// far enough past the day that sums of times never overflow.
inline constexpr int64_t kNoShiftEnd = 7 * 86400;

class TimeDimension {
 public:
  // nullopt when the day has no time dimension. `table` must be
  // DistanceTable::ForTerritory(territory) and outlive the result. Fails
  // when distances.durations_seconds does not match the matrix.
  static absl::StatusOr<std::optional<TimeDimension>> Of(
      const Territory& territory, const DistanceTable& table);

  int num_reps() const { return static_cast<int>(shifts_.size()); }
  // Rep `rep` driving from place `from` to place `to`, whole seconds.
  int64_t Travel(int rep, int from, int to) const;
  // The same without rounding up: a lower bound for the model's rows.
  double TravelLowerBound(int rep, int from, int to) const;
  // Equal for reps whose travel times are equal (the durations matrix, or
  // the same speed).
  double PaceKey(int rep) const { return durations_ ? 0 : speed_kmh_[rep]; }
  int64_t Service(int physician) const { return service_[physician]; }
  // Sorted windows the visit may start in; empty = any time.
  const std::vector<TimeWindow>& Windows(int physician) const {
    return windows_[physician];
  }
  bool ClosedToday(int physician) const { return closed_[physician]; }
  // The windows rep `rep`'s visit to `physician` may start in: a manager's
  // pinned start alone ([t, t]; a done visit's even outside the hours),
  // else the physician's hours.
  const std::vector<TimeWindow>& WindowsFor(int rep, int physician) const;
  // Why rep `rep` can never make its pinned visit to `physician` at the
  // pinned time ("" when it may, or there is no pinned time): the hours.
  std::string PinnedTimeConflict(int rep, int physician) const;
  // The visit is a done one pinned at its time: closed or not, it stays.
  bool DoneAt(int rep, int physician) const;
  const TimeWindow& Shift(int rep) const { return shifts_[rep]; }
  bool HasShift(int rep) const { return has_shift_[rep]; }
  const std::vector<Break>& Breaks(int rep) const { return breaks_[rep]; }
  // The shift's length less the breaks it must hold (0 without a shift).
  int64_t WorkingCapacity(int rep) const;
  // True when travel times obey the triangle inequality, so a set of
  // visits that cannot fit a day stays unfit with more visits added.
  bool metric() const { return metric_; }

  // The router's timing for rep `rep`'s day over `physicians`: node 0 is
  // the rep's home (start and end), node k is physicians[k - 1].
  RouteTiming TimingFor(int rep, const std::vector<int>& physicians) const;

 private:
  TimeDimension() = default;

  const DistanceTable* distances_ = nullptr;
  std::optional<DistanceTable> durations_;  // from the matrix's seconds
  int num_reps_ = 0;
  std::vector<double> speed_kmh_;  // per rep
  std::vector<TimeWindow> shifts_;
  std::vector<bool> has_shift_;
  std::vector<std::vector<Break>> breaks_;
  std::vector<int64_t> service_;
  std::vector<std::vector<TimeWindow>> windows_;
  std::vector<bool> closed_;
  // Pinned starts per (rep, physician), from the territory's pins.
  struct PinnedTime {
    std::vector<TimeWindow> windows;  // [t, t]
    bool done = false;
  };
  std::map<std::pair<int, int>, PinnedTime> pinned_;
  bool metric_ = true;
};

}  // namespace callplan

#endif  // CALLPLAN_SOLVER_TIME_DIMENSION_H_
