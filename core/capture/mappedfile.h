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
    void close();

    std::span<const uint8_t> bytes() const { return {data_, size_}; }
    const uint8_t* data() const { return data_; }
    size_t size() const { return size_; }
    const std::string& path() const { return path_; }

private:
    const uint8_t* data_ = nullptr;
    size_t size_ = 0;
    std::string path_;
};

} // namespace synflow
