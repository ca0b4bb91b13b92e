#include "capture/mappedfile.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <mutex>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace synflow {

// One mapping as the SIGBUS handler sees it: atomics only (lock-free here), as a handler may
// read nothing else. `begin` is 0 for a free entry, 1 while one is being filled in.
struct MappedFile::Guard {
    std::atomic<uintptr_t> begin{0};
    std::atomic<size_t> length{0};  // of the mapping (a growing file's whole reservation)
    std::atomic<size_t> known{0};   // the file's size as last seen (checkShrunk() compares)
    std::atomic<size_t> shrunkAt{MappedFile::kIntact};
    std::atomic<int> fd{-1};
};

namespace {

// More files mapped at once than this go unguarded (a shrink then kills, as before).
constexpr size_t kGuards = 256;

void lowerTo(std::atomic<size_t>& value, size_t to)
{
    size_t now = value.load(std::memory_order_relaxed);
    while (to < now && !value.compare_exchange_weak(now, to, std::memory_order_release, std::memory_order_relaxed)) { }
}

static_assert(std::atomic<size_t>::is_always_lock_free && std::atomic<uintptr_t>::is_always_lock_free);
MappedFile::Guard guards[kGuards];
struct sigaction previousSigbus;
uintptr_t pageSize = 4096;

void onSigbus(int sig, siginfo_t* info, void* context)
{
    const int savedErrno = errno;
    const auto addr = reinterpret_cast<uintptr_t>(info->si_addr);
    for (MappedFile::Guard& g : guards) {
        const uintptr_t begin = g.begin.load(std::memory_order_acquire);
        const size_t length = g.length.load(std::memory_order_relaxed);
        if (info->si_code <= 0 || begin <= 1 || addr < begin || addr - begin >= length)
            continue;
        // The file lost this page and (it only shrank) every later one: zeros take their place,
        // and the faulting read is retried on them when the handler returns.
        const uintptr_t page = addr & ~(pageSize - 1);
        if (mmap(reinterpret_cast<void*>(page), begin + length - page, PROT_READ,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0) == MAP_FAILED)
            break;
        size_t at = page - begin;
        struct stat st {};
        if (fstat(g.fd.load(std::memory_order_relaxed), &st) == 0 && size_t(st.st_size) < at)
            at = size_t(st.st_size); // the rest of the page past the new end reads as zeros too
        lowerTo(g.shrunkAt, at);
        errno = savedErrno;
        return;
    }
    // Not ours: handled as it would have been without us (ASan's handler, say, or the default).
    if (previousSigbus.sa_flags & SA_SIGINFO) {
        previousSigbus.sa_sigaction(sig, info, context);
    } else if (previousSigbus.sa_handler != SIG_DFL && previousSigbus.sa_handler != SIG_IGN) {
        previousSigbus.sa_handler(sig);
    } else {
        // Back to the default action: a fault recurs on return and ends the process with its
        // signal, as before; a SIGBUS sent by kill() is raised again.
        struct sigaction dfl {};
        dfl.sa_handler = SIG_DFL;
        sigemptyset(&dfl.sa_mask);
        sigaction(SIGBUS, &dfl, nullptr);
        if (info->si_code <= 0)
            raise(sig);
    }
    errno = savedErrno;
}

void installSigbusHandler()
{
    static std::once_flag once;
    std::call_once(once, [] {
        pageSize = uintptr_t(sysconf(_SC_PAGESIZE));
        struct sigaction sa {};
        sa.sa_sigaction = onSigbus;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGBUS, &sa, &previousSigbus);
    });
}

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
        // Opening one waits for a writer, maybe forever; given as standard input, it is read.
        if (S_ISFIFO(st.st_mode))
            error += " (to read a capture from it, give it as standard input: - < " + path + ")";
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

int openRegularFile(const std::string& path, size_t& size, std::string& error)
{
    struct stat st {};
    const int fd = openRegularFile(path, st, error);
    size = fd >= 0 ? size_t(st.st_size) : 0;
    return fd;
}

MappedFile::~MappedFile() { close(); }

MappedFile::MappedFile(MappedFile&& other) noexcept { *this = std::move(other); }

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept
{
    if (this != &other) {
        close();
        guard_ = other.guard_;
        data_ = other.data_;
        size_ = other.size_;
        mapped_ = other.mapped_;
        fd_ = other.fd_;
        path_ = std::move(other.path_);
        other.guard_ = nullptr;
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
    guard();
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
    guard();
    return true;
}

bool MappedFile::openGrowingFd(int fd, const std::string& name, size_t reserve, std::string& error)
{
    close();
    struct stat st {};
    const int own = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
    if (own < 0 || fstat(own, &st) != 0) {
        error = "cannot read the copy of " + name + ": " + std::strerror(errno);
        if (own >= 0)
            ::close(own);
        return false;
    }
    void* p = mmap(nullptr, reserve, PROT_READ, MAP_SHARED, own, 0);
    if (p == MAP_FAILED) {
        error = "cannot map the copy of " + name + ": " + std::strerror(errno);
        ::close(own);
        return false;
    }
    data_ = static_cast<const uint8_t*>(p);
    mapped_ = reserve;
    fd_ = own;
    path_ = name;
    size_ = std::min(size_t(st.st_size), reserve);
    guard();
    return true;
}

void MappedFile::guard()
{
    installSigbusHandler();
    for (Guard& g : guards) {
        uintptr_t free = 0;
        if (!g.begin.compare_exchange_strong(free, 1, std::memory_order_acquire))
            continue;
        g.length.store(mapped_, std::memory_order_relaxed);
        g.known.store(size_, std::memory_order_relaxed);
        g.shrunkAt.store(kIntact, std::memory_order_relaxed);
        g.fd.store(fd_, std::memory_order_relaxed);
        g.begin.store(reinterpret_cast<uintptr_t>(data_), std::memory_order_release);
        guard_ = &g;
        return;
    }
}

size_t MappedFile::shrunkAt() const
{
    return guard_ ? guard_->shrunkAt.load(std::memory_order_acquire) : kIntact;
}

size_t MappedFile::checkShrunk() const
{
    struct stat st {};
    if (guard_ && fstat(fd_, &st) == 0 && size_t(st.st_size) < guard_->known.load(std::memory_order_relaxed))
        lowerTo(guard_->shrunkAt, size_t(st.st_size));
    return shrunkAt();
}

size_t MappedFile::refresh()
{
    struct stat st {};
    if (fd_ < 0 || fstat(fd_, &st) != 0)
        return size_;
    if (guard_ && size_t(st.st_size) < size_)
        lowerTo(guard_->shrunkAt, size_t(st.st_size));
    // A file that shrank is not followed further: its lost pages are zeros now, whatever comes.
    if (shrunkAt() == kIntact && size_t(st.st_size) > size_) {
        size_ = std::min(size_t(st.st_size), mapped_);
        if (guard_)
            guard_->known.store(size_, std::memory_order_relaxed);
    }
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
    if (guard_)
        guard_->begin.store(0, std::memory_order_release);
    guard_ = nullptr;
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
