#pragma once
// The flow graph as an SVG document: lifelines, one <g class="arrow"> per packet (line,
// arrow head, label and comment as real text), states where they change, the named phases
// bracketed (<g class="bracket">) and long silences marked (<g class="gap">).
#include "flow/flowgraph.h"
#include "flow/timeaxis.h"

#include <functional>
#include <string>
#include <string_view>

namespace synflow {

// `scale`: one row per arrow, or silences at true scale (core/flow/timeaxis.h).
std::string flowSvg(const FlowGraph& graph, FlowTimeScale scale = FlowTimeScale::Rows);
// The same, handed to `put` a piece at a time (the head, then each arrow's group).
void writeFlowSvg(const FlowGraph& graph, const std::function<void(std::string_view)>& put, FlowTimeScale scale = FlowTimeScale::Rows);

} // namespace synflow
