#pragma once
// The flow graph as an SVG document: lifelines, one <g class="arrow"> per packet (line,
// arrow head, label and comment as real text), states where they change, and a legend.
#include "flow/flowgraph.h"

#include <string>

namespace synflow {

std::string flowSvg(const FlowGraph& graph);

} // namespace synflow
