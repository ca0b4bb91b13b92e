#pragma once
// Nameless cache files: $XDG_CACHE_HOME/synflow (else ~/.cache/synflow), else $TMPDIR, else /tmp.
// The file has no name (O_TMPFILE, or unlinked at once), so it goes when its last descriptor
// closes, however the process ends.
#include <string>

namespace synflow {

// A read-write descriptor of a new nameless file in the first of those places that takes one
// (`dir` names it), or -1 (`dir` names the first place tried).
int makeCacheFile(std::string& dir);

} // namespace synflow
