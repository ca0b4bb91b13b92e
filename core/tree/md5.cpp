#include "tree/md5.h"

#include <cmath>
#include <cstring>

namespace synflow {
namespace {

constexpr uint32_t kShifts[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9,  14, 20, 5, 9,
                                  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                  4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};

uint32_t rotl(uint32_t x, uint32_t c) { return (x << c) | (x >> (32 - c)); }

struct Constants {
    uint32_t k[64];
    Constants()
    {
        // K[i] = floor(|sin(i + 1)| * 2^32), as the RFC defines them.
        for (int i = 0; i < 64; ++i)
            k[i] = uint32_t(std::floor(std::fabs(std::sin(double(i + 1))) * 4294967296.0));
    }
};

void block(uint32_t h[4], const uint8_t* p)
{
    static const Constants c;
    uint32_t m[16];
    for (int i = 0; i < 16; ++i)
        m[i] = uint32_t(p[4 * i]) | uint32_t(p[4 * i + 1]) << 8 | uint32_t(p[4 * i + 2]) << 16 | uint32_t(p[4 * i + 3]) << 24;
    uint32_t a = h[0], b = h[1], cc = h[2], d = h[3];
    for (int i = 0; i < 64; ++i) {
        uint32_t f;
        int g;
        if (i < 16) {
            f = (b & cc) | (~b & d);
            g = i;
        } else if (i < 32) {
            f = (d & b) | (~d & cc);
            g = (5 * i + 1) % 16;
        } else if (i < 48) {
            f = b ^ cc ^ d;
            g = (3 * i + 5) % 16;
        } else {
            f = cc ^ (b | ~d);
            g = (7 * i) % 16;
        }
        const uint32_t next = d;
        d = cc;
        cc = b;
        b = b + rotl(a + f + c.k[i] + m[g], kShifts[i]);
        a = next;
    }
    h[0] += a;
    h[1] += b;
    h[2] += cc;
    h[3] += d;
}

} // namespace

std::string md5Hex(std::string_view data)
{
    uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    const auto* p = reinterpret_cast<const uint8_t*>(data.data());
    size_t n = data.size();
    size_t i = 0;
    for (; i + 64 <= n; i += 64)
        block(h, p + i);
    uint8_t tail[128] = {};
    const size_t rest = n - i;
    std::memcpy(tail, p + i, rest);
    tail[rest] = 0x80;
    const size_t total = rest + 1 + 8 <= 64 ? 64 : 128;
    const uint64_t bits = uint64_t(n) * 8;
    for (int b = 0; b < 8; ++b)
        tail[total - 8 + b] = uint8_t(bits >> (8 * b));
    block(h, tail);
    if (total == 128)
        block(h, tail + 64);
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (uint32_t w : h)
        for (int b = 0; b < 4; ++b) {
            const uint8_t byte = uint8_t(w >> (8 * b));
            out += digits[byte >> 4];
            out += digits[byte & 15];
        }
    return out;
}

} // namespace synflow
