#include "plugins/cycle_chart_svg.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "plugins/crm_fields.h"
#include "plugins/svg_text.h"

namespace callplan::crm {
namespace {

constexpr double kLeft = 50;
constexpr double kTop = 50;
constexpr double kPlotHeight = 240;
constexpr double kBarWidth = 12;
constexpr double kGroupGap = 18;
constexpr double kLegendWidth = 280;

using RepWeekKey = std::pair<std::string, std::string>;  // rep, Monday

std::map<RepWeekKey, uint32_t> CallsByRepWeek(const v1::PlanCycleResponse& cycle) {
  std::map<RepWeekKey, uint32_t> calls;
  for (const v1::RepWeek& week : cycle.rep_weeks()) {
    calls[{week.rep_id(), week.week_start()}] += week.visits();
  }
  return calls;
}

// Gridlines and labels of the calls axis, every `step` calls up to `top`.
void DrawAxis(uint32_t top, uint32_t step, double width, std::string* svg) {
  for (uint32_t value = 0; value <= top; value += step) {
    const double y = kTop + kPlotHeight - kPlotHeight * value / top;
    absl::StrAppend(svg, absl::StrFormat(
        "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#dddddd\"/>\n"
        "<text x=\"%.0f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%d</text>\n",
        kLeft, y, kLeft + width, y, kLeft - 6, y + 3, value));
  }
  absl::StrAppend(svg, absl::StrFormat(
      "<text x=\"12\" y=\"%.0f\" font-size=\"11\" transform=\"rotate(-90 12 %.0f)\" "
      "text-anchor=\"middle\">calls</text>\n",
      kTop + kPlotHeight / 2, kTop + kPlotHeight / 2));
}

// Each rep's colour, id, name and calls over the cycle.
void DrawLegend(const CrmBundle& bundle, const std::vector<std::string>& weeks,
                const std::map<RepWeekKey, uint32_t>& calls, double legend_x,
                std::string* svg) {
  for (size_t r = 0; r < bundle.reps.size(); ++r) {
    const CrmRep& rep = bundle.reps[r];
    uint32_t total = 0;
    for (const std::string& week : weeks) {
      const auto found = calls.find({rep.id, week});
      if (found != calls.end()) total += found->second;
    }
    absl::StrAppend(svg, absl::StrFormat(
        "<rect x=\"%.0f\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"%s\"/>\n"
        "<text x=\"%.0f\" y=\"%.0f\" font-size=\"12\">%s %s: %d calls</text>\n",
        legend_x, kTop + 18.0 * r, RepColour(r), legend_x + 18, kTop + 10 + 18.0 * r,
        SvgEscape(rep.id), SvgEscape(rep.name), total));
  }
}

}  // namespace

std::vector<std::string> CycleWeeks(const std::string& first_date,
                                    const std::string& last_date) {
  const absl::StatusOr<absl::CivilDay> first = ParseDate(first_date);
  const absl::StatusOr<absl::CivilDay> last = ParseDate(last_date);
  std::vector<std::string> weeks;
  if (!first.ok() || !last.ok() || *last < *first) return weeks;
  absl::CivilDay monday = *first;
  while (absl::GetWeekday(monday) != absl::Weekday::monday) --monday;
  for (; monday <= *last; monday += 7) weeks.push_back(absl::FormatCivilTime(monday));
  return weeks;
}

std::string CycleCallsSvg(const CrmBundle& bundle,
                          const v1::PlanCycleResponse& cycle,
                          const std::string& first_date,
                          const std::string& last_date) {
  const std::vector<std::string> weeks = CycleWeeks(first_date, last_date);
  const std::map<RepWeekKey, uint32_t> calls = CallsByRepWeek(cycle);
  uint32_t most = 1;
  for (const auto& [key, count] : calls) most = std::max(most, count);
  const uint32_t step = std::max<uint32_t>(1, (most + 4) / 5);
  const uint32_t top = (most + step - 1) / step * step;
  const double group = kBarWidth * static_cast<double>(bundle.reps.size()) + kGroupGap;
  const double plot_width = group * static_cast<double>(weeks.size()) + kGroupGap;
  const double height = std::max(kTop + kPlotHeight + 50,
                                 kTop + 18.0 * static_cast<double>(bundle.reps.size()) + 20);
  std::string svg = absl::StrFormat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
      "font-family=\"sans-serif\">\n<rect width=\"100%%\" height=\"100%%\" "
      "fill=\"white\"/>\n<text x=\"%.0f\" y=\"24\" font-size=\"14\">%s: calls per "
      "week per rep, %s to %s</text>\n",
      kLeft + plot_width + kLegendWidth, height, kLeft,
      SvgEscape(bundle.settings.territory_id), SvgEscape(first_date),
      SvgEscape(last_date));
  DrawAxis(top, step, plot_width, &svg);
  for (size_t w = 0; w < weeks.size(); ++w) {
    const double x0 = kLeft + kGroupGap + group * static_cast<double>(w);
    for (size_t r = 0; r < bundle.reps.size(); ++r) {
      const CrmRep& rep = bundle.reps[r];
      const auto found = calls.find({rep.id, weeks[w]});
      const uint32_t count = found == calls.end() ? 0 : found->second;
      const double h = kPlotHeight * count / top;
      absl::StrAppend(&svg, absl::StrFormat(
          "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\" fill=\"%s\">"
          "<title>%s, week of %s: %d calls</title></rect>\n",
          x0 + kBarWidth * static_cast<double>(r), kTop + kPlotHeight - h,
          kBarWidth - 1, h, RepColour(r), SvgEscape(rep.id), weeks[w], count));
    }
    absl::StrAppend(&svg, absl::StrFormat(
        "<text x=\"%.1f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"middle\">%s</text>\n",
        x0 + (group - kGroupGap) / 2, kTop + kPlotHeight + 16, weeks[w]));
  }
  DrawLegend(bundle, weeks, calls, kLeft + plot_width + 20, &svg);
  absl::StrAppend(&svg, "</svg>\n");
  return svg;
}

}  // namespace callplan::crm
