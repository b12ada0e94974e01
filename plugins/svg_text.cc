#include "plugins/svg_text.h"

namespace callplan::crm {

std::string SvgEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

const char* RepColour(size_t index) {
  static constexpr const char* kColours[] = {
      "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
      "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f"};
  return kColours[index % (sizeof(kColours) / sizeof(kColours[0]))];
}

}  // namespace callplan::crm
