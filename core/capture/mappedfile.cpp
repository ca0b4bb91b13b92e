#include "capture/mappedfile.h"

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace synflow {

namespace {

// Opens `path` for reading; -1 with a one-line reason unless it is a regular file.
int openRegularFile(const std::string& path, struct stat& st, std::string& error)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = "cannot open " + path + ": " + std::strerror(errno);
        return -1;
    }
    if (fstat(fd, &st) != 0) {
        error = "cannot read " + path + ": " + std::strerror(errno);
    } else if (S_ISDIR(st.st_mode)) {
        error = path + " is a folder, not a capture file";
    } else if (!S_ISREG(st.st_mode)) {
        error = path + " is not a regular file";
    } else {
        return fd;
    }
    ::close(fd);
    return -1;
}

} // namespace

MappedFile::~MappedFile() { close(); }

MappedFile::MappedFile(MappedFile&& other) noexcept { *this = std::move(other); }

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept
{
    if (this != &other) {
        close();
        data_ = other.data_;
        size_ = other.size_;
        mapped_ = other.mapped_;
        fd_ = other.fd_;
        path_ = std::move(other.path_);
        other.data_ = nullptr;
        other.size_ = other.mapped_ = 0;
        other.fd_ = -1;
    }
    return *this;
}

bool MappedFile::open(const std::string& path, std::string& error)
{
    close();
    struct stat st {};
    const int fd = openRegularFile(path, st, error);
    if (fd < 0)
        return false;
    path_ = path;
    size_ = size_t(st.st_size);
    fd_ = fd;
    if (size_ == 0)
        return true;
    void* p = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
        error = "cannot map " + path + ": " + std::strerror(errno);
        close();
        return false;
    }
    // Indexing walks the file front to back once.
    madvise(p, size_, MADV_SEQUENTIAL);
    data_ = static_cast<const uint8_t*>(p);
    mapped_ = size_;
    return true;
}

bool MappedFile::openGrowing(const std::string& path, size_t reserve, std::string& error)
{
    close();
    struct stat st {};
    const int fd = openRegularFile(path, st, error);
    if (fd < 0)
        return false;
    // A shared mapping sees what the writer appends, page by page, without remapping.
    void* p = mmap(nullptr, reserve, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        error = "cannot map " + path + ": " + std::strerror(errno);
        ::close(fd);
        return false;
    }
    data_ = static_cast<const uint8_t*>(p);
    mapped_ = reserve;
    fd_ = fd;
    path_ = path;
    size_ = std::min(size_t(st.st_size), reserve);
    return true;
}

size_t MappedFile::refresh()
{
    struct stat st {};
    if (fd_ >= 0 && fstat(fd_, &st) == 0 && size_t(st.st_size) > size_)
        size_ = std::min(size_t(st.st_size), mapped_);
    return size_;
}

long long MappedFile::readAt(size_t offset, std::span<uint8_t> into) const
{
    size_t got = 0;
    const size_t want = offset < size_ ? std::min(into.size(), size_ - offset) : 0;
    while (got < want) {
        const ssize_t n = pread(fd_, into.data() + got, want - got, off_t(offset + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? -1 : static_cast<long long>(got); // 0: the file was cut short under us
        got += size_t(n);
    }
    return static_cast<long long>(got);
}

void MappedFile::close()
{
    if (data_)
        munmap(const_cast<uint8_t*>(data_), mapped_);
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
    data_ = nullptr;
    size_ = mapped_ = 0;
    path_.clear();
}

} // namespace synflow
