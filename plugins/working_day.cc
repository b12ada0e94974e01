#include "plugins/working_day.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "plugins/crm_fields.h"

namespace callplan::crm {
namespace {

constexpr char kReps[] = "reps.csv";

// The rep's lunch parts, each from the rep or else the territory's lunch.
struct LunchParts {
  std::optional<int64_t> earliest, latest, seconds;
};

LunchParts PartsOf(const CrmRep& rep, const TerritorySettings& settings) {
  const std::optional<Lunch>& territory = settings.day.lunch;
  LunchParts parts{rep.lunch_earliest_seconds, rep.lunch_latest_seconds,
                   rep.lunch_seconds};
  if (territory) {
    if (!parts.earliest) parts.earliest = territory->earliest_seconds;
    if (!parts.latest) parts.latest = territory->latest_seconds;
    if (!parts.seconds) parts.seconds = territory->seconds;
  }
  return parts;
}

}  // namespace

v1::TimeWindow ShiftOf(const CrmRep& rep, const TerritorySettings& settings) {
  v1::TimeWindow shift;
  shift.set_start_seconds(
      rep.shift_start_seconds.value_or(settings.day.day_start_seconds));
  shift.set_end_seconds(rep.shift_end_seconds.value_or(settings.day.day_end_seconds));
  return shift;
}

std::optional<Lunch> LunchOf(const CrmRep& rep, const TerritorySettings& settings) {
  const LunchParts parts = PartsOf(rep, settings);
  if (!parts.earliest || !parts.latest || !parts.seconds || *parts.seconds == 0) {
    return std::nullopt;
  }
  return Lunch{*parts.earliest, *parts.latest, *parts.seconds};
}

std::optional<std::string> LunchMisfit(const Lunch& lunch,
                                       const v1::TimeWindow& shift) {
  const int64_t start = std::max(lunch.earliest_seconds, shift.start_seconds());
  if (start <= lunch.latest_seconds &&
      start + lunch.seconds <= shift.end_seconds()) {
    return std::nullopt;
  }
  return absl::StrCat("a ", lunch.seconds / 60, "-minute lunch starting ",
                      ClockText(lunch.earliest_seconds), "-",
                      ClockText(lunch.latest_seconds), " does not fit the shift ",
                      ClockText(shift.start_seconds()), "-",
                      ClockText(shift.end_seconds()));
}

void CheckWorkingDays(const CrmBundle& bundle, InputProblems* problems) {
  for (const CrmRep& rep : bundle.reps) {
    const v1::TimeWindow shift = ShiftOf(rep, bundle.settings);
    if (shift.end_seconds() <= shift.start_seconds()) {
      // A territory day that ends before it starts is reported on its own
      // line; here only shifts the rep's own columns made.
      if (!rep.shift_start_seconds && !rep.shift_end_seconds) continue;
      const std::string column =
          rep.shift_end_seconds ? "shift_end" : "shift_start";
      problems->Add(kReps, rep.line, column,
                    absl::StrCat("the shift ends at ", ClockText(shift.end_seconds()),
                                 ", not after it starts at ",
                                 ClockText(shift.start_seconds()),
                                 " (a shift may not run past midnight)"));
      continue;
    }
    const LunchParts parts = PartsOf(rep, bundle.settings);
    if (parts.seconds && *parts.seconds == 0) continue;  // no lunch
    std::vector<std::string> missing;
    if (!parts.earliest) missing.push_back("lunch_earliest");
    if (!parts.latest) missing.push_back("lunch_latest");
    if (!parts.seconds) missing.push_back("lunch_minutes");
    if (missing.size() == 3) continue;  // no lunch anywhere
    if (!missing.empty()) {
      problems->Add(kReps, rep.line, missing.front(),
                    absl::StrCat("a lunch needs lunch_earliest, lunch_latest "
                                 "and lunch_minutes; missing ",
                                 absl::StrJoin(missing, ", "),
                                 " (here or in territory.csv)"));
      continue;
    }
    if (*parts.latest < *parts.earliest) {
      problems->Add(kReps, rep.line, "lunch_latest",
                    absl::StrCat(ClockText(*parts.latest),
                                 " is before lunch_earliest ",
                                 ClockText(*parts.earliest)));
      continue;
    }
    if (auto why = LunchMisfit({*parts.earliest, *parts.latest, *parts.seconds},
                               shift)) {
      problems->Add(kReps, rep.line, "lunch_minutes", *why);
    }
  }
}

}  // namespace callplan::crm
