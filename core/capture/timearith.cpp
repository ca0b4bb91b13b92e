#include "capture/timearith.h"

#include <limits>

namespace synflow {
namespace {

using u128 = unsigned __int128;
using i128 = __int128;

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

Timestamp clampSeconds(i128 sec, uint32_t nsec)
{
    if (sec > kMax)
        return {kMax, 999999999};
    if (sec < kMin)
        return {kMin, 0};
    return {int64_t(sec), nsec};
}

} // namespace

Timestamp pcapngTime(uint64_t raw, uint8_t tsresol, int64_t offsetSec)
{
    const unsigned exp = tsresol & 0x7f;
    uint64_t sec = 0;
    uint32_t nsec = 0;
    if (tsresol & 0x80) {
        if (exp < 64) {
            sec = raw >> exp;
            nsec = uint32_t((u128(raw & ((uint64_t(1) << exp) - 1)) * 1000000000u) >> exp);
        } else {
            // Units finer than 2^-64 s: the whole stamp is a fraction (raw * 1e9 < 2^94).
            nsec = uint32_t((u128(raw) * 1000000000u) >> exp);
        }
    } else if (exp <= 38) { // 10^38 is the largest power of ten in 128 bits
        u128 units = 1;
        for (unsigned k = 0; k < exp; ++k)
            units *= 10;
        sec = uint64_t(raw / units);
        nsec = uint32_t(u128(raw % units) * 1000000000u / units);
    } // beyond 10^-38 s every 64-bit stamp is below a nanosecond
    return clampSeconds(i128(sec) + offsetSec, nsec);
}

int64_t saturatedNs(const Timestamp& t)
{
    const i128 ns = i128(t.sec) * 1000000000 + t.nsec;
    return ns > kMax ? kMax : ns < kMin ? kMin : int64_t(ns);
}

int64_t wrappedNs(const Timestamp& t)
{
    return int64_t(uint64_t(t.sec) * 1000000000u + t.nsec);
}

bool fitsNs(const Timestamp& t)
{
    const i128 ns = i128(t.sec) * 1000000000 + t.nsec;
    return ns >= kMin && ns <= kMax;
}

Timestamp fromNs(int64_t ns)
{
    Timestamp t{ns / 1000000000, uint32_t(ns % 1000000000 + (ns % 1000000000 < 0 ? 1000000000 : 0))};
    if (ns < 0 && ns % 1000000000)
        t.sec -= 1;
    return t;
}

Timestamp timeBetween(const Timestamp& later, const Timestamp& earlier)
{
    i128 sec = i128(later.sec) - earlier.sec;
    int64_t nsec = int64_t(later.nsec) - int64_t(earlier.nsec);
    if (nsec < 0) {
        nsec += 1000000000;
        sec -= 1;
    }
    return clampSeconds(sec, uint32_t(nsec));
}

} // namespace synflow
