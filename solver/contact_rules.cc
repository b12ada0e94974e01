#include "solver/contact_rules.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"

namespace callplan {
namespace {

absl::StatusOr<absl::CivilDay> ParseDay(const std::string& text,
                                        const std::string& field) {
  absl::CivilDay day;
  if (!absl::ParseCivilTime(text, &day)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": not a YYYY-MM-DD date, got \"", text, "\""));
  }
  return day;
}

}  // namespace

absl::StatusOr<ContactLimits> ApplyContactRules(const Territory& territory) {
  const size_t n = territory.physicians.size();
  ContactLimits limits;
  limits.daily_cap.resize(n);
  limits.excluded_reason.resize(n);
  std::map<std::string, size_t> index;
  for (size_t j = 0; j < n; ++j) {
    const Physician& physician = territory.physicians[j];
    index[physician.id] = j;
    limits.daily_cap[j] = physician.contact.max_visits_per_day.value_or(
        territory.contact_rules.max_visits_per_day.value_or(1));
    if (limits.daily_cap[j] == 0) {
      limits.excluded_reason[j] = "contact rule: no rep visits allowed today";
    }
  }
  if (territory.visit_history.empty()) return limits;
  if (territory.date.empty()) {
    return absl::InvalidArgumentError(
        "date: required when visit_history is given");
  }
  absl::StatusOr<absl::CivilDay> today = ParseDay(territory.date, "date");
  if (!today.ok()) return today.status();
  for (size_t k = 0; k < territory.visit_history.size(); ++k) {
    const PastVisit& visit = territory.visit_history[k];
    auto it = index.find(visit.physician_id);
    if (it == index.end()) continue;  // history of physicians not in play
    absl::StatusOr<absl::CivilDay> day = ParseDay(
        visit.date, absl::StrCat("visit_history[", k, "].date"));
    if (!day.ok()) return day.status();
    const long days_ago = *today - *day;
    if (days_ago < 0) continue;  // a future booking is not history
    const size_t j = it->second;
    const Physician& physician = territory.physicians[j];
    if (days_ago == 0 && limits.daily_cap[j] > 0) --limits.daily_cap[j];
    const uint32_t gap = physician.contact.min_days_between_visits.value_or(
        territory.contact_rules.min_days_between_visits.value_or(0));
    if (days_ago < static_cast<long>(gap) && limits.excluded_reason[j].empty()) {
      limits.excluded_reason[j] = absl::StrCat(
          "contact rule: visited by team ", visit.team_id, " on ", visit.date,
          ", ", days_ago, days_ago == 1 ? " day" : " days",
          " ago; the minimum gap is ", gap, " days");
    }
  }
  for (size_t j = 0; j < n; ++j) {
    if (limits.daily_cap[j] == 0 && limits.excluded_reason[j].empty()) {
      limits.excluded_reason[j] =
          "contact rule: today's visits for this physician are already taken";
    }
  }
  return limits;
}

}  // namespace callplan
