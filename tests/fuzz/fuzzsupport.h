#pragma once
// Helpers the fuzz bodies share.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace synflow::fuzz {

// The readers map a file by path: the input as an anonymous in-memory file.
class MemFile {
public:
    MemFile(const uint8_t* data, size_t size);
    ~MemFile();
    MemFile(const MemFile&) = delete;
    MemFile& operator=(const MemFile&) = delete;
    bool ok() const { return fd_ >= 0; }
    const std::string& path() const { return path_; }

private:
    int fd_ = -1;
    std::string path_;
};

// Takes values off the front of the input; zeros once it runs out.
class InputReader {
public:
    InputReader(const uint8_t* data, size_t size) : p_(data), left_(size) {}
    size_t left() const { return left_; }
    template <typename T>
    T take()
    {
        T v{};
        const size_t n = sizeof(T) < left_ ? sizeof(T) : left_;
        if (n)
            std::memcpy(&v, p_, n);
        p_ += n;
        left_ -= n;
        return v;
    }

private:
    const uint8_t* p_;
    size_t left_;
};

// A private directory for files a body writes (Save As); removed at exit.
const std::string& scratchDir();

} // namespace synflow::fuzz
