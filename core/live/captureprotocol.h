#pragma once
// How LiveCapture and the synflow-capture helper talk: the helper's command line, and the
// status lines it writes to stderr: "stats PACKETS BYTES RECEIVED DROPPED IFDROPPED" about
// ten times a second and once at the end, and one "error MESSAGE" line when it fails.
#include "live/livecapture.h"

#include <string>
#include <string_view>
#include <vector>

namespace synflow::captureprotocol {

// The helper's arguments (without argv[0]) for these options.
std::vector<std::string> helperArguments(const CaptureOptions& options);

// Reads the helper's command line; false with a one-line reason.
bool parseHelperArguments(const std::vector<std::string>& args, CaptureOptions& options, std::string& error);

const char* usage();

std::string statsLine(const CaptureStats& stats);
std::string errorLine(std::string_view message); // newlines in the message become spaces

enum class Status { Stats, Error, Other };
// Sorts one line (without its newline); fills `stats` or `message` accordingly (Other: the
// line as it is, e.g. a crash report from the C library).
Status parseStatusLine(std::string_view line, CaptureStats& stats, std::string& message);

} // namespace synflow::captureprotocol
