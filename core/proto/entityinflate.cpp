#include "proto/entityinflate.h"

#include <zlib.h>

namespace synflow {

namespace {

// Where the deflate data starts after a gzip header (RFC 1952), as tshark skips it: npos when
// the header is not whole or its method is not deflate.
size_t gzipHeaderEnd(std::string_view in)
{
    if (in.size() < 10 || uint8_t(in[2]) != Z_DEFLATED)
        return std::string_view::npos;
    const uint8_t flags = uint8_t(in[3]);
    size_t c = 10;
    if (flags & 0x04) { // extra field: its length, least significant byte first
        size_t extra = 0;
        if (c < in.size())
            extra += uint8_t(in[c++]);
        if (c < in.size())
            extra += size_t(uint8_t(in[c++])) << 8;
        c += extra;
    }
    for (const uint8_t named : {uint8_t(0x08), uint8_t(0x10)}) { // file name, comment: NUL-terminated
        if (!(flags & named))
            continue;
        while (c < in.size() && in[c] != '\0')
            ++c;
        ++c;
    }
    return c > in.size() ? std::string_view::npos : c;
}

} // namespace

std::optional<std::string> inflateEntity(std::string_view in, size_t cap)
{
    if (in.empty())
        return std::nullopt;
    z_stream z{};
    std::string_view next = in;
    int inits = 1;
    int bits = MAX_WBITS;
    const auto start = [&] {
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(next.data()));
        z.avail_in = uInt(next.size());
        return inflateInit2(&z, bits) == Z_OK;
    };
    if (!start()) {
        inflateEnd(&z);
        return std::nullopt;
    }
    std::string out;
    // Something came out, or the stream ended (tshark 4.0 keeps a pass's output only when there
    // is some: until then a later error still counts as failure).
    bool passed = false;
    char buf[32768];
    for (;;) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        const int r = inflate(&z, Z_SYNC_FLUSH);
        if (r == Z_OK || r == Z_STREAM_END) {
            const size_t made = sizeof buf - z.avail_out;
            passed = passed || made > 0 || r == Z_STREAM_END;
            out.append(buf, std::min(made, cap - std::min(cap, out.size())));
            if (r == Z_STREAM_END || out.size() >= cap)
                break;
            continue;
        }
        if (!passed && r == Z_DATA_ERROR && inits == 1 && next.size() >= 2 && uint8_t(next[0]) == 0x1f && uint8_t(next[1]) == 0x8b) {
            const size_t body = gzipHeaderEnd(next);
            inflateEnd(&z);
            if (body == std::string_view::npos)
                return std::nullopt;
            next.remove_prefix(body);
            ++inits;
            if (!start()) {
                inflateEnd(&z);
                return std::nullopt;
            }
            continue;
        }
        if (!passed && r == Z_DATA_ERROR && inits <= 3) {
            inflateEnd(&z);
            bits = -MAX_WBITS; // raw deflate
            ++inits;
            if (!start()) {
                inflateEnd(&z);
                return std::nullopt;
            }
            continue;
        }
        break; // out of input (Z_BUF_ERROR) or broken data: what was inflated stands
    }
    inflateEnd(&z);
    if (!passed)
        return std::nullopt;
    return out;
}

} // namespace synflow
