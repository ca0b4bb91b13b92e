#pragma once
// An output file replaced all at once: written to a temporary file beside it, synced and
// renamed over it only by commit(). Until then (and if anything fails, or the object is
// destroyed uncommitted) the old file is left exactly as it was and the temporary removed.
// A target that exists and is not a regular file (a device, a pipe) is written in place.
#include <string>
#include <string_view>

namespace synflow::cli {

class AtomicFile {
public:
    explicit AtomicFile(std::string path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // Creates the temporary file; false with "cannot write PATH: REASON".
    bool open(std::string& error);
    // The temporary file's descriptor, for writers of their own (the image renderer).
    int fd() const { return fd_; }
    bool write(std::string_view bytes, std::string& error);
    // fsync, close, rename over the target; false with a one-line reason (temp removed).
    bool commit(std::string& error);
    // Removes the temporary file; the target is untouched.
    void discard();

private:
    bool failed(std::string& error, int err);

    std::string path_, target_, temp_; // as given, with links resolved, the temporary
    int fd_ = -1;
};

} // namespace synflow::cli
