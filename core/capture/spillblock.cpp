#include "capture/spillblock.h"

#include "capture/cachefile.h"

#include <atomic>
#include <fcntl.h>
#include <mutex>
#include <new>
#include <sys/mman.h>
#include <unistd.h>
#include <utility>

namespace synflow {

namespace {

struct SpillFile {
    std::mutex mutex;
    std::atomic<int> fd{-1};
    uint64_t end = 0; // regions are never reused: a freed one's disk blocks are punched out
    std::atomic<uint64_t> alive{0};
};

SpillFile& spillFile()
{
    static SpillFile file;
    return file;
}

} // namespace

bool enableSpill(std::string& error)
{
    SpillFile& f = spillFile();
    std::lock_guard lock(f.mutex);
    if (f.fd.load() >= 0)
        return true;
    std::string dir;
    const int fd = makeCacheFile(dir);
    if (fd < 0) {
        error = "no cache file can be made (tried " + dir + " and the temporary directory)";
        return false;
    }
    f.fd.store(fd);
    return true;
}

bool spillEnabled()
{
    return spillFile().fd.load() >= 0;
}

uint64_t spilledBytes()
{
    return spillFile().alive.load();
}

SpillBlock::SpillBlock(size_t bytes)
{
    SpillFile& f = spillFile();
    if (const int fd = f.fd.load(); fd >= 0 && bytes > 0) {
        const size_t page = size_t(::sysconf(_SC_PAGESIZE));
        const size_t length = (bytes + page - 1) / page * page;
        std::lock_guard lock(f.mutex);
        // Reserved now: a mapped page the disk cannot hold would be a SIGBUS when first written.
        if (::posix_fallocate(fd, off_t(f.end), off_t(length)) == 0) {
            void* p = ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off_t(f.end));
            if (p != MAP_FAILED) {
                data_ = p;
                mapped_ = length;
                offset_ = f.end;
                f.end += length;
                f.alive += length;
                return;
            }
        }
    }
    // A block of whole huge pages (the packet index's) comes aligned from the kernel: a page
    // fault a 2 MiB instead of one a 4 KiB, which in a virtual machine is most of the cost of
    // filling a fresh table.
    constexpr size_t kHuge = size_t(2) << 20;
    if (bytes >= kHuge && bytes % kHuge == 0) {
        void* p = ::mmap(nullptr, bytes + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED) {
            const uintptr_t start = uintptr_t(p), aligned = (start + kHuge - 1) & ~(kHuge - 1);
            if (aligned > start)
                ::munmap(p, aligned - start);
            if (start + kHuge > aligned)
                ::munmap(reinterpret_cast<void*>(aligned + bytes), start + kHuge - aligned);
            ::madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE);
            data_ = reinterpret_cast<void*>(aligned);
            anonymous_ = bytes;
            return;
        }
    }
    data_ = ::operator new(bytes);
}

SpillBlock::~SpillBlock()
{
    free();
}

SpillBlock::SpillBlock(SpillBlock&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), mapped_(std::exchange(other.mapped_, 0)),
      anonymous_(std::exchange(other.anonymous_, 0)), offset_(other.offset_)
{
}

SpillBlock& SpillBlock::operator=(SpillBlock&& other) noexcept
{
    if (this != &other) {
        free();
        data_ = std::exchange(other.data_, nullptr);
        mapped_ = std::exchange(other.mapped_, 0);
        anonymous_ = std::exchange(other.anonymous_, 0);
        offset_ = other.offset_;
    }
    return *this;
}

void SpillBlock::free()
{
    if (!data_)
        return;
    if (mapped_) {
        ::munmap(data_, mapped_);
        SpillFile& f = spillFile();
        // The disk blocks go back at once; the file's length stays (regions are not reused).
        ::fallocate(f.fd.load(), FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, off_t(offset_), off_t(mapped_));
        f.alive -= mapped_;
    } else if (anonymous_) {
        ::munmap(data_, anonymous_);
    } else {
        ::operator delete(data_);
    }
    data_ = nullptr;
    mapped_ = 0;
    anonymous_ = 0;
}

} // namespace synflow
