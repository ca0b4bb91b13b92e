#include "common/compressedcopy.h"

#include <lz4frame.h>
#include <zlib.h>
#include <zstd.h>

#include <fstream>
#include <iterator>

namespace synflow::test {

std::vector<uint8_t> readWholeFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool writeWholeFile(const std::string& path, const std::vector<uint8_t>& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    return bool(out.flush());
}

namespace {

std::vector<uint8_t> gzipOne(const uint8_t* p, size_t n)
{
    z_stream z{};
    deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    std::vector<uint8_t> out(deflateBound(&z, uLong(n)) + 64);
    z.next_in = const_cast<Bytef*>(p);
    z.avail_in = uInt(n);
    z.next_out = out.data();
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

std::vector<uint8_t> zstdOne(const uint8_t* p, size_t n)
{
    std::vector<uint8_t> out(ZSTD_compressBound(n));
    out.resize(ZSTD_compress(out.data(), out.size(), p, n, 3));
    return out;
}

std::vector<uint8_t> lz4One(const uint8_t* p, size_t n)
{
    LZ4F_preferences_t prefs{};
    prefs.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled;
    std::vector<uint8_t> out(LZ4F_compressFrameBound(n, &prefs));
    out.resize(LZ4F_compressFrame(out.data(), out.size(), p, n, &prefs));
    return out;
}

} // namespace

std::vector<uint8_t> compressed(Compression c, const std::vector<uint8_t>& bytes, int pieces)
{
    std::vector<uint8_t> out;
    const size_t step = (bytes.size() + size_t(pieces) - 1) / size_t(pieces);
    for (size_t at = 0; at < bytes.size() || (at == 0 && bytes.empty()); at += step ? step : 1) {
        const size_t n = std::min(step, bytes.size() - at);
        std::vector<uint8_t> part = c == Compression::Gzip ? gzipOne(bytes.data() + at, n)
                                    : c == Compression::Zstd ? zstdOne(bytes.data() + at, n)
                                                             : lz4One(bytes.data() + at, n);
        out.insert(out.end(), part.begin(), part.end());
        if (bytes.empty())
            break;
    }
    return out;
}

std::string suffix(Compression c)
{
    return c == Compression::Gzip ? ".gz" : c == Compression::Zstd ? ".zst" : ".lz4";
}

} // namespace synflow::test
