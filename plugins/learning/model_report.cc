#include "plugins/learning/model_report.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace callplan::crm::learning {
namespace {

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  return absl::StrCat("\"", absl::StrReplaceAll(text, {{"\"", "\"\""}}), "\"");
}

}  // namespace

std::string MetricsTable(const v1::PotentialModelCard& card) {
  std::string table = absl::StrFormat("%-10s %-20s %9s %12s %9s %6s\n", "team", "method",
                                      "rank corr", "top decile", "MAE", "rows");
  for (const v1::FamilyModel& family : card.families()) {
    for (const v1::ForecastMetrics& m : family.held_out()) {
      const std::string mae = m.mean_absolute_error() > 0
                                  ? absl::StrFormat("%.1f", m.mean_absolute_error())
                                  : std::string("-");
      absl::StrAppendFormat(&table, "%-10s %-20s %9.3f %11.1f%% %9s %6d\n",
                            family.family_id(), m.method(), m.rank_correlation(),
                            100 * m.top_decile_capture(), mae, m.rows());
    }
  }
  return table;
}

std::string CardMarkdown(const v1::PotentialModelCard& card) {
  std::string md = absl::StrCat("# Potential model ", card.model_id(), "\n\n");
  absl::StrAppend(&md, "- territory: ", card.territory_id(), "\n- learnt from ",
                  card.first_month(), " to ", card.as_of_month(),
                  " (nothing after ", card.as_of_month(), " was read)\n- predicts: ",
                  card.target(), "\n- measured on forecasts made at ",
                  absl::StrJoin(card.held_out_months(), ", "),
                  ", held out from training\n- library: ", card.library(),
                  "\n- format version: ", card.format_version(), "\n\n## Inputs\n\n");
  for (const std::string& input : card.inputs()) absl::StrAppend(&md, "- ", input, "\n");
  absl::StrAppend(&md, "\nPhysician-level data only: no patient data is read or kept.\n\n"
                       "## Features\n\n| feature | driver | what it is |\n|---|---|---|\n");
  for (const v1::ModelFeature& f : card.features()) {
    absl::StrAppend(&md, "| `", f.name(), "` | ", f.driver(), " | ", f.description(), " |\n");
  }
  absl::StrAppend(&md, "\n## Parameters\n\n");
  for (const v1::ModelParameter& p : card.parameters()) {
    absl::StrAppend(&md, "- ", p.name(), ": ", p.value(), "\n");
  }
  absl::StrAppend(&md, "\n## Families\n\n");
  for (const v1::FamilyModel& family : card.families()) {
    absl::StrAppendFormat(
        &md, "- team %s (%s): %d series, %d forecasts learnt from, %d held out; "
             "potential 100 = %.0f prescriptions in %d months; specialties %s; file %s\n",
        family.family_id(), absl::StrJoin(family.products(), ", "), family.series(),
        family.training_rows(), family.held_out_rows(), family.potential_scale(),
        card.horizon_months(), absl::StrJoin(family.specialties(), ", "),
        family.model_file());
  }
  absl::StrAppend(&md, "\n## Held-out forecasts against naive baselines\n\n```\n",
                  MetricsTable(card), "```\n\n## Segments\n\n");
  for (const v1::SegmentShare& s : card.segments()) {
    absl::StrAppendFormat(&md, "- tier %s: the next %.0f%% by predicted value\n", s.tier(),
                          100 * s.share());
  }
  return md;
}

std::string LearnedPotentialsCsv(const ModelScores& scores) {
  std::string csv = "physician_id,product,forecast,potential,tier,decile,why\n";
  for (const PhysicianScore& physician : scores.physicians) {
    for (const ProductScore& product : physician.products) {
      absl::StrAppendFormat(&csv, "%s,%s,%.1f,%.1f,%s,%d,%s\n",
                            CsvField(physician.physician_id), CsvField(product.product),
                            product.forecast, product.potential, physician.tier,
                            physician.decile, CsvField(product.words));
    }
  }
  return csv;
}

std::string TierCounts(const ModelScores& scores) {
  std::map<std::string, int> counts;
  for (const PhysicianScore& physician : scores.physicians) ++counts[physician.tier];
  std::vector<std::string> parts;
  for (const auto& [tier, count] : counts) parts.push_back(absl::StrCat(tier, " ", count));
  return absl::StrJoin(parts, ", ");
}

}  // namespace callplan::crm::learning
