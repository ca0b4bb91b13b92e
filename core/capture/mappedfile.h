#pragma once
// A read-only memory map of a whole file, which can also be read part by part without touching
// the map. The capture is never written to.
//
// A mapped file can shrink at any moment (truncated by another program); touching a page past
// its new end raises SIGBUS. Every mapping is registered with one process-wide SIGBUS handler,
// which maps zero pages over the lost tail (so the read goes on, seeing zeros) and records where
// the file now ends: shrunkAt(). Readers check that at natural points (per packet, per paint), an
// atomic load with no system call. SIGBUS outside a registered mapping keeps its old handling.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace synflow {

// Opens a regular file with contents for reading (`size` set); -1 with a one-line reason for a
// FIFO, device, directory, procfs file and the like, which are refused without waiting on them.
int openRegularFile(const std::string& path, size_t& size, std::string& error);

class MappedFile {
public:
    MappedFile() = default;
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;

    // Maps `path`; on failure returns false and sets `error` to a one-line reason.
    bool open(const std::string& path, std::string& error);
    // Maps a file that another writer is still appending to (a live capture): address space
    // for `reserve` bytes is mapped at once, so data() never moves, and refresh() takes in
    // what was appended since. Pages past the end of the file are never touched.
    bool openGrowing(const std::string& path, size_t reserve, std::string& error);
    // Maps `fd` (a file this process is writing itself, such as a decompressed copy) as
    // openGrowing() does; `name` is what path() says. The fd is duplicated, not taken.
    bool openGrowingFd(int fd, const std::string& name, size_t reserve, std::string& error);
    // New size of a growing file (capped at the reservation); the old size on failure.
    size_t refresh();
    void close();
    // Copies up to `into.size()` bytes from `offset` (less only at the end of the file). A pass
    // that reads the whole file once is faster so than through the map: no page is faulted in,
    // the copy lands in cache, and the process keeps no pages of the file (measured in the
    // benchmark). -1 on a read error.
    long long readAt(size_t offset, std::span<uint8_t> into) const;

    // Where the file was found cut short since it was mapped (bytes from there on read as
    // zeros); kIntact if it was not. Set by the SIGBUS handler or by checkShrunk().
    static constexpr size_t kIntact = SIZE_MAX;
    size_t shrunkAt() const;
    // Also asks the file system for the file's size (one fstat): finds a cut that no fault
    // revealed, such as one inside the last page read (past the cut a page reads as zeros).
    size_t checkShrunk() const;

    std::span<const uint8_t> bytes() const { return {data_, size_}; }
    const uint8_t* data() const { return data_; }
    size_t size() const { return size_; }
    const std::string& path() const { return path_; }

    struct Guard; // this mapping's entry in the SIGBUS handler's table (mappedfile.cpp)

private:
    void guard();

    Guard* guard_ = nullptr; // this mapping's entry in the SIGBUS handler's table
    const uint8_t* data_ = nullptr;
    size_t size_ = 0;
    size_t mapped_ = 0; // length of the mapping (the reservation for growing files)
    int fd_ = -1;
    std::string path_;
};

} // namespace synflow
