#pragma once
// PNG and PDF flow graphs for synflow-cli, drawn by the same painter as the window's view
// (PDF keeps text as text, one page per 40 arrows).
#include "flow/flowgraph.h"
#include "flow/timeaxis.h"

#include <string>

namespace synflow::cli {

// Writes the image to the open descriptor `fd` (an AtomicFile's temporary file).
bool renderFlow(const FlowGraph& graph, const std::string& format, int fd, std::string& error, FlowTimeScale scale = FlowTimeScale::Rows);
// The lesson handout of a one-conversation graph (a PDF page per step, as the window exports
// it), with the English explanations of `flow --explain`, to `fd`.
bool renderHandout(const FlowGraph& graph, int fd, std::string& error);

} // namespace synflow::cli
