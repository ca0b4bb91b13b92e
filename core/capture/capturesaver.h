#pragma once
// File → Save As: writes an open capture to a new file, as pcapng or pcap. Atomic: the data
// goes to a temporary file beside the target, is flushed to disk, then renamed over it, so
// a crash leaves either the old file or the whole new one. The source is never modified.
#include <string>

namespace synflow {

class CaptureFile;

enum class SaveFormat { PcapNg, Pcap };

// Saves every record indexed so far (for a live capture: every packet written so far).
// False with a one-line reason (e.g. pcap cannot hold two link types; the target is the
// open capture itself; the disk is full).
bool saveCapture(const CaptureFile& file, const std::string& path, SaveFormat format, std::string& error);

} // namespace synflow
