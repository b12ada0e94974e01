#include "plugins/cycle_reader.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "plugins/hours_reader.h"
#include "plugins/portfolio_reader.h"

namespace callplan::crm {
namespace {

namespace limits = v1::limits;

std::string KnownTiers(const CrmBundle& bundle) {
  std::set<std::string> names;
  for (const CrmTier& tier : bundle.tiers) {
    if (!tier.tier.empty()) names.insert(tier.tier);
  }
  return absl::StrJoin(names, ", ");
}

// min_calls <= target_calls <= max_calls, each reported on its own column.
CrmCalls CallsField(FieldReader& f) {
  CrmCalls calls;
  // The contract's range: the bundle takes exactly what the sidecar does.
  const auto min = f.InRange("min_calls", limits::kCycleCalls, false);
  const auto target = f.InRange("target_calls", limits::kCycleCalls, true);
  const auto max = f.InRange("max_calls", limits::kCycleCalls, false);
  calls.min_calls = static_cast<uint32_t>(min.value_or(0));
  calls.target_calls = static_cast<uint32_t>(target.value_or(0));
  if (max) calls.max_calls = static_cast<uint32_t>(*max);
  if (min && target && *min > *target) {
    f.Report("min_calls", absl::StrCat("must not exceed target_calls ", *target,
                                       ", got ", *min));
  }
  if (max && target && *target > *max) {
    f.Report("max_calls", absl::StrCat("must not be below target_calls ",
                                       *target, ", got ", *max));
  }
  return calls;
}

}  // namespace

std::vector<v1::Weekday> WorkingDaysField(FieldReader& f) {
  const std::string text = f.Text("working_days", false);
  std::set<v1::Weekday> days;
  for (absl::string_view part :
       absl::StrSplit(text, absl::ByAnyChar(" ;"), absl::SkipWhitespace())) {
    const std::string name(absl::StripAsciiWhitespace(part));
    const std::optional<v1::Weekday> day = ParseWeekday(name);
    if (!day) {
      f.Report("working_days",
               absl::StrCat("must be weekdays Mon..Sun separated by spaces, "
                            "got \"", name, "\""));
    } else if (!days.insert(*day).second) {
      f.Report("working_days", absl::StrCat("\"", name, "\" listed twice"));
    }
  }
  return {days.begin(), days.end()};
}

std::vector<double> ResponseField(FieldReader& f, const std::string& column) {
  std::vector<double> curve;
  for (const std::string& part : f.List(column)) {
    double value = 0;
    if (!IsDecimalNumber(part) || !absl::SimpleAtod(part, &value) ||
        !limits::kResponseShare.Contains(value)) {
      f.Report(column, absl::StrCat("each call's value must be a number "
                                    "between 0 and 1, got \"", part, "\""));
      return {};
    }
    if (!curve.empty() && value > curve.back()) {
      f.Report(column, absl::StrCat("call ", curve.size() + 1, " is worth ",
                                    part, ", more than call ", curve.size(),
                                    " (", curve.back(),
                                    "): a later call is never worth more"));
      return {};
    }
    curve.push_back(value);
  }
  return curve;
}

void ReadTiers(const CsvTable& table, CrmBundle* bundle,
               InputProblems* problems) {
  if (!RequireColumns(table, {"tier", "target_calls"}, problems)) return;
  std::map<std::string, int> lines;
  for (const CsvRow& row : table.rows) {
    FieldReader f(table, row, problems);
    CrmTier tier;
    tier.line = row.line;
    tier.tier = f.Text("tier", true);
    tier.calls = CallsField(f);
    tier.response = ResponseField(f, "response");
    f.CheckUniqueId("tier", "tier", tier.tier, lines);
    bundle->tiers.push_back(std::move(tier));
  }
}

void ReadCallTargets(const CsvTable& table, CrmBundle* bundle,
                     InputProblems* problems) {
  if (!RequireColumns(table, {"physician_id", "target_calls"}, problems)) {
    return;
  }
  std::map<std::string, int> lines;  // "physician\tteam" -> first line
  for (const CsvRow& row : table.rows) {
    FieldReader f(table, row, problems);
    CrmCallTarget target;
    target.line = row.line;
    target.physician_id = f.Text("physician_id", true);
    target.team_id = f.Text("team_id", false);
    target.calls = CallsField(f);
    if (!target.physician_id.empty() &&
        bundle->FindPhysician(target.physician_id) == nullptr) {
      f.Report("physician_id", absl::StrCat("no physician \"",
                                            target.physician_id,
                                            "\" in physicians.csv"));
    }
    if (!target.team_id.empty()) {
      if (auto why = UnknownTeam(*bundle, target.team_id)) {
        f.Report("team_id", *why);
      }
    }
    if (!target.physician_id.empty()) {
      const auto [first, inserted] = lines.emplace(
          absl::StrCat(target.physician_id, "\t", target.team_id), row.line);
      if (!inserted) {
        f.Report("physician_id",
                 absl::StrCat("targets of \"", target.physician_id, "\"",
                              target.team_id.empty()
                                  ? ""
                                  : absl::StrCat(" for team \"", target.team_id, "\""),
                              " given twice (first on line ", first->second, ")"));
      }
    }
    bundle->call_targets.push_back(std::move(target));
  }
}

void ReadRepDaysOff(const CsvTable& table, CrmBundle* bundle,
                    InputProblems* problems) {
  if (!RequireColumns(table, {"rep_id", "date"}, problems)) return;
  std::map<std::string, int> lines;  // "rep\tdate" -> first line
  for (const CsvRow& row : table.rows) {
    FieldReader f(table, row, problems);
    const std::string rep_id = f.Text("rep_id", true);
    CrmDayOff day;
    day.line = row.line;
    day.date = f.Text("date", true);
    day.reason = f.Text("reason", false);
    bool good = !rep_id.empty() && !day.date.empty();
    if (!day.date.empty() && !ParseDate(day.date).ok()) {
      f.Report("date", absl::StrCat("must be a day YYYY-MM-DD, got \"",
                                    day.date, "\""));
      good = false;
    }
    auto rep = std::find_if(bundle->reps.begin(), bundle->reps.end(),
                            [&](const CrmRep& r) { return r.id == rep_id; });
    if (!rep_id.empty() && rep == bundle->reps.end()) {
      f.Report("rep_id", absl::StrCat("no rep \"", rep_id, "\" in reps.csv"));
      good = false;
    }
    if (!good) continue;
    const auto [first, inserted] =
        lines.emplace(absl::StrCat(rep_id, "\t", day.date), row.line);
    if (!inserted) {
      f.Report("date", absl::StrCat("day off of \"", rep_id, "\" on ", day.date,
                                    " given twice (first on line ",
                                    first->second, ")"));
      continue;
    }
    rep->days_off.push_back(std::move(day));
  }
}

void CheckPhysicianTiers(const CrmBundle& bundle, bool has_tiers_file,
                         InputProblems* problems) {
  for (const CrmPhysician& physician : bundle.physicians) {
    if (physician.tier.empty() || bundle.FindTier(physician.tier) != nullptr) {
      continue;
    }
    problems->Add(
        "physicians.csv", physician.line, "tier",
        has_tiers_file
            ? absl::StrCat("no tier \"", physician.tier, "\" in tiers.csv (known: ",
                           KnownTiers(bundle), ")")
            : absl::StrCat("tier \"", physician.tier,
                           "\", but the bundle has no tiers.csv to say how "
                           "often its physicians are called"));
  }
}

bool RepWorksOn(const CrmRep& rep, const std::string& date) {
  const absl::StatusOr<absl::CivilDay> day = ParseDate(date);
  if (!day.ok()) return false;
  // The contract numbers weekdays from MONDAY = 1; absl's enum has an
  // order of its own, so map by position in the week.
  const absl::Weekday weekday = absl::GetWeekday(*day);
  static constexpr absl::Weekday kOrder[] = {
      absl::Weekday::monday,   absl::Weekday::tuesday, absl::Weekday::wednesday,
      absl::Weekday::thursday, absl::Weekday::friday,  absl::Weekday::saturday,
      absl::Weekday::sunday};
  const int index = static_cast<int>(
      std::find(std::begin(kOrder), std::end(kOrder), weekday) - std::begin(kOrder));
  const auto contract_day = static_cast<v1::Weekday>(v1::MONDAY + index);
  const bool works =
      rep.working_days.empty()
          ? contract_day <= v1::FRIDAY
          : std::count(rep.working_days.begin(), rep.working_days.end(),
                       contract_day) > 0;
  if (!works) return false;
  for (const CrmDayOff& off : rep.days_off) {
    if (off.date == date) return false;
  }
  return true;
}

}  // namespace callplan::crm
