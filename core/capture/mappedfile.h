#pragma once
// A read-only memory map of a whole file, which can also be read part by part without touching
// the map. The capture is never written to.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace synflow {

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
    // New size of a growing file (capped at the reservation); the old size on failure.
    size_t refresh();
    void close();
    // Copies up to `into.size()` bytes from `offset` (less only at the end of the file). A pass
    // that reads the whole file once is faster so than through the map: no page is faulted in,
    // the copy lands in cache, and the process keeps no pages of the file (measured in the
    // benchmark). -1 on a read error.
    long long readAt(size_t offset, std::span<uint8_t> into) const;

    std::span<const uint8_t> bytes() const { return {data_, size_}; }
    const uint8_t* data() const { return data_; }
    size_t size() const { return size_; }
    const std::string& path() const { return path_; }

private:
    const uint8_t* data_ = nullptr;
    size_t size_ = 0;
    size_t mapped_ = 0; // length of the mapping (the reservation for growing files)
    int fd_ = -1;
    std::string path_;
};

} // namespace synflow
