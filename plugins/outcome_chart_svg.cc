#include "plugins/outcome_chart_svg.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "plugins/svg_text.h"

namespace callplan::crm {
namespace {

constexpr double kPanelWidth = 300;
constexpr double kTop = 70;
constexpr double kPlotHeight = 200;
constexpr double kBarWidth = 18;

// One panel: groups of bars (one per series) with a label under each group.
struct Panel {
  std::string title;
  std::vector<std::string> series;  // legend, one colour each
  std::vector<std::string> groups;
  std::vector<std::vector<double>> values;  // [group][series]
  std::string unit;                         // "%" or ""
};

void DrawPanel(const Panel& panel, double left, std::string* svg) {
  // Shares are drawn on their own 0-100% scale, counts on the panel's largest.
  double most = panel.unit == "%" ? 100.0 : 1e-9;
  for (const auto& group : panel.values) {
    for (double v : group) most = std::max(most, v);
  }
  absl::StrAppendFormat(svg, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"12\">%s</text>\n", left,
                        kTop - 30, SvgEscape(panel.title));
  for (size_t s = 0; s < panel.series.size(); ++s) {
    absl::StrAppendFormat(
        svg,
        "<rect x=\"%.0f\" y=\"%.0f\" width=\"10\" height=\"10\" fill=\"%s\"/>"
        "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\">%s</text>\n",
        left + 90.0 * s, kTop - 20, RepColour(s), left + 90.0 * s + 14, kTop - 11,
        SvgEscape(panel.series[s]));
  }
  absl::StrAppendFormat(svg,
                        "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#999\"/>\n",
                        left, kTop + kPlotHeight, left + kPanelWidth - 30, kTop + kPlotHeight);
  const double group_width =
      (kPanelWidth - 30) / static_cast<double>(std::max<size_t>(1, panel.groups.size()));
  for (size_t g = 0; g < panel.groups.size(); ++g) {
    const double x0 = left + group_width * g +
                      (group_width - kBarWidth * panel.series.size()) / 2;
    for (size_t s = 0; s < panel.series.size(); ++s) {
      const double value = panel.values[g][s];
      const double h = kPlotHeight * std::max(0.0, value) / most;
      absl::StrAppendFormat(
          svg,
          "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.1f\" fill=\"%s\">"
          "<title>%s, %s: %.1f%s</title></rect>\n",
          x0 + kBarWidth * s, kTop + kPlotHeight - h, kBarWidth - 2, h, RepColour(s),
          SvgEscape(panel.groups[g]), SvgEscape(panel.series[s]), value, panel.unit);
      absl::StrAppendFormat(
          svg, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\">%.0f%s</text>\n",
          x0 + kBarWidth * s + (kBarWidth - 2) / 2, kTop + kPlotHeight - h - 3, value,
          panel.unit);
    }
    absl::StrAppendFormat(
        svg, "<text x=\"%.1f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"middle\">%s</text>\n",
        left + group_width * (g + 0.5), kTop + kPlotHeight + 14, SvgEscape(panel.groups[g]));
  }
}

Panel CallsPanel(const OutcomeReport& r) {
  Panel panel{"calls per team", {"planned", "made"}, {}, {}, ""};
  for (const TeamCalls& team : r.teams) {
    panel.groups.push_back(team.team_id);
    panel.values.push_back({static_cast<double>(team.planned), static_cast<double>(team.made)});
  }
  return panel;
}

Panel AttainmentPanel(const OutcomeReport& r) {
  Panel panel{"target calls made, by tier", {"attainment"}, {}, {}, "%"};
  for (const TierAttainment& tier : r.tiers) {
    panel.groups.push_back(tier.tier.empty() ? "no tier" : tier.tier);
    panel.values.push_back(
        {tier.target_calls > 0 ? 100.0 * tier.calls_toward_target / tier.target_calls : 0});
  }
  return panel;
}

Panel TrendPanel(const OutcomeReport& r) {
  Panel panel{r.trend_known ? "prescriptions a physician a month"
                            : "prescriptions: not known for the period",
              {"before", "during"},
              {},
              {},
              ""};
  if (!r.trend_known) return panel;
  panel.groups = {"called", "not called"};
  panel.values = {{r.called.before, r.called.during},
                  {r.not_called.before, r.not_called.during}};
  return panel;
}

}  // namespace

std::string OutcomeChartSvg(const OutcomeReport& report, const std::string& territory_id) {
  const std::vector<Panel> panels = {CallsPanel(report), AttainmentPanel(report),
                                     TrendPanel(report)};
  std::string svg = absl::StrFormat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
      "font-family=\"sans-serif\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
      "<text x=\"20\" y=\"22\" font-size=\"14\">%s: what the calls of %s to %s did</text>\n",
      20 + kPanelWidth * panels.size(), kTop + kPlotHeight + 40, SvgEscape(territory_id),
      SvgEscape(report.from), SvgEscape(report.to));
  for (size_t p = 0; p < panels.size(); ++p) DrawPanel(panels[p], 20 + kPanelWidth * p, &svg);
  absl::StrAppend(&svg, "</svg>\n");
  return svg;
}

}  // namespace callplan::crm
