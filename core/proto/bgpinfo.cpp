#include "proto/bgpinfo.h"

#include "output/exceptiontext.h"

#include <algorithm>
#include <cstdio>

namespace synflow {

namespace {

constexpr size_t kHeader = 19; // marker, length, type

bool markerAt(const uint8_t* p, size_t n)
{
    return n >= 16 && std::all_of(p, p + 16, [](uint8_t b) { return b == 0xff; });
}

std::string typeName(uint8_t type)
{
    static const char* const names[] = {nullptr, "OPEN Message", "UPDATE Message", "NOTIFICATION Message",
                                        "KEEPALIVE Message", "ROUTE-REFRESH Message", "CAPABILITY Message"};
    if (type >= 1 && type <= 6)
        return names[type];
    char buf[48];
    std::snprintf(buf, sizeof buf, "Unknown message type (0x%02x)", type);
    return buf;
}

} // namespace

uint32_t bgpMessageLength(const uint8_t* p, size_t n)
{
    if (n < kHeader || !markerAt(p, n))
        return 0;
    return uint32_t(p[16]) << 8 | p[17];
}

std::string bgpInfo(const uint8_t* p, size_t n, size_t reported)
{
    // tshark's BGP looks for the first marker in the segment and reads messages from there.
    size_t off = 0;
    while (off + 16 <= n && !markerAt(p + off, n - off))
        ++off;
    std::string info;
    while (off + kHeader <= n) {
        if (!info.empty())
            info += ", ";
        info += typeName(p[off + 18]);
        const size_t len = std::max<size_t>(uint32_t(p[off + 16]) << 8 | p[off + 17], kHeader);
        if (off + len > n) { // tshark's reading stops at the capture's end, else at the segment's
            info += n < reported ? kSizeLimited : kUnreassembled;
            return info;
        }
        off += len;
    }
    if (n < reported && off < reported) // the next message's header is past the capture's end
        info += kSizeLimited;
    return info;
}

} // namespace synflow
