#include "plugins/plan_review_page.h"

#include <map>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "plugins/plan_review.h"
#include "plugins/rep_schedule.h"
#include "plugins/route_map_svg.h"

namespace callplan::crm {
namespace {

// No script may run and nothing may be loaded: styles and the SVG are
// inline, and a page that tried more would show it as a console error.
constexpr char kHead[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'unsafe-inline'; img-src data:\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";

constexpr char kStyle[] = R"css(<style>
body { font-family: sans-serif; margin: 24px; color: #222; max-width: 1200px; }
h1 { font-size: 1.5em; margin-bottom: 4px; }
h2 { font-size: 1.2em; border-bottom: 1px solid #ccc; margin-top: 28px; }
h3 { font-size: 1.05em; margin: 18px 0 6px; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.state { font-weight: bold; padding: 1px 6px; border-radius: 3px; background: #eee; }
.state-DRAFT { background: #fff3c4; } .state-APPROVED { background: #d7f0ff; }
.state-PUBLISHED { background: #d4f5d4; } .state-REJECTED { background: #f8d0d0; }
.state-SUPERSEDED { background: #e4e4e4; }
tr.added td.kind { color: #1a7f1a; } tr.dropped td.kind { color: #b00020; }
tr.moved-in td.kind, tr.moved-out td.kind { color: #1f5fb4; }
tr.retimed td.kind { color: #9a6700; }
.better { color: #1a7f1a; } .worse { color: #b00020; }
.note { color: #555; }
section.rep { margin-bottom: 12px; }
figure { margin: 0; overflow-x: auto; }
</style>
)css";

std::string Html(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Clock(int64_t seconds) {
  return absl::StrFormat("%02d:%02d", seconds / 3600, seconds / 60 % 60);
}

std::string When(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%d %H:%M UTC", absl::FromUnixSeconds(t.seconds()),
                          absl::UTCTimeZone());
}

std::string Potential(double value) { return absl::StrFormat("%.1f", value); }

// Names from the bundle, else from the plan's request (which keeps the
// names the day was planned with), else the id alone.
class Names {
 public:
  Names(const v1::PlanDayRequest& request, const CrmBundle* bundle) {
    for (const v1::Rep& rep : request.reps()) reps_[rep.id()] = rep.display_name();
    for (const v1::Physician& p : request.physicians()) {
      physicians_[p.id()] = p.display_name();
    }
    if (bundle == nullptr) return;
    for (const CrmRep& rep : bundle->reps) reps_[rep.id] = rep.name;
    for (const CrmPhysician& p : bundle->physicians) physicians_[p.id] = p.name;
  }
  // Escaped: "<b>R01</b> Claire Martin".
  std::string Rep(const std::string& id) const { return Named(reps_, id); }
  std::string Physician(const std::string& id) const { return Named(physicians_, id); }

 private:
  static std::string Named(const std::map<std::string, std::string>& names,
                           const std::string& id) {
    const auto it = names.find(id);
    const std::string name = it == names.end() ? "" : it->second;
    return absl::StrCat("<b>", Html(id), "</b>", name.empty() ? "" : " ", Html(name));
  }
  std::map<std::string, std::string> reps_, physicians_;
};

std::string Row(std::initializer_list<std::string> cells) {
  std::string row = "<tr>";
  for (const std::string& cell : cells) absl::StrAppend(&row, "<td>", cell, "</td>");
  return absl::StrCat(row, "</tr>\n");
}

std::string SummarySection(const v1::StoredPlan& plan, const v1::PlanDiff& diff) {
  const v1::PlanSummary& s = plan.summary();
  std::string out = "<h2>Plan</h2>\n<table class=\"summary\">\n";
  const auto add = [&out](const std::string& label, const std::string& value) {
    absl::StrAppend(&out, "<tr><th>", label, "</th><td>", value, "</td></tr>\n");
  };
  add("Plan", Html(s.plan_id()));
  add("State", absl::StrCat("<span class=\"state state-", PlanStateWord(s.state()), "\">",
                            PlanStateWord(s.state()), "</span> version ", s.version()));
  add("Territory", Html(s.territory_id()));
  add("Date", Html(s.date()));
  add("Teams", s.team_ids().empty() ? "(none)" : Html(absl::StrJoin(s.team_ids(), ", ")));
  add("Visits", absl::StrCat(s.visits()));
  add("Potential", Potential(s.objective()));
  add("Left unvisited", absl::StrCat(plan.response().unassigned_size(), " physicians"));
  add("Created",
      absl::StrCat("by ", Html(s.created_by()), " at ", When(s.create_time())));
  add("Last step",
      absl::StrCat("by ", Html(s.updated_by()), " at ", When(s.update_time())));
  if (!s.superseded_by().empty()) add("Superseded by", Html(s.superseded_by()));
  add("Compared with", diff.base_plan_id().empty()
                           ? "no published plan for this day (every visit is new)"
                           : absl::StrCat("published plan ", Html(diff.base_plan_id())));
  return absl::StrCat(out, "</table>\n");
}

std::string HistorySection(const v1::StoredPlan& plan) {
  std::string out =
      "<h2>History</h2>\n<table class=\"history\">\n"
      "<tr><th>Version</th><th>State</th><th>Who</th><th>When</th><th>Why</th></tr>\n";
  for (const v1::PlanStep& step : plan.history()) {
    absl::StrAppend(&out, Row({absl::StrCat(step.version()), PlanStateWord(step.state()),
                               Html(step.actor()), When(step.time()),
                               step.reason().empty() ? "<span class=\"note\">(no reason "
                                                       "given)</span>"
                                                     : Html(step.reason())}));
  }
  return absl::StrCat(out, "</table>\n");
}

// Every pin, forbidden visit and locked day the plan was made with, and
// who decided it and why: the manager approves them with the plan.
std::string DecisionsSection(const v1::PlanDayRequest& request, const Names& names) {
  std::string out = "<h2>Manager's decisions</h2>\n";
  if (request.pins().empty() && request.forbidden_visits().empty() &&
      request.locked_days().empty()) {
    return absl::StrCat(out, "<p class=\"note\">No pins, forbidden visits or locked "
                             "days.</p>\n");
  }
  absl::StrAppend(&out,
                  "<table class=\"decisions\">\n<tr><th>Decision</th><th>Rep</th>"
                  "<th>Physician</th><th>When</th><th>By</th><th>Why</th></tr>\n");
  for (const v1::VisitPin& pin : request.pins()) {
    absl::StrAppend(&out, Row({pin.done() ? "done visit" : "pin", names.Rep(pin.rep_id()),
                               names.Physician(pin.physician_id()),
                               pin.has_start_seconds() ? Clock(pin.start_seconds()) : "any time",
                               Html(pin.pinned_by()), Html(pin.reason())}));
  }
  for (const v1::ForbiddenVisit& forbid : request.forbidden_visits()) {
    absl::StrAppend(&out, Row({"forbidden", names.Rep(forbid.rep_id()),
                               names.Physician(forbid.physician_id()), "",
                               Html(forbid.pinned_by()), Html(forbid.reason())}));
  }
  for (const v1::LockedDay& lock : request.locked_days()) {
    absl::StrAppend(&out, Row({"locked day", names.Rep(lock.rep_id()), "", "",
                               Html(lock.pinned_by()), Html(lock.reason())}));
  }
  return absl::StrCat(out, "</table>\n");
}

// Which way a measure is better: more potential, smaller spreads (fairer);
// more visits is neither.
enum class Better { kHigher, kLower, kNeither };

// One line of the fairness table, its change coloured by `better`.
std::string MeasureRow(const std::string& label, double before, double after,
                       Better better, bool whole) {
  const auto number = [whole](double v) {
    return whole ? absl::StrFormat("%.0f", v) : absl::StrFormat("%.1f", v);
  };
  const double change = after - before;
  std::string cls;
  if (change != 0 && better != Better::kNeither) {
    cls = (better == Better::kLower) == (change < 0) ? "better" : "worse";
  }
  return absl::StrCat("<tr><th>", label, "</th><td class=\"num\">", number(before),
                      "</td><td class=\"num\">", number(after), "</td><td class=\"num ",
                      cls, "\">", change > 0 ? "+" : "", number(change), "</td></tr>\n");
}

std::string FairnessSection(const v1::PlanDiff& diff) {
  double visits_before = 0, visits_after = 0;
  for (const v1::RepDayChange& rep : diff.reps()) {
    visits_before += rep.visits_before();
    visits_after += rep.visits_after();
  }
  return absl::StrCat(
      "<h2>Potential and fairness</h2>\n<table class=\"fairness\">\n"
      "<tr><th></th><th>Before</th><th>After</th><th>Change</th></tr>\n",
      MeasureRow("Potential", diff.objective_before(), diff.objective_after(),
                 Better::kHigher, false),
      MeasureRow("Visits", visits_before, visits_after, Better::kNeither, true),
      MeasureRow("Workload spread (visits, busiest rep minus least busy)",
                 diff.workload_spread_before(), diff.workload_spread_after(),
                 Better::kLower, true),
      MeasureRow("Potential spread (highest rep minus lowest)",
                 diff.potential_spread_before(), diff.potential_spread_after(),
                 Better::kLower, false),
      "</table>\n<p class=\"note\">",
      diff.changes().empty() ? "No visit changes."
                             : absl::StrCat(diff.changes_size(), " visit changes."),
      "</p>\n");
}

std::string Stop(const Names& names, const std::string& rep, int64_t start) {
  return rep.empty() ? "&mdash;" : absl::StrCat(names.Rep(rep), " at ", Clock(start));
}

// A change as a row of `rep`'s table. A visit moved between reps shows in
// both: moved in for the rep who takes it, moved out for the one who had it.
std::string ChangeRow(const v1::VisitChange& c, const std::string& rep,
                      const Names& names) {
  std::string cls, word;
  switch (c.kind()) {
    case v1::VisitChange::ADDED:
      cls = "added";
      word = "added";
      break;
    case v1::VisitChange::DROPPED:
      cls = "dropped";
      word = "dropped";
      break;
    case v1::VisitChange::RETIMED:
      cls = "retimed";
      word = "re-timed";
      break;
    case v1::VisitChange::MOVED:
      cls = c.to_rep_id() == rep ? "moved-in" : "moved-out";
      word = c.to_rep_id() == rep ? "moved in" : "moved out";
      break;
    default:
      cls = "unknown";
      word = "changed";
  }
  const std::string before = c.kind() == v1::VisitChange::ADDED
                                 ? "&mdash;"
                                 : Stop(names, c.from_rep_id(), c.from_start_seconds());
  const std::string after = c.kind() == v1::VisitChange::DROPPED
                                ? "&mdash;"
                                : Stop(names, c.to_rep_id(), c.to_start_seconds());
  return absl::StrCat(
      "<tr class=\"change ", cls, "\" data-kind=\"", cls, "\" data-rep=\"", Html(rep),
      "\" data-physician=\"", Html(c.physician_id()), "\"><td class=\"kind\">", word,
      "</td><td>", names.Physician(c.physician_id()), "</td><td>", before, "</td><td>",
      after, "</td><td class=\"num\">", Potential(c.potential()), "</td></tr>\n");
}

std::string RepSection(const std::string& rep_id, const v1::RepDayChange* day,
                       const std::vector<const v1::VisitChange*>& changes,
                       const Names& names) {
  std::string out = absl::StrCat("<section class=\"rep\" data-rep=\"", Html(rep_id),
                                 "\">\n<h3>", names.Rep(rep_id), "</h3>\n");
  if (day != nullptr) {
    absl::StrAppend(
        &out, absl::StrFormat(
                  "<p>Visits %d &rarr; %d &middot; potential %s &rarr; %s &middot; "
                  "route %.1f &rarr; %.1f km</p>\n",
                  day->visits_before(), day->visits_after(),
                  Potential(day->potential_before()), Potential(day->potential_after()),
                  day->route_distance_before(), day->route_distance_after()));
  }
  if (changes.empty()) {
    return absl::StrCat(out,
                        "<p class=\"note unchanged\">No change for this rep.</p>\n"
                        "</section>\n");
  }
  absl::StrAppend(&out,
                  "<table class=\"changes\">\n<tr><th>Change</th><th>Physician</th>"
                  "<th>Before</th><th>After</th><th>Potential</th></tr>\n");
  for (const v1::VisitChange* c : changes) {
    absl::StrAppend(&out, ChangeRow(*c, rep_id, names));
  }
  return absl::StrCat(out, "</table>\n</section>\n");
}

// Every rep of either plan (the diff's reps, and to be safe any rep a
// change names), by id, each with the changes that touch it.
std::string RepsSection(const v1::PlanDiff& diff, const Names& names) {
  std::map<std::string, const v1::RepDayChange*> days;
  std::map<std::string, std::vector<const v1::VisitChange*>> touching;
  for (const v1::RepDayChange& rep : diff.reps()) {
    days[rep.rep_id()] = &rep;
    touching[rep.rep_id()];
  }
  for (const v1::VisitChange& c : diff.changes()) {
    const std::string& owner = c.to_rep_id().empty() ? c.from_rep_id() : c.to_rep_id();
    touching[owner].push_back(&c);
    if (c.kind() == v1::VisitChange::MOVED && c.from_rep_id() != owner) {
      touching[c.from_rep_id()].push_back(&c);
    }
  }
  std::string out = "<h2>Reps</h2>\n";
  for (const auto& [rep_id, changes] : touching) {
    const auto day = days.find(rep_id);
    absl::StrAppend(&out, RepSection(rep_id, day == days.end() ? nullptr : day->second,
                                     changes, names));
  }
  return out;
}

std::string MapSection(const v1::StoredPlan& plan, const CrmBundle* bundle) {
  if (bundle == nullptr) {
    return "<h2>Route map</h2>\n<p class=\"note\">No route map: run the review with "
           "--crm DIR to draw it.</p>\n";
  }
  const std::string& date = plan.summary().date();
  absl::StatusOr<std::vector<RepSchedule>> schedules =
      RepSchedulesFromPlan(plan.response(), *bundle, date);
  if (!schedules.ok()) {
    return absl::StrCat("<h2>Route map</h2>\n<p class=\"note\">No route map: ",
                        Html(std::string(schedules.status().message())), "</p>\n");
  }
  return absl::StrCat("<h2>Route map</h2>\n<figure class=\"map\">\n",
                      RouteMapSvg(*bundle, *schedules, date), "</figure>\n");
}

}  // namespace

std::string PlanReviewPage(const v1::StoredPlan& plan, const v1::PlanDiff& diff,
                           const CrmBundle* bundle) {
  const Names names(plan.request(), bundle);
  const v1::PlanSummary& s = plan.summary();
  return absl::StrCat(
      kHead, "<title>Review of plan ", Html(s.plan_id()), "</title>\n", kStyle,
      "</head>\n<body>\n<h1>Review of plan ", Html(s.plan_id()), "</h1>\n<p>",
      Html(s.territory_id()), ", ", Html(s.date()),
      " &middot; <span class=\"state state-", PlanStateWord(s.state()), "\">",
      PlanStateWord(s.state()), "</span></p>\n", SummarySection(plan, diff),
      HistorySection(plan), FairnessSection(diff), DecisionsSection(plan.request(), names),
      RepsSection(diff, names),
      MapSection(plan, bundle),
      "<h2>Next</h2>\n<p>Approve, reject or publish the version you reviewed: "
      "<code>callplan-crm approve|reject|publish --plan ",
      Html(s.plan_id()), " --version ", s.version(),
      " ...</code></p>\n</body>\n</html>\n");
}

}  // namespace callplan::crm
