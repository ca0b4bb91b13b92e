#pragma once
// Finding synflow-capture, the helper that holds the capture capabilities, and telling
// whether this user may run it (the package lets only the synflow group).
#include <string>

namespace synflow {

// $SYNFLOW_CAPTURE_HELPER when set, else synflow-capture beside the running executable, else
// in the install bindir. False with a one-line reason when none is there.
bool findCaptureHelper(std::string& path, std::string& error);

// "" when this user may run the helper at `path`; otherwise why not, for a capture on `iface`
// (when the helper is kept for a group: which one, and how to join it).
std::string captureHelperAccessProblem(const std::string& path, const std::string& iface);

} // namespace synflow
