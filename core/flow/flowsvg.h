#pragma once
// The flow graph as an SVG document: lifelines, one <g class="arrow"> per packet (line,
// arrow head, label and comment as real text), states where they change, the named phases
// bracketed (<g class="bracket">) and long silences marked (<g class="gap">).
#include "flow/flowgraph.h"

#include <functional>
#include <string>
#include <string_view>

namespace synflow {

std::string flowSvg(const FlowGraph& graph);
// The same, handed to `put` a piece at a time (the head, then each arrow's group).
void writeFlowSvg(const FlowGraph& graph, const std::function<void(std::string_view)>& put);

} // namespace synflow
