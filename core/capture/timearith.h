#pragma once
// Checked time arithmetic. Capture files can state any time (a 64-bit stamp at any pcapng
// resolution, plus a 64-bit offset in seconds), so every step is exact or saturates at the
// int64 bounds instead of wrapping: order is kept and nothing overflows.
#include "capture/captureinfo.h"

#include <cstdint>

namespace synflow {

// A pcapng stamp of `raw` units (10^-r s, or 2^-r s with bit 7 of `tsresol` set) plus `offsetSec`
// (if_tsoffset), exactly; the fraction is truncated to nanoseconds, the seconds saturate.
Timestamp pcapngTime(uint64_t raw, uint8_t tsresol, int64_t offsetSec);
// Nanoseconds since the epoch, saturated at the int64 bounds (years 1677 and 2262).
int64_t saturatedNs(const Timestamp& t);
// Nanoseconds since the epoch modulo 2^64, as PacketRecord::tsNs keeps them: differences of
// two such values are exact for any gap under 292 years, wherever the times lie.
int64_t wrappedNs(const Timestamp& t);
bool fitsNs(const Timestamp& t);
Timestamp fromNs(int64_t ns);
// later - earlier, nanoseconds normalised to [0, 1e9), seconds saturated.
Timestamp timeBetween(const Timestamp& later, const Timestamp& earlier);

inline bool timeBefore(const Timestamp& a, const Timestamp& b)
{
    return a.sec < b.sec || (a.sec == b.sec && a.nsec < b.nsec);
}

} // namespace synflow
