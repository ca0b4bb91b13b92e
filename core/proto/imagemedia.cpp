#include "proto/imagemedia.h"

#include "proto/asciicase.h"

#include <cstdint>
#include <cstring>

namespace synflow {

namespace {

// Every read goes through here: one past the bytes is the exception tshark's tvb accessors throw
// (and its tree items, which check their bounds while a tree is being built).
struct Reader {
    std::string_view b;
    bool past = false;
    bool has(size_t at, size_t n) { return at <= b.size() && n <= b.size() - at ? true : (past = true, false); }
    uint8_t u8(size_t at) { return has(at, 1) ? uint8_t(b[at]) : 0; }
    uint32_t be16(size_t at) { return has(at, 2) ? uint32_t(uint8_t(b[at])) << 8 | uint8_t(b[at + 1]) : 0; }
    uint32_t be32(size_t at) { return has(at, 4) ? be16(at) << 16 | be16(at + 2) : 0; }
    uint32_t u16(size_t at, bool little) { return little ? (has(at, 2) ? uint32_t(uint8_t(b[at + 1])) << 8 | uint8_t(b[at]) : 0) : be16(at); }
    uint32_t u32(size_t at, bool little) { return little ? u16(at + 2, true) << 16 | u16(at, true) : be32(at); }
};

// JFIF (file-jpeg.c): markers walked from the start of image; a marker segment's length must
// fit, and the segments it reads (APP0-2 identifiers, Exif's directories, frame and scan
// headers) must hold what it reads. An unknown marker stops it quietly.
bool jfifWalk(Reader& r)
{
    const std::string_view b = r.b;
    const size_t n = b.size();
    size_t entropy = 0;
    for (;;) {
        size_t fill = entropy;
        for (;;) {
            if (fill > n)
                return r.past = true;
            fill = b.find('\xff', fill);
            if (fill == std::string_view::npos || n - fill == 1 || r.u8(fill + 1) != 0)
                break;
            fill += 2;
        }
        if (fill == std::string_view::npos || fill == n)
            return false;
        size_t at = fill;
        while (r.u8(at + 1) == 0xff)
            ++at;
        if (r.past)
            return true;
        const uint32_t marker = 0xff00 | r.u8(at + 1);
        if (marker != 0xff01 && marker < 0xffc0)
            return false; // reserved: the walk ends here
        const bool bare = marker == 0xff01 || marker == 0xffd8 || marker == 0xffd9 || (marker >= 0xffd0 && marker <= 0xffd7);
        if (bare) {
            entropy = at + 2;
            continue;
        }
        const uint32_t len = r.be16(at + 2);
        if (r.past || !r.has(at, 2 + size_t(len)) || len < 2) // (its length item is in the segment)
            return true;
        Reader seg{b.substr(at, 2 + len)};
        const auto identifier = [&](size_t from, std::string_view& id) {
            const size_t nul = from <= seg.b.size() ? seg.b.find('\0', from) : std::string_view::npos;
            if (nul == std::string_view::npos)
                return seg.past = true, false;
            id = seg.b.substr(from, nul - from);
            return true;
        };
        std::string_view id;
        if (marker == 0xffe0 && identifier(4, id) && id == "JFIF") {
            const size_t thumbnail = size_t(seg.u8(16)) * seg.u8(17); // its pixels follow, 3 bytes each
            seg.has(18, 3 * thumbnail);
        } else if (marker == 0xffe0 && id == "JFXX") {
            seg.u8(9); // the extension code
        } else if (marker == 0xffe1 && identifier(4, id) && id == "Exif") {
            size_t off = 4 + id.size() + 1 + 1; // the identifier, its NUL and a pad byte
            const size_t tiff = off;
            const uint32_t order = seg.be16(off);
            if (!seg.past && (order == 0x4949 || order == 0x4d4d)) {
                const bool little = order == 0x4949;
                off += 4;
                uint32_t next = seg.u32(off, little);
                off += 4;
                while (!seg.past && uint64_t(next) + tiff >= off) {
                    off = size_t(next) + tiff;
                    const uint32_t fields = seg.u16(off, little);
                    off += 2 + size_t(fields) * 12;
                    next = seg.u32(off, little);
                    off += 4;
                    if (next == 0)
                        break;
                }
            }
        } else if (marker == 0xffe2) {
            identifier(4, id);
        } else if (marker >= 0xffc0 && marker <= 0xffcf && marker != 0xffc4 && marker != 0xffcc) {
            seg.has(10, 3 * size_t(seg.u8(9))); // start of frame: its components, 3 bytes each
        } else if (marker == 0xffda) {
            seg.has(5, 2 * size_t(seg.u8(4)) + 3); // start of scan: its components, then 3 bytes
        }
        if (seg.past)
            return true;
        entropy = at + 2 + len;
    }
}

// PNG (file-png.c): chunks from the signature on, each a length, a type, the data and a CRC; the
// chunk's data must fit; a chromaticities chunk reads 32 bytes, a gamma chunk 4.
bool pngWalk(Reader& r)
{
    size_t off = 8;
    while (off < r.b.size()) {
        const uint32_t len = r.be32(off);
        const uint32_t type = r.be32(off + 4);
        if (r.past)
            return true;
        if (len > 0x7fffffffu)
            return false; // too large: tshark stops with a warning
        off += 8;
        if (!r.has(off, size_t(len) + 4)) // its data, then its CRC
            return true;
        // What the chunk readers read: IHDR's 13 bytes, cHRM's 32, gAMA's 4, pHYs's 9, sRGB's 1, tIME's 7.
        static constexpr struct { uint32_t type, least; } kNeeds[] = {
            {0x49484452, 13}, {0x6348524d, 32}, {0x67414d41, 4}, {0x70485973, 9}, {0x73524742, 1}, {0x74494d45, 7}};
        for (const auto& need : kNeeds)
            if (type == need.type && len < need.least)
                return true;
        off += size_t(len) + 4;
    }
    return false;
}

// GIF (file-gif.c): the screen descriptor and its colour map, then extensions and images, each
// a chain of data blocks, up to a byte that is neither.
bool gifWalk(Reader& r)
{
    const uint8_t flags = r.u8(10);
    size_t off = 13;
    if (flags & 0x80) {
        const size_t map = 3 * (size_t(1) << (1 + (flags & 7))); // the global colour map, an item
        if (!r.has(off, map))
            return true;
        off += map;
    }
    const auto blocks = [&] {
        uint8_t len;
        do {
            len = r.u8(off);
            off += 1 + size_t(len);
        } while (len > 0 && !r.past);
    };
    while (off != r.b.size()) {
        const uint8_t kind = r.u8(off);
        if (r.past)
            return true;
        if (kind == 0x21) {
            r.u8(off + 1);
            off += 2;
            blocks();
        } else if (kind == 0x2c) {
            const uint8_t local = r.u8(off + 9);
            off += 10;
            if (local & 0x80) {
                const size_t map = 3 * (size_t(1) << (1 + (local & 7)));
                if (!r.has(off, map))
                    return true;
                off += map;
            }
            r.u8(off++); // the LZW code size, an item
            blocks();
        } else {
            return false; // the trailer, or anything else: the end
        }
        if (r.past)
            return true;
    }
    return false;
}

} // namespace

ImageTake takeImage(ImageKind dissector, std::string_view body, bool walk)
{
    Reader r{body};
    // Each wants 20 bytes before it looks.
    if (body.size() < 20)
        return {};
    switch (dissector) {
    case ImageKind::Jfif:
        if (body.substr(0, 2) != "\xff\xd8"
            || (body.substr(6, 5) != std::string_view("Exif\0", 5) && body.substr(6, 5) != std::string_view("JFIF\0", 5)))
            return {};
        return {ImageKind::Jfif, "JPEG JFIF image", walk && jfifWalk(r)};
    case ImageKind::Png:
        if (body.substr(0, 8) != "\x89PNG\r\n\x1a\n")
            return {};
        return {ImageKind::Png, "PNG", walk && pngWalk(r)};
    case ImageKind::Gif:
        if (!body.starts_with("GIF87a") && !body.starts_with("GIF89a"))
            return {};
        return {ImageKind::Gif, std::string(body.substr(0, 6)), walk && gifWalk(r)};
    case ImageKind::None:
        break;
    }
    return {};
}

ImageTake takeImageByContent(std::string_view body, bool walk)
{
    for (const ImageKind k : {ImageKind::Jfif, ImageKind::Png, ImageKind::Gif})
        if (ImageTake t = takeImage(k, body, walk); t.kind != ImageKind::None)
            return t;
    return {};
}

} // namespace synflow
