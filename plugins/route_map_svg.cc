#include "plugins/route_map_svg.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "plugins/svg_text.h"

namespace callplan::crm {
namespace {

constexpr double kMapWidth = 800;
constexpr double kMargin = 30;
constexpr double kLegendWidth = 260;

// Maps latitude/longitude onto the drawing area.
class Projection {
 public:
  Projection(const CrmBundle& bundle) {
    double lat_sum = 0;
    int count = 0;
    auto add = [&](double lat, double lng) {
      min_lat_ = std::min(min_lat_, lat);
      max_lat_ = std::max(max_lat_, lat);
      min_lng_ = std::min(min_lng_, lng);
      max_lng_ = std::max(max_lng_, lng);
      lat_sum += lat;
      ++count;
    };
    for (const CrmRep& rep : bundle.reps) add(rep.home_latitude, rep.home_longitude);
    for (const CrmPhysician& p : bundle.physicians) add(p.latitude, p.longitude);
    const double mean = count > 0 ? lat_sum / count : 0;
    x_scale_ = std::cos(mean * M_PI / 180.0);
    const double span_x = std::max((max_lng_ - min_lng_) * x_scale_, 1e-6);
    const double span_y = std::max(max_lat_ - min_lat_, 1e-6);
    scale_ = (kMapWidth - 2 * kMargin) / std::max(span_x, span_y);
    height_ = span_y * scale_ + 2 * kMargin;
  }
  double X(double lng) const { return kMargin + (lng - min_lng_) * x_scale_ * scale_; }
  double Y(double lat) const { return kMargin + (max_lat_ - lat) * scale_; }
  double height() const { return std::max(height_, 200.0); }

 private:
  double min_lat_ = 1e9, max_lat_ = -1e9, min_lng_ = 1e9, max_lng_ = -1e9;
  double x_scale_ = 1, scale_ = 1, height_ = 0;
};

void DrawRoute(const Projection& map, const RepSchedule& day,
               const char* colour, std::string* svg) {
  const CrmRep& rep = *day.rep;
  std::string points = absl::StrFormat(
      "%.1f,%.1f", map.X(rep.home_longitude), map.Y(rep.home_latitude));
  for (const ScheduledVisit& v : day.visits) {
    absl::StrAppend(&points, absl::StrFormat(" %.1f,%.1f", map.X(v.longitude),
                                             map.Y(v.latitude)));
  }
  absl::StrAppend(&points, absl::StrFormat(" %.1f,%.1f", map.X(rep.home_longitude),
                                           map.Y(rep.home_latitude)));
  if (!day.visits.empty()) {
    absl::StrAppend(svg, absl::StrFormat(
        "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
        "stroke-width=\"2\" stroke-opacity=\"0.8\"/>\n", points, colour));
  }
  for (const ScheduledVisit& v : day.visits) {
    absl::StrAppend(svg, absl::StrFormat(
        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"%s\"><title>%s</title>"
        "</circle>\n<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" fill=\"white\" "
        "text-anchor=\"middle\">%d</text>\n",
        map.X(v.longitude), map.Y(v.latitude), colour,
        SvgEscape(absl::StrCat(rep.id, " visit ", v.order, ": ", v.physician_name)),
        map.X(v.longitude), map.Y(v.latitude) + 3, v.order));
  }
  absl::StrAppend(svg, absl::StrFormat(
      "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\" "
      "stroke=\"black\"/>\n<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
      "font-weight=\"bold\">%s</text>\n",
      map.X(rep.home_longitude) - 6, map.Y(rep.home_latitude) - 6, colour,
      map.X(rep.home_longitude) + 8, map.Y(rep.home_latitude) - 8,
      SvgEscape(rep.id)));
}

}  // namespace

std::string RouteMapSvg(const CrmBundle& bundle,
                        const std::vector<RepSchedule>& schedules,
                        const std::string& date) {
  const Projection map(bundle);
  const double height =
      std::max(map.height(), 60.0 + 18.0 * static_cast<double>(schedules.size()));
  std::string svg = absl::StrFormat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
      "height=\"%.0f\" font-family=\"sans-serif\">\n"
      "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
      "<text x=\"%.0f\" y=\"18\" font-size=\"14\">%s, %s</text>\n",
      kMapWidth + kLegendWidth, height, kMargin,
      SvgEscape(bundle.settings.territory_id), SvgEscape(date));
  std::set<std::string> visited;
  for (const RepSchedule& day : schedules) {
    for (const ScheduledVisit& v : day.visits) visited.insert(v.physician_id);
  }
  for (const CrmPhysician& p : bundle.physicians) {
    if (visited.count(p.id) > 0) continue;
    absl::StrAppend(&svg, absl::StrFormat(
        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#bbbbbb\"><title>%s "
        "(not visited)</title></circle>\n",
        map.X(p.longitude), map.Y(p.latitude), SvgEscape(p.id + " " + p.name)));
  }
  for (size_t i = 0; i < schedules.size(); ++i) {
    const char* colour = RepColour(i);
    DrawRoute(map, schedules[i], colour, &svg);
    absl::StrAppend(&svg, absl::StrFormat(
        "<rect x=\"%.0f\" y=\"%.0f\" width=\"12\" height=\"12\" fill=\"%s\"/>\n"
        "<text x=\"%.0f\" y=\"%.0f\" font-size=\"12\">%s: %d visits, "
        "potential %.0f, %.1f km</text>\n",
        kMapWidth, 40 + 18.0 * i, colour, kMapWidth + 18, 50 + 18.0 * i,
        SvgEscape(schedules[i].rep->id), static_cast<int>(schedules[i].visits.size()),
        schedules[i].total_potential, schedules[i].route_km));
  }
  absl::StrAppend(&svg, "</svg>\n");
  return svg;
}

}  // namespace callplan::crm
