#pragma once
// The flow graph as an SVG document: lifelines, one <g class="arrow"> per packet (line,
// arrow head, label and comment as real text), states where they change, the named phases
// bracketed (<g class="bracket">) and long silences marked (<g class="gap">).
#include "flow/flowgraph.h"

#include <string>

namespace synflow {

std::string flowSvg(const FlowGraph& graph);

} // namespace synflow
