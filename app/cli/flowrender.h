#pragma once
// PNG and PDF of a flow graph, drawn by Qt from our SVG (text stays text in the PDF).
#include <string>

namespace synflow::cli {

// Writes `svg` as `format` ("png" or "pdf") to `path`; false with `error` on failure.
bool renderSvg(const std::string& svg, const std::string& format, const std::string& path, std::string& error);

} // namespace synflow::cli
