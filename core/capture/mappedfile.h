#pragma once
// A read-only memory map of a whole file. The capture is never written to.
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

    std::span<const uint8_t> bytes() const { return {data_, size_}; }
    const uint8_t* data() const { return data_; }
    size_t size() const { return size_; }
    const std::string& path() const { return path_; }

private:
    const uint8_t* data_ = nullptr;
    size_t size_ = 0;
    size_t mapped_ = 0; // length of the mapping (the reservation for growing files)
    int fd_ = -1;       // kept open only while following a growing file
    std::string path_;
};

} // namespace synflow
