#include "server/validate_cycle.h"

#include <map>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "server/field_checks.h"
#include "server/validate_time.h"

namespace callplan {
namespace {

using validation::CheckDate;
using validation::CheckRange;
using validation::CheckWeekday;
using validation::Collector;
using validation::ValidDate;

namespace limits = v1::limits;

// The territory's day-dependent checks (office hours and history need the
// planned date) are asked about this day when first_date itself is bad, so
// that a bad first_date is reported once, as first_date, not again as every
// physician's office hours.
constexpr char kStandInDate[] = "2000-01-03";

// Names that must not repeat in a list: the first place each was seen, so
// a repeat can say where the original is.
class FirstSeen {
 public:
  // True when `name` is new; otherwise adds "\"X\" appears twice (first at
  // F)" under `field`.
  bool Check(Collector& c, const std::string& field, const std::string& name,
             const std::string& shown) {
    const auto [it, fresh] = first_at_.emplace(name, field);
    if (!fresh) {
      c.Add(field, absl::StrCat(shown, " appears twice (first at ", it->second, ")"));
    }
    return fresh;
  }

 private:
  std::map<std::string, std::string> first_at_;
};

std::string Quoted(const std::string& s) { return absl::StrCat("\"", s, "\""); }

void CheckTerritory(Collector& c, const v1::PlanCycleRequest& request,
                    const ProblemLimits& limits) {
  if (!request.territory().date().empty()) {
    c.Add("territory.date",
          "must be empty in a cycle (first_date and last_date say the days)");
  }
  // Pins are a day's decisions; a cycle has no way yet to say which day.
  const char* kNoPins = "a cycle takes no pins yet: pin visits on the day's "
                        "PlanDay request instead";
  if (request.territory().pins_size() > 0) c.Add("territory.pins", kNoPins);
  if (request.territory().forbidden_visits_size() > 0) {
    c.Add("territory.forbidden_visits", kNoPins);
  }
  if (request.territory().locked_days_size() > 0) {
    c.Add("territory.locked_days", kNoPins);
  }
  v1::PlanDayRequest day = request.territory();
  day.clear_pins();
  day.clear_forbidden_visits();
  day.clear_locked_days();
  day.set_date(ValidDate(request.first_date()) ? request.first_date()
                                               : kStandInDate);
  for (FieldViolation& v : ValidatePlanDayRequest(day, limits)) {
    c.Add("territory." + v.field, std::move(v.description));
  }
}

void CheckDates(Collector& c, const v1::PlanCycleRequest& request,
                const ProblemLimits& limits) {
  const bool first_ok = CheckDate(c, "first_date", request.first_date());
  const bool last_ok = CheckDate(c, "last_date", request.last_date());
  if (!first_ok || !last_ok) return;
  absl::CivilDay first, last;
  absl::ParseCivilTime(request.first_date(), &first);
  absl::ParseCivilTime(request.last_date(), &last);
  if (last < first) {
    c.Add("last_date", absl::StrCat(Quoted(request.last_date()),
                                    " is before first_date ",
                                    Quoted(request.first_date())));
    return;
  }
  const int64_t days = last - first + 1;
  if (days > limits.max_cycle_days) {
    c.Add("last_date",
          absl::StrCat("the cycle from ", request.first_date(), " to ",
                       request.last_date(), " has ", days,
                       " days, more than the limit of ", limits.max_cycle_days));
  }
}

void CheckWorkingDays(Collector& c, const v1::PlanCycleRequest& request) {
  std::set<std::string> reps;
  for (const v1::Rep& rep : request.territory().reps()) reps.insert(rep.id());
  FirstSeen seen;
  for (int i = 0; i < request.working_days_size(); ++i) {
    const v1::RepWorkingDays& days = request.working_days(i);
    const std::string field = absl::StrCat("working_days[", i, "]");
    const std::string& rep = days.rep_id();
    if (rep.empty()) {
      c.Add(field + ".rep_id", "is missing");
    } else if (!reps.count(rep)) {
      c.Add(field + ".rep_id", absl::StrCat("unknown rep ", Quoted(rep)));
    } else {
      seen.Check(c, field + ".rep_id", rep, Quoted(rep));
    }
    for (int k = 0; k < days.weekdays_size(); ++k) {
      CheckWeekday(c, absl::StrCat(field, ".weekdays[", k, "]"), days.weekdays(k));
    }
    for (int k = 0; k < days.days_off_size(); ++k) {
      CheckDate(c, absl::StrCat(field, ".days_off[", k, "]"), days.days_off(k));
    }
  }
}

// min_calls <= target_calls <= max_calls (when set), each in range.
void CheckCalls(Collector& c, const std::string& field,
                const v1::CallTargets& calls) {
  const size_t before = c.size();
  CheckRange(c, field + ".min_calls", calls.min_calls(), limits::kCycleCalls);
  CheckRange(c, field + ".target_calls", calls.target_calls(), limits::kCycleCalls);
  if (calls.has_max_calls()) {
    CheckRange(c, field + ".max_calls", calls.max_calls(), limits::kCycleCalls,
               " (leave it unset for no cap)");
  }
  if (c.size() != before) return;
  if (calls.min_calls() > calls.target_calls()) {
    c.Add(field + ".min_calls",
          absl::StrCat("is ", calls.min_calls(), ", more than target_calls (",
                       calls.target_calls(), ")"));
  }
  if (calls.has_max_calls() && calls.target_calls() > calls.max_calls()) {
    c.Add(field + ".target_calls",
          absl::StrCat("is ", calls.target_calls(), ", more than max_calls (",
                       calls.max_calls(), ")"));
  }
}

// Each share in 0..1 and never above the one before (diminishing returns).
void CheckResponse(Collector& c, const std::string& field,
                   const google::protobuf::RepeatedField<double>& response) {
  for (int k = 0; k < response.size(); ++k) {
    const std::string rf = absl::StrCat(field, "[", k, "]");
    const size_t before = c.size();
    CheckRange(c, rf, response[k], limits::kResponseShare);
    if (c.size() != before || k == 0 ||
        !limits::kResponseShare.Contains(response[k - 1])) {
      continue;
    }
    if (response[k] > response[k - 1]) {
      c.Add(rf, absl::StrCat("is ", validation::Num(response[k]), ", more than ",
                             field, "[", k - 1, "] (",
                             validation::Num(response[k - 1]),
                             "): a call is never worth more than the one before"));
    }
  }
}

// The tiers' names, in request order, after checking each tier.
std::vector<std::string> CheckTiers(Collector& c,
                                    const v1::PlanCycleRequest& request) {
  std::vector<std::string> names;
  FirstSeen seen;
  for (int t = 0; t < request.tiers_size(); ++t) {
    const v1::TierTargets& tier = request.tiers(t);
    const std::string field = absl::StrCat("tiers[", t, "]");
    if (tier.tier().empty()) {
      c.Add(field + ".tier", "is empty");
    } else if (seen.Check(c, field + ".tier", tier.tier(), Quoted(tier.tier()))) {
      names.push_back(tier.tier());
    }
    CheckCalls(c, field + ".calls", tier.calls());
    CheckResponse(c, field + ".response", tier.response());
  }
  return names;
}

void CheckPhysicianTiers(Collector& c, const v1::PlanCycleRequest& request,
                         const std::vector<std::string>& tiers) {
  const std::set<std::string> known(tiers.begin(), tiers.end());
  const std::string listed =
      tiers.empty() ? "the request has no tiers"
                    : absl::StrCat("tiers: ", absl::StrJoin(tiers, ", "));
  for (int j = 0; j < request.territory().physicians_size(); ++j) {
    const std::string& tier = request.territory().physicians(j).tier();
    if (tier.empty() || known.count(tier)) continue;
    c.Add(absl::StrCat("territory.physicians[", j, "].tier"),
          absl::StrCat("unknown tier ", Quoted(tier), " (", listed, ")"));
  }
}

void CheckTargets(Collector& c, const v1::PlanCycleRequest& request) {
  const v1::PlanDayRequest& territory = request.territory();
  std::set<std::string> physicians, teams;
  for (const v1::Physician& p : territory.physicians()) physicians.insert(p.id());
  // Without a teams list the reps' own teams are the teams (as governance
  // forms them from stored policies).
  for (const v1::Team& team : territory.teams()) teams.insert(team.id());
  for (const v1::Rep& rep : territory.reps()) {
    if (!rep.team_id().empty()) teams.insert(rep.team_id());
  }
  FirstSeen seen;
  for (int i = 0; i < request.targets_size(); ++i) {
    const v1::PhysicianTarget& target = request.targets(i);
    const std::string field = absl::StrCat("targets[", i, "]");
    const std::string& id = target.physician_id();
    const std::string& team = target.team_id();
    bool named = true;
    if (id.empty()) {
      c.Add(field + ".physician_id", "is missing");
      named = false;
    } else if (!physicians.count(id)) {
      c.Add(field + ".physician_id", absl::StrCat("unknown physician ", Quoted(id)));
      named = false;
    }
    if (!team.empty() && !teams.count(team)) {
      c.Add(field + ".team_id",
            absl::StrCat("unknown team ", Quoted(team),
                         " (empty = every team that wants the physician)"));
      named = false;
    }
    if (named) {
      seen.Check(c, field, absl::StrCat(id, "\n", team),
                 absl::StrCat("physician ", Quoted(id), " with team ", Quoted(team)));
    }
    CheckCalls(c, field + ".calls", target.calls());
  }
}

void CheckCycleFairness(std::vector<FieldViolation>& violations,
                        const v1::CycleFairness& fairness) {
  // The same fields and ranges as a day's bounds, so the same checks.
  v1::FairnessBounds bounds;
  if (fairness.has_max_workload_spread()) {
    bounds.set_max_workload_spread(fairness.max_workload_spread());
  }
  if (fairness.has_max_potential_spread()) {
    bounds.set_max_potential_spread(fairness.max_potential_spread());
  }
  ValidateFairnessBounds("cycle_fairness", bounds, violations);
}

}  // namespace

std::vector<FieldViolation> ValidatePlanCycleRequest(
    const v1::PlanCycleRequest& request, const ProblemLimits& limits) {
  std::vector<FieldViolation> violations;
  Collector c(violations);
  CheckTerritory(c, request, limits);
  CheckDates(c, request, limits);
  CheckWorkingDays(c, request);
  CheckPhysicianTiers(c, request, CheckTiers(c, request));
  CheckTargets(c, request);
  CheckResponse(c, "response", request.response());
  CheckCycleFairness(violations, request.cycle_fairness());
  return violations;
}

}  // namespace callplan
