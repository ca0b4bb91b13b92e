#include "capture/capturespool.h"

#include "capture/cachefile.h"
#include "capture/mappedfile.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace synflow {

namespace {

constexpr size_t kInBuffer = size_t(256) << 10;
constexpr size_t kOutBuffer = size_t(1) << 20;
// How often (in bytes written) the free space is asked for again: kKeepFree covers the writes between.
constexpr size_t kFreeCheckEvery = size_t(16) << 20;

std::string mib(unsigned long long bytes)
{
    return std::to_string(bytes >> 20) + " MiB";
}

} // namespace

CaptureSpool::~CaptureSpool()
{
    if (in_ >= 0)
        ::close(in_);
    if (out_ >= 0)
        ::close(out_);
}

bool CaptureSpool::open(const std::string& path, std::string& error)
{
    if (path == "-") {
        name_ = "standard input";
        if (::isatty(STDIN_FILENO)) {
            error = "standard input is a terminal, not a capture: pipe or redirect a capture into it";
            return false;
        }
        in_ = ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
        if (in_ < 0) {
            error = std::string("cannot read standard input: ") + std::strerror(errno);
            return false;
        }
        struct stat st {};
        if (::fstat(in_, &st) == 0 && S_ISREG(st.st_mode)) {
            const off_t at = ::lseek(in_, 0, SEEK_CUR);
            sourceSize_ = at >= 0 && at <= st.st_size ? size_t(st.st_size - at) : 0;
        }
    } else {
        name_ = path;
        in_ = openRegularFile(path, sourceSize_, error);
        if (in_ < 0)
            return false;
    }
    out_ = makeCacheFile(cacheDir_);
    if (out_ < 0) {
        error = "cannot make a cache file for " + name_ + " in " + cacheDir_ + " or the temporary folder: " + std::strerror(errno);
        return false;
    }
    inBuf_.resize(kInBuffer);
    // The first bytes say whether (and how) the source is compressed.
    while (inEnd_ < 4 && !eof_ && !damage_)
        readSome();
    compression_ = sniffCompression({inBuf_.data(), inEnd_});
    if (compression_ != Compression::None) {
        decompressor_ = makeDecompressor(compression_);
        outBuf_.resize(kOutBuffer);
    }
    done_ = damage_.has_value();
    return true;
}

bool CaptureSpool::readSome()
{
    if (inBegin_ > 0) { // keep what is not used yet at the front
        std::memmove(inBuf_.data(), inBuf_.data() + inBegin_, inEnd_ - inBegin_);
        inEnd_ -= inBegin_;
        inBegin_ = 0;
    }
    for (;;) {
        const ssize_t n = ::read(in_, inBuf_.data() + inEnd_, inBuf_.size() - inEnd_);
        if (n > 0) {
            inEnd_ += size_t(n);
            read_ += size_t(n);
            return true;
        }
        if (n == 0) {
            eof_ = true;
            return true;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN) { // a non-blocking pipe handed to us: wait for its writer
            pollfd p{in_, POLLIN, 0};
            ::poll(&p, 1, -1);
            continue;
        }
        stop(read_, std::string("read error: ") + std::strerror(errno));
        return false;
    }
}

bool CaptureSpool::writeOut(const uint8_t* p, size_t n)
{
    // Bounded by the disk, not memory: stop before the cache's file system runs out, or before a
    // file-size limit (ulimit -f) would end the process with SIGXFSZ.
    if (written_ == 0 || written_ + n >= checkedFreeAt_ + kFreeCheckEvery) {
        checkedFreeAt_ = written_;
        struct statvfs fs {};
        if (::fstatvfs(out_, &fs) == 0) {
            const unsigned long long avail = (unsigned long long)fs.f_bavail * fs.f_frsize;
            if (avail < kKeepFree + kFreeCheckEvery) {
                stop(consumed_, "stopped decompressing after " + std::to_string(written_) + " bytes: only " + mib(avail) +
                                    " left free in " + cacheDir_);
                return false;
            }
        }
    }
    if (struct rlimit lim {}; ::getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY &&
                              written_ + n > lim.rlim_cur) {
        stop(consumed_, "stopped decompressing after " + std::to_string(written_) + " bytes: the file-size limit (ulimit -f) is " +
                            std::to_string(lim.rlim_cur) + " bytes");
        return false;
    }
    while (n > 0) {
        const ssize_t w = ::write(out_, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            stop(consumed_, "cannot write the copy to " + cacheDir_ + " after " + std::to_string(written_) +
                                " bytes: " + std::strerror(w < 0 ? errno : ENOSPC));
            return false;
        }
        p += w;
        n -= size_t(w);
        written_ += size_t(w);
    }
    return true;
}

void CaptureSpool::stop(size_t at, std::string what)
{
    if (!damage_)
        damage_ = Damage{at, std::move(what)};
    done_ = true;
}

void CaptureSpool::fill(size_t atLeast)
{
    while (!done_ && written_ < atLeast) {
        if (inBegin_ == inEnd_ && !eof_ && !readSome())
            return;
        if (!decompressor_) { // a plain capture on standard input: copied as it is
            if (inBegin_ == inEnd_) {
                done_ = true;
                return;
            }
            const size_t n = inEnd_ - inBegin_;
            if (!writeOut(inBuf_.data() + inBegin_, n))
                return;
            consumed_ += n;
            inBegin_ = inEnd_;
            continue;
        }
        std::span<const uint8_t> in{inBuf_.data() + inBegin_, inEnd_ - inBegin_};
        std::span<uint8_t> out{outBuf_};
        std::string error;
        const Decompressor::Status status = decompressor_->run(in, out, error);
        const size_t used = (inEnd_ - inBegin_) - in.size();
        const size_t produced = outBuf_.size() - out.size();
        consumed_ += used;
        inBegin_ += used;
        if (produced > 0 && !writeOut(outBuf_.data(), produced))
            return;
        if (status == Decompressor::Status::Error) {
            // Where the decoder was; one that buffers a block says nothing was used: then the end of what it was given.
            stop(used ? consumed_ : consumed_ + (inEnd_ - inBegin_), error + ", after " + std::to_string(written_) + " bytes decompressed");
            return;
        }
        if (used == 0 && produced == 0) {
            if (!eof_) {
                if (inEnd_ - inBegin_ == inBuf_.size())
                    inBuf_.resize(inBuf_.size() * 2); // never: every library takes what it is given
                if (!readSome())
                    return;
            } else if (status == Decompressor::Status::End) {
                done_ = true;
            } else {
                stop(read_, std::string(compressionName(compression_)) + " data cut short, after " +
                                std::to_string(written_) + " bytes decompressed");
            }
        }
    }
}

} // namespace synflow
