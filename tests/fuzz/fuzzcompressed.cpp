// The compressed-capture readers: gzip, zstd and lz4 streams decoded piece by piece, and the cache
// copy a compressed capture is read from.
#include "fuzzbody.h"
#include "fuzzsupport.h"

#include "analysis/analysedcapture.h"
#include "capture/capturefile.h"
#include "capture/decompressor.h"

#include <cstdlib>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace synflow::fuzz {

namespace {

// A small input may decompress to gigabytes: the cache copy (in the scratch folder) stops at this
// file-size limit, as it would at a user's, instead of filling the machine's tmpfs.
constexpr size_t kCopyLimit = size_t(64) << 20;
// The piecewise decode below stops comparing here.
constexpr size_t kCompareLimit = size_t(4) << 20;

void setUp()
{
    static const bool done = [] {
        setenv("XDG_CACHE_HOME", scratchDir().c_str(), 1);
        struct rlimit lim {kCopyLimit, kCopyLimit};
        setrlimit(RLIMIT_FSIZE, &lim);
        return true;
    }();
    (void)done;
}

enum class End { Complete, Incomplete, Error };

// Decodes `in` with input and output handed over in pieces of the given sizes (1 = byte by byte).
End decode(Compression c, std::span<const uint8_t> in, size_t inStep, size_t outStep, std::vector<uint8_t>& out)
{
    auto d = makeDecompressor(c);
    std::vector<uint8_t> buf(outStep);
    std::string error;
    Decompressor::Status s = Decompressor::Status::More;
    size_t fed = 0;
    for (;;) {
        const size_t give = std::min(inStep, in.size() - fed);
        std::span<const uint8_t> piece = in.subspan(fed, give);
        std::span<uint8_t> room{buf};
        s = d->run(piece, room, error);
        const size_t used = give - piece.size(), produced = buf.size() - room.size();
        fed += used;
        out.insert(out.end(), buf.begin(), buf.begin() + std::ptrdiff_t(produced));
        if (s == Decompressor::Status::Error)
            return End::Error;
        if (out.size() > kCompareLimit)
            return End::Incomplete;
        if (used == 0 && produced == 0) {
            if (fed == in.size())
                return s == Decompressor::Status::End ? End::Complete : End::Incomplete;
            if (give == in.size() - fed)
                abort(); // all the rest offered, room left, nothing done: a reader would spin
            inStep *= 2; // as the spool does: more input at once
        }
    }
}

} // namespace

void runCompressed(const uint8_t* data, size_t size)
{
    setUp();
    const Compression c = sniffCompression({data, size});
    if (c != Compression::None && size > 1) {
        // Piece sizes must not change what comes out, up to where either stops.
        std::vector<uint8_t> whole, bits;
        const End a = decode(c, {data, size}, size, size_t(1) << 20, whole);
        const End b = decode(c, {data, size}, 1 + data[size - 1] % 7, 1 + data[size / 2] % 13, bits);
        const size_t common = std::min(whole.size(), bits.size());
        if (!std::equal(whole.begin(), whole.begin() + std::ptrdiff_t(common), bits.begin()))
            abort();
        if (a != b && a != End::Incomplete && b != End::Incomplete)
            abort();
    }

    MemFile mem(data, size);
    if (!mem.ok())
        return;
    CaptureFile file;
    std::string error;
    if (!file.open(mem.path(), error))
        return;
    file.indexAll();
    const PacketIndex& index = file.index();
    for (size_t i = 0; i < index.size(); ++i) {
        if (index[i].offset > file.fileSize() || index[i].capLen > file.fileSize() - index[i].offset)
            abort();
        (void)file.exactTime(i);
        (void)file.decode(i);
    }
    // The source's own damage is at a byte of the input (the records' at one of the copy).
    if (const auto d = file.damage(); d && file.compression() != Compression::None && d->what.find("of the decompressed data") == std::string::npos &&
                                       d->offset > size)
        abort();
    // The first pass, reading in small pieces, finds the same records.
    AnalysedCapture windowed;
    if (!windowed.open(mem.path(), error))
        abort();
    AnalysedCapture::PassOptions pass;
    pass.depth = AnalysedCapture::Depth::Index;
    pass.windowBytes = 512;
    windowed.analyse(pass);
    if (windowed.index().size() != index.size() || bool(windowed.file().damage()) != bool(file.damage()))
        abort();
}

} // namespace synflow::fuzz
