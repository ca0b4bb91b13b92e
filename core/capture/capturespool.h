#pragma once
// A capture that cannot be mapped as it is: a compressed file (gzip, zstd, lz4) or one read from
// standard input ("-", as tshark -r -). It is copied once, decompressed, into an unlinked cache
// file, which CaptureFile then maps and indexes like any capture, so every packet stays one
// random access away. The copy is made piece by piece as the indexer asks for bytes, so a
// window shows progress and rows while it goes; the source is only ever read.
//
// The cache file lives in $XDG_CACHE_HOME/synflow (else ~/.cache/synflow, else $TMPDIR or /tmp)
// and has no name (O_TMPFILE, or unlinked at once): it goes when the capture is closed or the
// process ends, however it ends. Its size is bounded by the free space there: a decompression
// bomb stops with a clear message, never by filling memory or the disk.
#include "capture/captureinfo.h"
#include "capture/decompressor.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace synflow {

class CaptureSpool {
public:
    CaptureSpool() = default;
    ~CaptureSpool();
    CaptureSpool(const CaptureSpool&) = delete;
    CaptureSpool& operator=(const CaptureSpool&) = delete;

    // Opens the source ("-" for standard input) and creates the cache file; false with a one-line
    // reason. `name` is what messages call the source.
    bool open(const std::string& path, std::string& error);
    // Copies (decompressing) until `atLeast` bytes are in the cache file in all, or to the end of
    // the source, or to damage.
    void fill(size_t atLeast);
    void fillAll() { fill(SIZE_MAX); }

    int fd() const { return out_; }          // the cache file, for mapping
    size_t spooled() const { return written_; }
    bool done() const { return done_; }
    // Where and why the source stopped early: the offset is in the source's bytes (the compressed
    // file the user has), the text says how much was decompressed before.
    const std::optional<Damage>& damage() const { return damage_; }
    Compression compression() const { return compression_; }
    const std::string& name() const { return name_; }
    size_t sourceRead() const { return read_; }
    // The source's size, 0 when it is not known in advance (a pipe).
    size_t sourceSize() const { return sourceSize_; }

    // Bytes kept free on the cache's file system: decompressing stops before going below.
    static constexpr size_t kKeepFree = size_t(64) << 20;

private:
    bool readSome();
    bool writeOut(const uint8_t* p, size_t n);
    void stop(size_t at, std::string what);

    int in_ = -1;
    int out_ = -1;
    std::string name_;
    std::string cacheDir_;
    Compression compression_ = Compression::None;
    std::unique_ptr<Decompressor> decompressor_;
    std::vector<uint8_t> inBuf_, outBuf_;
    size_t inBegin_ = 0, inEnd_ = 0; // unread input in inBuf_
    size_t read_ = 0;                // source bytes read
    size_t consumed_ = 0;            // source bytes decompressed
    size_t written_ = 0;
    size_t sourceSize_ = 0;
    size_t checkedFreeAt_ = 0;       // written_ when free space was last asked for
    bool eof_ = false;
    bool done_ = false;
    std::optional<Damage> damage_;
};

} // namespace synflow
