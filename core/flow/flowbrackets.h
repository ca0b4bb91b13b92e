#pragma once
// The named phases of each conversation in a flow graph — three-way handshake, four-way (or
// three-segment) teardown, simultaneous close, reset — as ranges of arrows a view can bracket.
#include "flow/flowgraph.h"

#include <string>
#include <vector>

namespace synflow {

struct FlowBracket {
    size_t first = 0, last = 0; // arrow indices, inclusive
    std::string name;           // "three-way handshake", "four-way teardown", ...
};

std::vector<FlowBracket> flowBrackets(const FlowGraph& graph);

} // namespace synflow
