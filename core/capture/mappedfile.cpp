#include "capture/mappedfile.h"

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace synflow {

namespace {

// What a path that is not a regular file is, for the one-line refusal; "" for a regular file.
std::string notRegular(const struct stat& st)
{
    if (S_ISFIFO(st.st_mode))
        return "a FIFO (named pipe)";
    if (S_ISSOCK(st.st_mode))
        return "a socket";
    if (S_ISCHR(st.st_mode))
        return "a character device";
    if (S_ISBLK(st.st_mode))
        return "a block device";
    if (S_ISDIR(st.st_mode))
        return "a directory";
    if (!S_ISREG(st.st_mode))
        return "not a regular file";
    return {};
}

// Opens `path` for reading; -1 with a one-line reason unless it is a regular file with real
// contents. The type is checked before opening: opening a FIFO for reading waits for a writer.
int openRegularFile(const std::string& path, struct stat& st, std::string& error)
{
    if (::stat(path.c_str(), &st) != 0) {
        error = errno == ELOOP ? path + " is a symbolic link loop (too many levels of symbolic links)"
                               : "cannot open " + path + ": " + std::strerror(errno);
        return -1;
    }
    if (std::string what = notRegular(st); !what.empty()) {
        error = path + " is " + what + ", not a capture file";
        return -1;
    }
    // O_NONBLOCK: should the path be swapped for a FIFO after the check, open still returns.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        error = "cannot open " + path + ": " + std::strerror(errno);
        return -1;
    }
    struct statfs fs {};
    if (fstat(fd, &st) != 0) {
        error = "cannot read " + path + ": " + std::strerror(errno);
    } else if (std::string what = notRegular(st); !what.empty()) {
        error = path + " is " + what + ", not a capture file";
    } else if (fstatfs(fd, &fs) == 0 && (fs.f_type == PROC_SUPER_MAGIC || fs.f_type == SYSFS_MAGIC)) {
        // Their files say size 0 yet have contents made up on each read: never a capture.
        error = path + " is a kernel " + (fs.f_type == PROC_SUPER_MAGIC ? "procfs" : "sysfs") + " file, not a capture file";
    } else {
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
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
