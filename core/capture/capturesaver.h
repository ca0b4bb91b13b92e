#pragma once
// File → Save As: writes an open capture to a new file, as pcapng or pcap. Atomic: the data
// goes to a temporary file beside the target, is flushed to disk, then renamed over it, so
// a crash leaves either the old file or the whole new one. The source is never modified,
// except by name when the caller asked to replace it (after asking the user).
//
// The user's packet comments (CaptureFile::commentEdits()) are written into the copy: a pcapng
// source is copied block by block with the edited packets' blocks rebuilt (every other option
// kept), a pcap source is written afresh as pcapng. pcap has no comments: saving edited
// comments as pcap is refused rather than losing them.
#include <string>

namespace synflow {

class CaptureFile;

enum class SaveFormat { PcapNg, Pcap };

// Saves every record indexed so far (for a live capture: every packet written so far).
// False with a one-line reason (e.g. pcap cannot hold two link types; the target is the
// open capture itself; the disk is full).
// `replaceSource`: `path` may be the open capture itself (its bytes stay mapped until closed).
bool saveCapture(const CaptureFile& file, const std::string& path, SaveFormat format, std::string& error, bool replaceSource = false);

} // namespace synflow
