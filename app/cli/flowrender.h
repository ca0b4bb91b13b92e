#pragma once
// PNG and PDF flow graphs for synflow-cli, drawn by the same painter as the window's view
// (PDF keeps text as text, one page per 40 arrows).
#include "flow/flowgraph.h"

#include <string>

namespace synflow::cli {

bool renderFlow(const FlowGraph& graph, const std::string& format, const std::string& path, std::string& error);

} // namespace synflow::cli
