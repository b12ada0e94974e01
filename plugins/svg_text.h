// What the plugin's SVG pictures share (the route map, the cycle chart):
// text escaped for SVG, and one colour per rep by its position in the
// bundle, so a rep has the same colour in every picture of a run.
#ifndef CALLPLAN_PLUGINS_SVG_TEXT_H_
#define CALLPLAN_PLUGINS_SVG_TEXT_H_

#include <cstddef>
#include <string>

namespace callplan::crm {

// & < > " escaped, for text and attribute values.
std::string SvgEscape(const std::string& text);

// The colour of the rep at `index` (cycling through ten).
const char* RepColour(size_t index);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_SVG_TEXT_H_
