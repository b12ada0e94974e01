#include "plugins/portfolio_reader.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "plugins/crm_fields.h"
#include "plugins/product_families.h"

namespace callplan::crm {
namespace {

// Team ids a rep or a history row may name, for messages.
std::string KnownTeams(const CrmBundle& bundle) {
  std::set<std::string> ids;
  for (const CrmTeam& team : bundle.teams) {
    if (!team.id.empty()) ids.insert(team.id);
  }
  return absl::StrJoin(ids, ", ");
}

void ReadPolicy(FieldReader& f, v1::FairnessBounds* policy) {
  namespace limits = v1::limits;
  if (auto v = f.InRange("max_workload_spread", limits::kWorkloadSpread, false)) {
    policy->set_max_workload_spread(static_cast<uint32_t>(*v));
  }
  if (auto v = f.InRange("max_potential_spread", limits::kPotentialSpread, false)) {
    policy->set_max_potential_spread(*v);
  }
  for (const char* column : {"max_route_km", "max_route_distance"}) {
    if (auto v = f.InRange(column, limits::kRouteDistance, false)) {
      policy->set_max_route_distance(*v);
    }
  }
  if (auto v = f.InRange("max_visits_per_rep", limits::kVisitsPerRep, false)) {
    policy->set_max_visits_per_rep(static_cast<uint32_t>(*v));
  }
}

}  // namespace

void ReadTeams(const CsvTable& table, CrmBundle* bundle,
               InputProblems* problems) {
  if (!RequireColumns(table, {"team_id", "products"}, problems)) return;
  std::map<std::string, int> lines;  // team id -> first line
  for (const CsvRow& row : table.rows) {
    FieldReader f(table, row, problems);
    CrmTeam team;
    team.line = row.line;
    team.id = f.Text("team_id", true);
    team.name = f.Text("name", false);
    team.products = f.DistinctList("products", "product");
    ReadPolicy(f, &team.policy);
    f.CheckUniqueId("team_id", "team", team.id, lines);
    bundle->teams.push_back(std::move(team));
  }
  if (table.rows.empty() && !table.header.empty()) {
    problems->Add(table.file, 0, "",
                  "no teams: list at least one, or leave the file out");
  }
}

void CheckRepTeams(const std::string& reps_file, const CrmBundle& bundle,
                   InputProblems* problems) {
  for (const CrmRep& rep : bundle.reps) {
    if (rep.id.empty()) continue;
    const CrmTeam* team = bundle.FindTeam(rep.team_id);
    if (!bundle.teams.empty() && rep.team_id.empty()) {
      problems->Add(reps_file, rep.line, "team_id",
                    absl::StrCat("required with teams.csv; one of ",
                                 KnownTeams(bundle)));
    } else if (!bundle.teams.empty() && team == nullptr) {
      problems->Add(reps_file, rep.line, "team_id",
                    absl::StrCat("no team \"", rep.team_id,
                                 "\" in teams.csv (known: ",
                                 KnownTeams(bundle), ")"));
    }
    if (rep.products.empty() && (team == nullptr || team->products.empty())) {
      problems->Add(reps_file, rep.line, "products",
                    team == nullptr
                        ? "required: the products this rep presents, "
                          "separated by ';'"
                        : absl::StrCat("required: team \"", team->id,
                                       "\" lists no products in teams.csv "
                                       "either"));
    }
  }
}

std::optional<std::string> UnknownTeam(const CrmBundle& bundle,
                                       const std::string& team_id) {
  if (!bundle.teams.empty()) {
    if (bundle.FindTeam(team_id) != nullptr) return std::nullopt;
    return absl::StrCat("no team \"", team_id, "\" in teams.csv (known: ",
                        KnownTeams(bundle), ")");
  }
  for (const CrmRep& rep : bundle.reps) {
    if (rep.team_id == team_id) return std::nullopt;
  }
  return absl::StrCat("no rep of team \"", team_id, "\" in reps.csv");
}

// Why a call of `team_id` cannot have detailed `product`: none of the
// team's products; nullopt when it can.
std::optional<std::string> NotPromotedBy(const CrmBundle& bundle,
                                         const std::string& team_id,
                                         const std::string& product) {
  for (const ProductFamily& family : ProductFamilies(bundle)) {
    if (family.id != team_id) continue;
    if (std::binary_search(family.products.begin(), family.products.end(), product)) {
      return std::nullopt;
    }
    return absl::StrCat("team \"", team_id, "\" does not promote \"", product,
                        "\" (its products: ", absl::StrJoin(family.products, ", "),
                        "); leave product empty when it is not known");
  }
  return absl::StrCat("team \"", team_id, "\" promotes no products");
}

void ReadVisitHistory(const CsvTable& table, CrmBundle* bundle,
                      InputProblems* problems) {
  if (!RequireColumns(table, {"physician_id", "team_id", "date"}, problems)) {
    return;
  }
  for (const CsvRow& row : table.rows) {
    FieldReader f(table, row, problems);
    CrmPastVisit visit;
    visit.line = row.line;
    visit.physician_id = f.Text("physician_id", true);
    visit.team_id = f.Text("team_id", true);
    visit.date = f.Text("date", true);
    visit.product = f.Text("product", false);
    bool good = !visit.physician_id.empty() && !visit.team_id.empty() &&
                !visit.date.empty();
    if (!visit.product.empty() && !visit.team_id.empty() &&
        !UnknownTeam(*bundle, visit.team_id)) {
      if (auto why = NotPromotedBy(*bundle, visit.team_id, visit.product)) {
        f.Report("product", *why);
        good = false;
      }
    }
    if (!visit.physician_id.empty() &&
        bundle->FindPhysician(visit.physician_id) == nullptr) {
      f.Report("physician_id", absl::StrCat("no physician \"",
                                            visit.physician_id,
                                            "\" in physicians.csv"));
      good = false;
    }
    if (!visit.team_id.empty()) {
      if (auto why = UnknownTeam(*bundle, visit.team_id)) {
        f.Report("team_id", *why);
        good = false;
      }
    }
    if (!visit.date.empty() && !ParseDate(visit.date).ok()) {
      f.Report("date", absl::StrCat("must be a day YYYY-MM-DD, got \"",
                                    visit.date, "\""));
      good = false;
    }
    if (good) bundle->visit_history.push_back(std::move(visit));
  }
}

}  // namespace callplan::crm
