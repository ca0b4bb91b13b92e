#include "cli/atomicfile.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace synflow::cli {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) { }

AtomicFile::~AtomicFile() { discard(); }

bool AtomicFile::failed(std::string& error, int err)
{
    error = "cannot write " + path_ + ": " + std::strerror(err);
    discard();
    return false;
}

bool AtomicFile::open(std::string& error)
{
    discard();
    // Through a symbolic link to the file it names: the link itself stays.
    target_ = path_;
    if (char* real = realpath(path_.c_str(), nullptr)) {
        target_ = real;
        std::free(real);
    }
    struct stat st {};
    const bool exists = ::stat(target_.c_str(), &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {
        // A device or pipe (-o /dev/stdout) is written in place: there is nothing to replace.
        fd_ = ::open(target_.c_str(), O_WRONLY | O_CLOEXEC);
        return fd_ >= 0 || failed(error, errno);
    }
    // Beside the target, so rename() stays within one file system and is atomic.
    const size_t slash = target_.rfind('/');
    const std::string dir = slash == std::string::npos ? std::string() : target_.substr(0, slash + 1);
    const std::string name = slash == std::string::npos ? target_ : target_.substr(slash + 1);
    temp_ = dir + "." + name + ".synflow-XXXXXX";
    fd_ = mkostemp(temp_.data(), O_CLOEXEC);
    if (fd_ < 0) {
        const int err = errno;
        temp_.clear();
        return failed(error, err);
    }
    // mkstemp makes 0600; keep the old file's mode, or what a plain create would give.
    mode_t mode;
    if (exists) {
        mode = st.st_mode & 07777;
    } else {
        const mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    fchmod(fd_, mode);
    return true;
}

bool AtomicFile::write(std::string_view bytes, std::string& error)
{
    if (fd_ < 0)
        return failed(error, EBADF);
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return failed(error, n < 0 ? errno : EIO);
        bytes.remove_prefix(size_t(n));
    }
    return true;
}

bool AtomicFile::commit(std::string& error)
{
    if (fd_ < 0)
        return failed(error, EBADF);
    if (temp_.empty()) { // written in place
        const int fd = fd_;
        fd_ = -1;
        return ::close(fd) == 0 || failed(error, errno);
    }
    if (fsync(fd_) != 0)
        return failed(error, errno);
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0)
        return failed(error, errno);
    if (std::rename(temp_.c_str(), target_.c_str()) != 0)
        return failed(error, errno);
    temp_.clear();
    return true;
}

void AtomicFile::discard()
{
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
    if (!temp_.empty())
        ::unlink(temp_.c_str());
    temp_.clear();
}

} // namespace synflow::cli
